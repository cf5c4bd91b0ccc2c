/** A mistake in how the command was called (exit code 2), as opposed to a problem in the app (exit code 1). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses `--flag`, `--key value` and `--key=value` options; everything else is positional. */
export function parseArgs(argv: readonly string[], spec: { flags?: string[]; options?: string[] }): {
  flags: Set<string>;
  options: Map<string, string>;
  positional: string[];
} {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.flags?.includes(key) && inline === undefined) {
      flags.add(key);
    } else if (spec.options?.includes(key)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${key} needs a value`);
      options.set(key, value);
    } else {
      throw new UsageError(`unknown option --${key}`);
    }
  }
  return { flags, options, positional };
}
