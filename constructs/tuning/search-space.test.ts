import { constructError, testStack } from '../../test/util';
import { Distribution, SearchParameterType, SearchSpace } from './search-space';

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

  test('cardinality counts values as Katib\'s grid does', () => {
    expect(SearchSpace.int('a', { min: 1, max: 5 }).cardinality()).toBe(5);
    expect(SearchSpace.int('a', { min: 1, max: 5, step: 2 }).cardinality()).toBe(3);
    expect(SearchSpace.double('a', { min: 0.1, max: 0.3, step: 0.1 }).cardinality()).toBe(3);
    expect(SearchSpace.double('a', { min: 0.1, max: 0.35, step: 0.1 }).cardinality()).toBe(3);
    expect(SearchSpace.double('a', { min: 0.1, max: 0.3 }).cardinality()).toBeUndefined();
    expect(SearchSpace.categorical('a', ['x', 'y']).cardinality()).toBe(2);
  });

  test.each([
    [SearchSpace.int('n', { min: 1.5, max: 4 }), 'parameters.n.min', 'must be a whole number'],
    [SearchSpace.double('x', { min: 0, max: Infinity }), 'parameters.x.max', 'must be a finite number'],
    [SearchSpace.double('x', { min: 2, max: 1 }), 'parameters.x.max', '1 is less than min 2'],
    [SearchSpace.double('x', { min: 0, max: 1, step: 0 }), 'parameters.x.step', 'greater than zero'],
    [SearchSpace.double('x', { min: 0, max: 1, step: 2 }), 'parameters.x.step', 'larger than the range'],
    [SearchSpace.double('x', { min: 0, max: 1, distribution: Distribution.LOG_UNIFORM }), 'parameters.x.min', 'greater than zero for the logUniform distribution'],
    [SearchSpace.double('x', { min: -1, max: 1, distribution: Distribution.LOG_NORMAL }), 'parameters.x.min', 'logNormal'],
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
});
