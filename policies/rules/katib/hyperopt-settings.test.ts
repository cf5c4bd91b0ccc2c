import { ruleFindings } from '../../../test/policy';
import { algorithm, experiment } from './fixtures';

const check = (name: string, settings: Record<string, string>) => ruleFindings('katib/hyperopt-settings', experiment({ algorithm: algorithm(name, settings) })).map((f) => `${f.path}: ${f.message}`);

describe('katib/hyperopt-settings', () => {
  test('rejects settings out of range, unparsable or unknown', () => {
    expect(check('tpe', { gamma: '1', prior_weight: '0', n_EI_candidates: '2.5', random_state: '-1', n_startup_trials: '5' })).toEqual([
      '.spec.algorithm.algorithmSettings[0].value: gamma must be a number > 0 and < 1, got "1"',
      '.spec.algorithm.algorithmSettings[1].value: prior_weight must be a number > 0, got "0"',
      '.spec.algorithm.algorithmSettings[2].value: n_EI_candidates must be a whole number > 0, got "2.5"',
      '.spec.algorithm.algorithmSettings[3].value: random_state must be a whole number ≥ 0, got "-1"',
      '.spec.algorithm.algorithmSettings[4].name: "n_startup_trials" is not a setting of tpe: Katib\'s hyperopt service rejects unknown settings',
    ]);
    expect(check('random', { gamma: '0.5' }).length).toBe(1);
  });

  test('accepts valid settings', () => {
    expect(check('tpe', { gamma: '0.25', prior_weight: '1.5', n_EI_candidates: '24', random_state: '3' })).toEqual([]);
    expect(check('random', { random_state: '1' })).toEqual([]);
  });
});
