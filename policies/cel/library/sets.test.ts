import { compile } from '../program';

const run = (expression: string) => {
  const program = compile(expression);
  return program.ok ? program.run({}) : program.why;
};

test.each([
  ['sets.contains([1, 2, 3], [3, 1])', true],
  ['sets.contains([1, 2], [3])', false],
  ['sets.contains([1], [])', true],
  ['sets.contains([1, 2.0], [2])', true],
  ["sets.equivalent(['a', 'b', 'b'], ['b', 'a'])", true],
  ['sets.equivalent([1], [1, 2])', false],
  ['sets.intersects([1, 2], [2, 3])', true],
  ['sets.intersects([1], [])', false],
])('%s is %p', (expression, want) => {
  expect(run(expression)).toBe(want);
});
