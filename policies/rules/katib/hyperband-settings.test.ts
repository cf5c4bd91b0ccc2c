import { ruleFindings } from '../../../test/policy';
import { algorithm, categorical, double, experiment, int } from './fixtures';

const check = (settings: Record<string, string>, spec: Record<string, unknown> = {}) => ruleFindings('katib/hyperband-settings', experiment({
  algorithm: algorithm('hyperband', settings), parameters: [double('lr', '0.01', '0.1'), int('epochs', '1', '9')], parallelTrialCount: 9, maxTrialCount: 12, ...spec,
})).map((f) => `${f.path}: ${f.message}`);

describe('katib/hyperband-settings', () => {
  test('rejects missing r_l and resource_name, and a resource that is no parameter', () => {
    expect(check({})).toEqual([
      '.spec.algorithm.algorithmSettings: r_l is required by hyperband',
      '.spec.algorithm.algorithmSettings: resource_name is required by hyperband',
    ]);
    expect(check({ r_l: '9', resource_name: 'steps' })).toEqual([
      '.spec.algorithm.algorithmSettings[1].value: parameter "steps" is not one of the experiment\'s parameters',
    ]);
  });

  test('rejects r_l ≤ 0, eta 1, a categorical resource, fractional discrete values and too few parallel trials', () => {
    expect(check({ r_l: '0', resource_name: 'epochs', eta: '1' })).toEqual([
      '.spec.algorithm.algorithmSettings[0].value: r_l must be a number > 0, got "0"',
      '.spec.algorithm.algorithmSettings[2].value: eta must be a whole number ≥ 2, got "1"',
    ]);
    expect(check({ r_l: '9', resource_name: 'opt' }, { parameters: [categorical('opt', ['a']), { name: 'bs', parameterType: 'discrete', feasibleSpace: { list: ['0.5'] } }] })).toEqual([
      '.spec.parameters[0].parameterType: the resource parameter "opt" is categorical, but Hyperband assigns it a number of epochs or steps',
      '.spec.parameters[1].feasibleSpace.list: has the value "0.5", but Katib\'s Hyperband service reads discrete values as integers',
    ]);
    expect(check({ r_l: '9', resource_name: 'epochs', eta: '3' }, { parallelTrialCount: undefined })).toEqual([
      '.spec.parallelTrialCount: Hyperband with r_l 9 and eta 3 runs 9 trials in its first bracket, and parallelTrialCount is 3 (Katib\'s default)',
    ]);
  });

  test('accepts its settings with enough parallel trials', () => {
    expect(check({ r_l: '9', resource_name: 'epochs', eta: '3' })).toEqual([]);
    expect(check({ r_l: '4', resource_name: 'epochs' }, { parallelTrialCount: 3 })).toEqual([]);
  });
});
