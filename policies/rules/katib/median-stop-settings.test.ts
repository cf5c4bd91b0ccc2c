import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const check = (algorithmSettings: unknown[]) => ruleFindings('katib/median-stop-settings', experiment({ earlyStopping: { algorithmName: 'medianstop', algorithmSettings } }))
  .map((f) => `${f.path}: ${f.message}`);

describe('katib/median-stop-settings', () => {
  test('rejects settings below 1, fractional or unknown', () => {
    expect(check([{ name: 'min_trials_required', value: '0' }, { name: 'start_step', value: '0.5' }, { name: 'patience', value: '2' }])).toEqual([
      '.spec.earlyStopping.algorithmSettings[0].value: min_trials_required must be a whole number ≥ 1, got "0"',
      '.spec.earlyStopping.algorithmSettings[1].value: start_step must be a whole number ≥ 1, got "0.5"',
      '.spec.earlyStopping.algorithmSettings[2].name: "patience" is not a setting of medianstop: Katib\'s medianstop service rejects unknown settings',
    ]);
  });

  test('accepts its two settings', () => {
    expect(check([{ name: 'min_trials_required', value: '3' }, { name: 'start_step', value: '4' }])).toEqual([]);
  });
});
