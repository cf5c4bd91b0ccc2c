// How one argument of a trial's primary container fares in Katib's `sh -c` wrapping: the
// StdOut, File and TensorFlowEvent collectors join the command and args with spaces and run
// them as `sh -c "<joined>"` (wrapWorkerContainer in kubeflow/katib pkg/webhook/v1beta1/pod/utils.go).
// So the shell, not the container runtime, splits the arguments and removes their quotes.

const PLACEHOLDER = /^\$\{trialParameters\.([^}]*)\}/;
/** Characters the shell takes literally outside quotes. */
const PLAIN = /[\w@%+=:,./\-[\]]/;

/**
 * Why `arg` does not stay one shell word meaning what it says, or undefined when it does:
 * plain characters, `\`-escapes and balanced quotes (the shell removes them, as Katib's own NAS
 * examples rely on: `--architecture="${trialParameters.architecture}"`). `textual` names the
 * placeholders whose values hold spaces and single quotes (the NAS suggestions' JSON-like
 * text): they must be in double quotes. Other placeholders (numbers, categories) may be bare.
 * @internal
 */
export function shellWordProblem(arg: string, textual: ReadonlySet<string>): string | undefined {
  let i = 0;
  while (i < arg.length) {
    const placeholder = PLACEHOLDER.exec(arg.slice(i));
    if (placeholder) {
      if (textual.has(placeholder[1])) return `${placeholder[0]} is not in double quotes, and its value has spaces`;
      i += placeholder[0].length;
      continue;
    }
    const c = arg[i];
    if (c === '\\') {
      if (i + 1 >= arg.length) return 'it ends with a lone backslash';
      i += 2;
    } else if (c === '"') {
      const end = doubleQuoted(arg, i + 1);
      if (typeof end === 'string') return end;
      i = end + 1;
    } else if (c === '\'') {
      const end = arg.indexOf('\'', i + 1);
      if (end === -1) return 'a single quote is not closed';
      const inside = arg.slice(i + 1, end);
      const bad = [...inside.matchAll(/\$\{trialParameters\.([^}]*)\}/g)].find((m) => textual.has(m[1]));
      if (bad) return `${bad[0]} is in single quotes, and its value has single quotes`;
      i = end + 1;
    } else if (PLAIN.test(c)) {
      i += 1;
    } else {
      return c === ' ' || c === '\t' || c === '\n' ? 'it has unquoted whitespace' : `it has the unquoted shell character ${JSON.stringify(c)}`;
    }
  }
  return undefined;
}

/** The index of the `"` that closes a double-quoted string starting at `start`, or why it is a problem. */
function doubleQuoted(arg: string, start: number): number | string {
  let i = start;
  while (i < arg.length) {
    const placeholder = PLACEHOLDER.exec(arg.slice(i));
    if (placeholder) {
      i += placeholder[0].length;
      continue;
    }
    const c = arg[i];
    if (c === '"') return i;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '$' || c === '`') return `the shell expands ${JSON.stringify(c)} inside double quotes`;
    i += 1;
  }
  return 'a double quote is not closed';
}
