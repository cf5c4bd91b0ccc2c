#!/usr/bin/env node
import { UsageError } from './usage';

/** One entry per subcommand; each module exports `run(argv): Promise<number>` (the exit code). */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  synth: { summary: 'run the app, validate, write dist/<stack>/ atomically', load: () => import('./synth') },
  validate: { summary: 'validate any manifests (files or dirs) against schemas/; --server also against a cluster', load: () => import('./validate') },
  schemas: { summary: 'derive schemas/ from upstream CRD YAML and OpenAPI v3 JSON', load: () => import('./schemas') },
};

export const USAGE = `usage: cdk8s-kubeflow <command> [options]

commands:
${Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`).join('\n')}

Exit codes: 0 success, 1 construct/validation errors, 2 usage errors.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`); process.exitCode = 1; },
  );
}
