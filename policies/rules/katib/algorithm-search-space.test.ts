import { ruleFindings } from '../../../test/policy';
import { algorithm, experiment } from './fixtures';

const NAS = { graphConfig: { numLayers: 1 }, operations: [] };

describe('katib/algorithm-search-space', () => {
  test('rejects NAS algorithms without nasConfig or with parameters, and parameter algorithms with only nasConfig', () => {
    expect(ruleFindings('katib/algorithm-search-space', experiment({ algorithm: algorithm('enas') })).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.parameters: are set, but enas searches architectures, not parameters',
    ]);
    expect(ruleFindings('katib/algorithm-search-space', experiment({ algorithm: algorithm('darts'), parameters: [] })).map((f) => f.path)).toEqual(['.spec.nasConfig']);
    expect(ruleFindings('katib/algorithm-search-space', experiment({ parameters: undefined, nasConfig: NAS })).map((f) => f.message)).toEqual([
      'is set, but random tunes parameters, not architectures',
    ]);
  });

  test('accepts each kind of algorithm with its search space', () => {
    expect(ruleFindings('katib/algorithm-search-space', experiment())).toEqual([]);
    expect(ruleFindings('katib/algorithm-search-space', experiment({ algorithm: algorithm('darts'), parameters: undefined, nasConfig: NAS }))).toEqual([]);
  });
});
