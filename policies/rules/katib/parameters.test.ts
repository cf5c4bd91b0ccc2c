import { ruleFindings } from '../../../test/policy';
import { categorical, double, experiment } from './fixtures';

const check = (...parameters: unknown[]) => ruleFindings('katib/parameters', experiment({ parameters })).map((f) => `${f.path}: ${f.message}`);

describe('katib/parameters', () => {
  test('rejects unknown types and distributions, lists on ranges, bounds on lists and missing bounds', () => {
    expect(check(
      { name: 'a', parameterType: 'float', feasibleSpace: { min: '0', max: '1' } },
      double('b', '0', '1', { distribution: 'gaussian' }),
      { name: 'c', parameterType: 'int', feasibleSpace: { min: '1', list: ['1', '2'] } },
      { name: 'd', parameterType: 'categorical', feasibleSpace: { list: ['x'], min: '1', step: '1' } },
    )).toEqual([
      '.spec.parameters[0].parameterType: parameterType "float" is not supported',
      '.spec.parameters[1].feasibleSpace.distribution: distribution "gaussian" is not supported',
      '.spec.parameters[2].feasibleSpace.list: is not supported for parameterType int',
      '.spec.parameters[2].feasibleSpace.max: is required for parameterType int',
      '.spec.parameters[3].feasibleSpace.min: min, step are not supported for parameterType categorical',
    ]);
  });

  test('accepts every type with its feasible space', () => {
    expect(check(
      double('lr', '0.001', '0.1', { distribution: 'logUniform' }),
      { name: 'n', parameterType: 'int', feasibleSpace: { min: '1', max: '5', step: '2' } },
      categorical('opt', ['sgd', 'adam']),
      { name: 'bs', parameterType: 'discrete', feasibleSpace: { list: ['32', '64'] } },
    )).toEqual([]);
  });
});
