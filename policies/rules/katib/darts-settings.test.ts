import { ruleFindings } from '../../../test/policy';
import { algorithm, experiment } from './fixtures';

const check = (settings: Record<string, string>, operations: unknown[]) => ruleFindings('katib/darts-settings', experiment({
  algorithm: algorithm('darts', settings), parameters: undefined, nasConfig: { graphConfig: { numLayers: 1 }, operations },
})).map((f) => `${f.severity} ${f.path}: ${f.message}`);
const pooling = (parameter: unknown) => ({ operationType: 'max_pooling', parameters: [parameter] });

describe('katib/darts-settings', () => {
  test('rejects settings out of range, and warns about an operation whose first parameter is no list', () => {
    expect(check({ batch_size: '0', w_lr: '-1', num_epochs: 'ten' }, [pooling({ name: 'filter_size', parameterType: 'int', feasibleSpace: { min: '3', max: '5' } })])).toEqual([
      'error .spec.algorithm.algorithmSettings[0].value: batch_size must be a whole number ≥ 1, got "0"',
      'error .spec.algorithm.algorithmSettings[1].value: w_lr must be a number ≥ 0, got "-1"',
      'error .spec.algorithm.algorithmSettings[2].value: num_epochs must be a whole number ≥ 1, got "ten"',
      'warning .spec.nasConfig.operations[0].parameters[0]: is int, but DARTS reads the first parameter of each operation as its list of filter sizes, so max_pooling is left out of the search',
    ]);
  });

  test('accepts valid settings and list-first operations', () => {
    expect(check({ num_epochs: '1', batch_size: 'None', stem_multiplier: '1' }, [
      pooling({ name: 'filter_size', parameterType: 'categorical', feasibleSpace: { list: ['3'] } }),
      { operationType: 'skip_connection', parameters: [{ name: 'x', parameterType: 'int', feasibleSpace: { min: '1', max: '2' } }] },
    ])).toEqual([]);
  });
});
