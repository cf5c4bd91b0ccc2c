import { isCelList } from '@bufbuild/cel';
import { compile } from '../program';
import { toJsRegExp } from './re2-syntax';

const run = (expression: string, self: string) => {
  const program = compile(expression);
  if (!program.ok) throw new Error(program.why);
  const result = program.run({ self });
  return isCelList(result) ? [...result] : result instanceof Error ? `error: ${result.message}` : result;
};

test.each([
  ["self.find('[0-9]+')", 'ab12cd345', '12'],
  ["self.find('x')", 'abc', ''],
  ["self.findAll('[0-9]+')", 'a1b22c333', ['1', '22', '333']],
  ["self.findAll('[0-9]+', 2)", 'a1b22c333', ['1', '22']],
  ["self.findAll('[0-9]+', 0)", 'a1b22c333', []],
  // Go skips an empty match right after a match (JavaScript's matchAll gives ['', 'aaa', '', '']).
  ["self.findAll('a*')", 'baaac', ['', 'aaa', '']],
  ["self.findAll('a*')", 'baaa', ['', 'aaa']],
  ["self.find('(?i)HELLO')", 'say hello', 'hello'],
  ["self.find('a.c')", 'a\nc abc', 'abc'],
  ["self.find('(?s)a.c')", 'a\nc', 'a\nc'],
  ["self.findAll('\\\\s')", 'a b\u00a0c', [' ']],
  ["self.find('(?P<n>[a-z]+)')", '12ab', 'ab'],
])('%s on %p', (expression, self, want) => {
  expect(run(expression, self)).toEqual(want);
});

test('a construct whose meaning would differ is unsupported, so its rule is not checked', () => {
  expect(run("self.find('(?U)a+')", 'aaa')).toMatch(/^error: unsupported: regular expression/);
  expect(run("self.find('[[:alpha:]]+')", 'abc')).toMatch(/^error: unsupported/);
  expect(() => toJsRegExp('a(?=b)')).toThrow(/unsupported/);
});

test.each([
  ['\\Aab\\z', /^ab$/u],
  ['a\\-b[\\-x]', /a-b[\-x]/u],
  ['\\pL\\x{41}', /\p{L}\u{41}/u],
  ['[]a]', /[\]a]/u],
])('RE2 %s is JavaScript %s', (re2, js) => {
  expect(toJsRegExp(re2).source).toBe(js.source);
});
