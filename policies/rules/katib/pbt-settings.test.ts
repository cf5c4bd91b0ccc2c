import { ruleFindings } from '../../../test/policy';
import { algorithm, double, experiment } from './fixtures';

const check = (settings: Record<string, string>, parameters: unknown[] = [double('lr', '0.01', '0.1', { step: '0.01' })]) =>
  ruleFindings('katib/pbt-settings', experiment({ algorithm: algorithm('pbt', settings), parameters, resumePolicy: 'FromVolume' })).map((f) => `${f.path}: ${f.message}`);
const VALID = { suggestion_trial_dir: '/var/log/katib/checkpoints/', n_population: '40', truncation_threshold: '0.2' };

describe('katib/pbt-settings', () => {
  test('rejects missing and invalid settings, resample_probability and doubles without step', () => {
    expect(check({ n_population: '4' }, [double('lr', '0.01', '0.1')])).toEqual([
      '.spec.algorithm.algorithmSettings: suggestion_trial_dir, truncation_threshold are required by pbt',
      '.spec.algorithm.algorithmSettings[0].value: n_population must be a whole number ≥ 5, got "4"',
      '.spec.parameters[0].feasibleSpace.step: is required for PBT, which samples doubles from min, min + step, …, max',
    ]);
    expect(check({ ...VALID, truncation_threshold: '1.2', resample_probability: '0.5' })).toEqual([
      '.spec.algorithm.algorithmSettings[2].value: truncation_threshold must be a number in [0, 1], got "1.2"',
      '.spec.algorithm.algorithmSettings[3].name: makes Katib v0.19\'s PBT service fail: it compares the setting\'s text with numbers',
    ]);
  });

  test('accepts its three settings and stepped doubles', () => {
    expect(check(VALID)).toEqual([]);
  });
});
