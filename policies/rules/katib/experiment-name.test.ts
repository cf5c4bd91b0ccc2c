import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

describe('katib/experiment-name', () => {
  test('rejects a name longer than 40 characters or not starting with a lowercase letter', () => {
    expect(ruleFindings('katib/experiment-name', experiment({}, { name: 'a'.repeat(41) }))).toEqual([expect.objectContaining({
      path: '.metadata.name', message: `"${'a'.repeat(41)}" has 41 characters, and at most 40 are allowed`, fix: `shorten the name to at most 40 characters, e.g. "${'a'.repeat(40)}"`,
    })]);
    expect(ruleFindings('katib/experiment-name', experiment({}, { name: '1abc' })).map((f) => f.message)).toEqual(['"1abc" does not start with a lowercase letter']);
  });

  test('accepts a 40-character name', () => {
    expect(ruleFindings('katib/experiment-name', experiment({}, { name: 'e'.repeat(40) }))).toEqual([]);
  });
});
