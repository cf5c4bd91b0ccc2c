import { policyFindings } from '../../test/policy';
import { constructError, testStack, testTenant } from '../../test/util';
import { Algorithm } from './algorithm';
import { Experiment } from './experiment';
import { Metric } from './objective';
import { Distribution, SearchParameterType, SearchSpace } from './search-space';
import { TrialTemplate } from './trial-template';

describe('SearchSpace', () => {
  test('renders every type in Katib\'s string format, with the default distribution explicit', () => {
    expect(SearchSpace.int('layers', { min: 2, max: 8, step: 2 })._render()).toEqual({
      name: 'layers', parameterType: 'int', feasibleSpace: { min: '2', max: '8', step: '2', distribution: 'uniform' },
    });
    expect(SearchSpace.double('lr', { min: 1e-5, max: 0.1, distribution: Distribution.LOG_UNIFORM })._render()).toEqual({
      name: 'lr', parameterType: 'double', feasibleSpace: { min: '0.00001', max: '0.1', step: undefined, distribution: 'logUniform' },
    });
    expect(SearchSpace.categorical('optimizer', ['sgd', 'adam'])._render()).toEqual({ name: 'optimizer', parameterType: 'categorical', feasibleSpace: { list: ['sgd', 'adam'] } });
    expect(SearchSpace.discrete('batch', [32, 64, 128.5])._render()).toEqual({ name: 'batch', parameterType: 'discrete', feasibleSpace: { list: ['32', '64', '128.5'] } });
  });

  test('ref is Katib\'s placeholder; reference is the name', () => {
    const p = SearchSpace.double('lr', { min: 0.1, max: 0.2 });
    expect([p.ref, p.reference, p.type]).toEqual(['${trialParameters.lr}', 'lr', SearchParameterType.DOUBLE]);
  });

  test.each([
    [SearchSpace.int('n', { min: 1.5, max: 4 }), 'parameters.n.min', 'must be a whole number'],
    [SearchSpace.double('x', { min: 0, max: Infinity }), 'parameters.x.max', 'must be a finite number'],
    [SearchSpace.double('x', { min: 0, max: 1, step: 0 }), 'parameters.x.step', 'greater than zero'],
    [SearchSpace.double('x', { min: 0, max: 1, step: 2 }), 'parameters.x.step', 'larger than the range'],
    [SearchSpace.categorical('c', []), 'parameters.c.list', 'is empty'],
    [SearchSpace.categorical('c', ['a', 'a']), 'parameters.c.list', '"a" is listed twice'],
    [SearchSpace.discrete('d', [1, NaN]), 'parameters.d.list', 'not a finite number'],
    [SearchSpace.double('learning rate', { min: 0, max: 1 }), 'parameters.learning rate', 'not a valid parameter name'],
    [SearchSpace.double('trialName', { min: 0, max: 1 }), 'parameters.trialName', 'reserved for the trial\'s metadata'],
  ])('rejects %#', (param, field, problem) => {
    const e = constructError(() => param._validate(testStack(), field.split('.').slice(0, 2).join('.')));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('min above max, and log distributions from min ≤ 0 where the algorithm takes log(min), are the katib/* rules\' at synth', () => {
    const stack = testStack();
    const x = SearchSpace.double('x', { min: 2, max: 1 });
    const y = SearchSpace.double('y', { min: 0, max: 1, distribution: Distribution.LOG_UNIFORM });
    new Experiment(stack, 'Tune', {
      tenant: testTenant(stack), objective: Metric.maximize('accuracy'), algorithm: Algorithm.tpe(), parameters: [x, y], maxTrialCount: 4,
      trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/example/train:1.0.0', args: [x.ref, y.ref] }),
    });
    expect(policyFindings(stack, 'katib/').map((f) => `${f.rule} ${f.construct} ${f.path}: ${f.message}`)).toEqual([
      'katib/feasible-space test/Tune .spec.parameters[0].feasibleSpace.max: 1 is less than min 2',
      'katib/distribution-supported test/Tune .spec.parameters[1].feasibleSpace.min: must be greater than zero for the logUniform distribution (tpe samples log(value)), got 0',
    ]);
  });
});
