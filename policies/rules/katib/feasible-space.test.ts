import { ruleFindings } from '../../../test/policy';
import { algorithm, categorical, double, experiment, int } from './fixtures';

const check = (name: string, ...parameters: unknown[]) => ruleFindings('katib/feasible-space', experiment({ algorithm: algorithm(name), parameters })).map((f) => `${f.path}: ${f.message}`);

describe('katib/feasible-space', () => {
  test('rejects bounds that are no numbers, min above max, a step ≤ 0 and an empty list', () => {
    expect(check('random', double('a', 'small', '1'), double('b', '2', '1'), double('c', '0', '1', { step: '0' }), categorical('d', []))).toEqual([
      '.spec.parameters[0].feasibleSpace.min: "small" is not a number',
      '.spec.parameters[1].feasibleSpace.max: 1 is less than min 2',
      '.spec.parameters[2].feasibleSpace.step: must be greater than zero, got 0',
      '.spec.parameters[3].feasibleSpace.list: is empty',
    ]);
  });

  test('rejects fractional int bounds for the services that read them with int()', () => {
    expect(check('grid', int('n', '1.5', '4'))).toEqual(['.spec.parameters[0].feasibleSpace.min: "1.5" is not a whole number (the suggestion service reads int bounds with int())']);
    expect(check('random', int('n', '1.5', '4'))).toEqual([]);
  });

  test('accepts numeric ranges and lists', () => {
    expect(check('grid', double('lr', '1e-4', '0.1', { step: '0.01' }), int('n', '1', '4'), categorical('opt', ['sgd']))).toEqual([]);
  });
});
