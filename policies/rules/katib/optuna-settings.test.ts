import { ruleFindings } from '../../../test/policy';
import { algorithm, categorical, double, experiment, int } from './fixtures';

const check = (spec: Record<string, unknown>) => ruleFindings('katib/optuna-settings', experiment(spec)).map((f) => `${f.path}: ${f.message}`);

describe('katib/optuna-settings', () => {
  test('rejects invalid or unknown multivariate-tpe settings', () => {
    expect(check({ algorithm: algorithm('multivariate-tpe', { n_startup_trials: '-2', gamma: '0.1' }) })).toEqual([
      '.spec.algorithm.algorithmSettings[0].value: n_startup_trials must be a whole number ≥ 0, got "-2"',
      '.spec.algorithm.algorithmSettings[1].name: "gamma" is not a setting of multivariate-tpe: Katib\'s optuna service rejects unknown settings',
    ]);
  });

  test('rejects a grid over a double without step, and more trials than combinations', () => {
    expect(check({ algorithm: algorithm('grid'), parameters: [double('lr', '0.01', '0.1')] })).toEqual([
      '.spec.parameters[0].feasibleSpace.step: is required for grid search: a double without a step has infinitely many values',
    ]);
    // 0.01..0.03 step 0.01 is 3 values (numpy.arange), × 2 optimizers = 6 < 8 trials.
    expect(check({ algorithm: algorithm('grid'), maxTrialCount: 8, parameters: [double('lr', '0.01', '0.03', { step: '0.01' }), categorical('opt', ['sgd', 'adam'])] })).toEqual([
      '.spec.maxTrialCount: is 8, but the grid has only 6 combinations',
    ]);
  });

  test('accepts a grid with as many combinations as trials, and valid settings', () => {
    expect(check({ algorithm: algorithm('grid', { random_state: '4' }), maxTrialCount: 6, parameters: [double('lr', '0.01', '0.03', { step: '0.01' }), categorical('opt', ['sgd', 'adam'])] })).toEqual([]);
    expect(check({ algorithm: algorithm('grid'), maxTrialCount: 3, parameters: [int('n', '1', '5', { step: '2' })] })).toEqual([]);
    expect(check({ algorithm: algorithm('multivariate-tpe', { n_startup_trials: '5', n_ei_candidates: '10', random_state: '1' }) })).toEqual([]);
  });
});
