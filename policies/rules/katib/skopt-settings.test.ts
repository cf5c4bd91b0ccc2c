import { ruleFindings } from '../../../test/policy';
import { algorithm, double, experiment, int } from './fixtures';

const check = (settings: Record<string, string>, parameters: unknown[] = [double('lr', '0.001', '0.1')]) =>
  ruleFindings('katib/skopt-settings', experiment({ algorithm: algorithm('bayesianoptimization', settings), parameters })).map((f) => `${f.path}: ${f.message}`);

describe('katib/skopt-settings', () => {
  test('rejects invalid and unknown settings, lbfgs without GP, and run-time acquisition functions', () => {
    expect(check({ base_estimator: 'SVM', n_initial_points: '1.5', seed: '1' })).toEqual([
      '.spec.algorithm.algorithmSettings[0].value: base_estimator must be one of GP, RF, ET, GBRT, got "SVM"',
      '.spec.algorithm.algorithmSettings[1].value: n_initial_points must be a whole number ≥ 0, got "1.5"',
      '.spec.algorithm.algorithmSettings[2].name: "seed" is not a setting of bayesianoptimization: Katib\'s skopt service rejects unknown settings',
    ]);
    expect(check({ base_estimator: 'RF', acq_optimizer: 'lbfgs', acq_func: 'EIps' })).toEqual([
      '.spec.algorithm.algorithmSettings[1].value: lbfgs needs gradients, which only the GP estimator has (base_estimator is RF)',
      '.spec.algorithm.algorithmSettings[2].value: EIps weighs by each trial\'s run time, which Katib does not report to skopt',
    ]);
  });

  test('rejects doubles from min ≤ 0 (sampled log-uniformly) and empty ranges', () => {
    expect(check({}, [double('shift', '-1', '1'), int('n', '3', '3')])).toEqual([
      '.spec.parameters[0].feasibleSpace.min: must be greater than zero for Bayesian optimization, got -1: Katib\'s skopt service samples every double log-uniformly',
      '.spec.parameters[1].feasibleSpace.max: equals min (3), and skopt needs min < max',
    ]);
  });

  test('accepts valid settings over positive ranges', () => {
    expect(check({ base_estimator: 'GP', n_initial_points: '4', acq_func: 'EI', acq_optimizer: 'lbfgs', random_state: '10' }, [double('lr', '0.001', '0.1'), int('n', '0', '3')])).toEqual([]);
  });
});
