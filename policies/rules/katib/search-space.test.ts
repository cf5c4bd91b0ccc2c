import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const NAS = { graphConfig: { numLayers: 1 }, operations: [{ operationType: 'convolution', parameters: [{ name: 'filter_size', parameterType: 'categorical', feasibleSpace: { list: ['3'] } }] }] };

describe('katib/search-space', () => {
  test('rejects nothing to search, and both search spaces', () => {
    expect(ruleFindings('katib/search-space', experiment({ parameters: [] })).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.parameters: is empty and there is no nasConfig: there is nothing to search',
    ]);
    expect(ruleFindings('katib/search-space', experiment({ nasConfig: NAS })).map((f) => f.path)).toEqual(['.spec.nasConfig']);
  });

  test('accepts parameters alone, and nasConfig alone', () => {
    expect(ruleFindings('katib/search-space', experiment())).toEqual([]);
    expect(ruleFindings('katib/search-space', experiment({ parameters: undefined, nasConfig: NAS }))).toEqual([]);
  });
});
