import { ruleFindings } from '../../../test/policy';
import { algorithm, experiment } from './fixtures';

const OPERATIONS = [{ operationType: 'convolution', parameters: [{ name: 'filter_size', parameterType: 'categorical', feasibleSpace: { list: ['3'] } }] }];
const check = (graphConfig: unknown, settings: Record<string, string> = {}) => ruleFindings('katib/enas-settings', experiment({
  algorithm: algorithm('enas', settings), parameters: undefined, nasConfig: { graphConfig, operations: OPERATIONS },
})).map((f) => `${f.path}: ${f.message}`);

describe('katib/enas-settings', () => {
  test('rejects a graph without sizes or layers, and controller settings out of range or unknown', () => {
    expect(check({ outputSizes: [10] }, { controller_skip_target: '1.5', controller_hidden_size: '0', controller_lr: '0.1' })).toEqual([
      '.spec.nasConfig.graphConfig.inputSizes: is required by ENAS',
      '.spec.nasConfig.graphConfig.numLayers: is required by ENAS',
      '.spec.algorithm.algorithmSettings[0].value: controller_skip_target must be a number > 0 and ≤ 1, got "1.5"',
      '.spec.algorithm.algorithmSettings[1].value: controller_hidden_size must be a whole number ≥ 1, got "0"',
      '.spec.algorithm.algorithmSettings[2].name: "controller_lr" is not a setting of enas: Katib\'s enas service rejects unknown settings',
    ]);
  });

  test('accepts a complete graph and valid settings, None where ENAS allows it', () => {
    expect(check({ numLayers: 8, inputSizes: [32, 32, 3], outputSizes: [10] }, { controller_hidden_size: '64', controller_temperature: 'None', controller_baseline_decay: '0.999' })).toEqual([]);
  });
});
