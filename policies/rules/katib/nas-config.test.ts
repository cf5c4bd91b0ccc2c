import { ruleFindings } from '../../../test/policy';
import { algorithm, experiment } from './fixtures';

const check = (operations: unknown[]) => ruleFindings('katib/nas-config', experiment({
  algorithm: algorithm('enas'), parameters: undefined, nasConfig: { graphConfig: { numLayers: 1, inputSizes: [32], outputSizes: [10] }, operations },
})).map((f) => `${f.path}: ${f.message}`);

describe('katib/nas-config', () => {
  test('rejects operations without type or parameters, and parameters without list, range or a double\'s step', () => {
    expect(check([
      { operationType: '', parameters: [{ name: 'filter_size', parameterType: 'categorical', feasibleSpace: { list: [] } }] },
      { operationType: 'skip', parameters: [] },
      { operationType: 'dropout', parameters: [{ name: 'rate', parameterType: 'double', feasibleSpace: { min: '0.1', max: '0.5' } }, { name: 'n', parameterType: 'int', feasibleSpace: {} }] },
    ])).toEqual([
      '.spec.nasConfig.operations[0].operationType: the operation type is empty',
      '.spec.nasConfig.operations[0].parameters[0].feasibleSpace.list: is empty',
      '.spec.nasConfig.operations[1].parameters: operation skip has no parameters',
      '.spec.nasConfig.operations[2].parameters[0].feasibleSpace.step: is required for a double parameter of a NAS operation',
      '.spec.nasConfig.operations[2].parameters[1].feasibleSpace: has neither min nor max',
    ]);
  });

  test('accepts valid operations', () => {
    expect(check([
      { operationType: 'convolution', parameters: [{ name: 'filter_size', parameterType: 'categorical', feasibleSpace: { list: ['3', '5'] } }] },
      { operationType: 'reduction', parameters: [{ name: 'pool', parameterType: 'int', feasibleSpace: { min: '2', max: '3', step: '1' } }, { name: 'rate', parameterType: 'double', feasibleSpace: { min: '0.1', max: '0.5', step: '0.1' } }] },
    ])).toEqual([]);
  });
});
