import { isCelError } from '@bufbuild/cel';
import { compile } from '../program';

function run(expression: string): unknown {
  const program = compile(expression);
  if (!program.ok) throw new Error(program.why);
  const result = program.run({});
  return isCelError(result) ? `error: ${result.message}` : result;
}

test.each([
  ['[1, 2, 2, 3].isSorted()', true],
  ['[3, 1].isSorted()', false],
  ["['a', 'b', 'B'].isSorted()", false],
  ['[].isSorted()', true],
  ['[1, 2, 3].sum()', 6n],
  ['[1.5, 2.5].sum()', 4],
  ['[].sum()', 0n],
  ['[9223372036854775807, 1].sum()', 'error: integer overflow'],
  ['[3, 1, 2].min()', 1n],
  ["['b', 'a'].max()", 'b'],
  ['[].min()', 'error: min called on empty list'],
  ['[1, 2, 1].indexOf(1)', 0n],
  ['[1, 2, 1].lastIndexOf(1)', 2n],
  ['[1, 2].indexOf(3)', -1n],
  ['[[1], [2]].indexOf([2])', 1n],
  ["'abcabc'.indexOf('c')", 2n],
])('%s is %p', (expression, want) => {
  expect(run(expression)).toEqual(want);
});
