import { ruleFindings } from '../../../test/policy';
import { algorithm, double, experiment, int } from './fixtures';

const check = (name: string, ...parameters: unknown[]) => ruleFindings('katib/distribution-supported', experiment({ algorithm: algorithm(name), parameters })).map((f) => `${f.severity} ${f.path}: ${f.message}`);

describe('katib/distribution-supported', () => {
  test('rejects normal distributions with optuna, which leaves the parameter out', () => {
    expect(check('multivariate-tpe', double('lr', '0.01', '0.1', { distribution: 'normal' }))).toEqual([
      'error .spec.parameters[0].feasibleSpace.distribution: multivariate-tpe (Katib\'s optuna suggestion) does not sample the normal distribution: it leaves the parameter out, and the trials are not created',
    ]);
  });

  test('rejects log distributions from min ≤ 0 with hyperopt, which takes log(min)', () => {
    expect(check('tpe', double('x', '0', '1', { distribution: 'logUniform' }))).toEqual([
      'error .spec.parameters[0].feasibleSpace.min: must be greater than zero for the logUniform distribution (tpe samples log(value)), got 0',
    ]);
  });

  test('warns that skopt, goptuna, Hyperband and PBT ignore distributions', () => {
    expect(check('cmaes', double('x', '0.1', '1', { distribution: 'logUniform' }), int('n', '1', '5'))).toEqual([
      'warning .spec.parameters[0].feasibleSpace.distribution: cmaes (Katib\'s goptuna suggestion) does not sample the logUniform distribution: it ignores distributions and samples uniformly',
    ]);
  });

  test('accepts what each service samples', () => {
    const all = ['uniform', 'logUniform', 'normal', 'logNormal'].map((distribution, i) => double(`p${i}`, '0.01', '1', { distribution }));
    expect(check('random', ...all)).toEqual([]);
    expect(check('grid', double('lr', '0.01', '1', { distribution: 'logUniform', step: '0.1' }))).toEqual([]);
    expect(check('bayesianoptimization', double('lr', '0.01', '1', { distribution: 'uniform' }))).toEqual([]);
  });
});
