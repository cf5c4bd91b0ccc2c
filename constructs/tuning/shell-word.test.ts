import { shellWordProblem } from './shell-word';

const NAS = new Set(['architecture', 'nnConfig']);
const ARCH = '${trialParameters.architecture}';

describe('shellWordProblem: one argument in Katib\'s sh -c', () => {
  test.each([
    ['--lr=0.01'],
    ['--lr=${trialParameters.lr}'],
    // Katib's ENAS and DARTS examples: the shell removes the quotes, the value keeps its spaces.
    [`--architecture="${ARCH}"`],
    ['--nn_config="${trialParameters.nnConfig}"'],
    ['"--architecture=${trialParameters.architecture}"'],
    ['--note="two words"'],
    ['--note=\'two words\''],
    ['--note=two\\ words'],
    ['/workspace/train.py'],
    ['--layers=[1,2]'],
    [''],
  ])('%s stays one word', (arg) => {
    expect(shellWordProblem(arg, NAS)).toBeUndefined();
  });

  test.each([
    ['two words', 'it has unquoted whitespace'],
    ['--note="two words', 'a double quote is not closed'],
    ['--note=\'two words', 'a single quote is not closed'],
    ['a;b', 'unquoted shell character ";"'],
    ['$HOME', 'unquoted shell character "$"'],
    ['--home="$HOME"', 'expands "$" inside double quotes'],
    ['--x="`id`"', 'expands "`" inside double quotes'],
    ['trailing\\', 'lone backslash'],
    [`--architecture=${ARCH}`, '${trialParameters.architecture} is not in double quotes, and its value has spaces'],
    [`--architecture='${ARCH}'`, 'is in single quotes, and its value has single quotes'],
  ])('%s is a problem: %s', (arg, problem) => {
    expect(shellWordProblem(arg, NAS)).toContain(problem);
  });

  test('a placeholder that is not textual may be bare, quoted or single-quoted', () => {
    for (const arg of ['--lr=${trialParameters.lr}', '--lr="${trialParameters.lr}"', '--lr=\'${trialParameters.lr}\'']) {
      expect(shellWordProblem(arg, NAS)).toBeUndefined();
    }
  });
});
