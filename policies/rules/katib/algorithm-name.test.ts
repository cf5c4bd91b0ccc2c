import { ruleFindings } from '../../../test/policy';
import { RULES, runPolicies } from '../index';
import { algorithm, experiment } from './fixtures';

describe('katib/algorithm-name', () => {
  test('rejects a missing algorithm name and one katib-config does not list', () => {
    expect(ruleFindings('katib/algorithm-name', experiment({ algorithm: {} })).map((f) => f.message)).toEqual(['is required']);
    expect(ruleFindings('katib/algorithm-name', experiment({ algorithm: algorithm('bayesian') }))).toEqual([expect.objectContaining({
      path: '.spec.algorithm.algorithmName', message: '"bayesian" is not an algorithm of katib-config',
    })]);
  });

  test('accepts Katib\'s algorithms, and others the configuration names', () => {
    for (const name of ['random', 'tpe', 'grid', 'hyperband', 'bayesianoptimization', 'cmaes', 'sobol', 'multivariate-tpe', 'enas', 'darts', 'pbt']) {
      expect(ruleFindings('katib/algorithm-name', experiment({ algorithm: algorithm(name) }))).toEqual([]);
    }
    const rules = RULES.filter((r) => r.id === 'katib/algorithm-name');
    const config = { rules: { 'katib/algorithm-name': { params: { algorithms: ['random', 'my-search'] } } } };
    expect(runPolicies([{ object: experiment({ algorithm: algorithm('my-search') }) }], { rules, config }).findings).toEqual([]);
  });
});
