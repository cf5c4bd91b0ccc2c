import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { ConstructError } from '../constructs/core/errors';
import { Finding, formatFinding } from '../policies/findings';
import { SchemaValidator } from '../policies/schema-validator';
import { loadApp, readAppConfig } from './app-loader';
import { replaceDirectory } from './atomic-dir';
import { synthesize } from './synthesize';
import { serverCheck } from './server-check';
import { parseArgs, UsageError } from './usage';

export const HELP = `usage: cdk8s-kubeflow synth [--app <module.js>] [--out <dir>] [--schemas <dir>] [--server [--kubeconfig <file>]]

Builds the app (default: the module named by cdk8s.yaml), validates every object against
schemas/, and replaces <out> (default: cdk8s.yaml's output, dist/) with one YAML file per
object. On any error nothing in <out> changes.

  --server   also dry-run every object against the API server of the current kubeconfig
             (server-side apply, dryRun=All: nothing is changed); rejections fail synth`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['help', 'server'], options: ['app', 'out', 'schemas', 'kubeconfig'] });
  if (args.options.has('kubeconfig') && !args.flags.has('server')) throw new UsageError('--kubeconfig goes with --server');
  if (args.flags.has('help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const config = args.options.has('app') && (args.options.has('out') || process.env.CDK8S_OUTDIR) ? undefined : readAppConfig();
  const appModule = args.options.get('app') ?? config!.appModule;
  // CDK8S_OUTDIR is how `cdk8s synth` passes its output directory to the app command.
  const out = args.options.get('out') ?? process.env.CDK8S_OUTDIR ?? config!.output;
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${display(out)} is a file; synth replaces a directory`);
  const started = Date.now();
  const failed = (message: string) => {
    process.stderr.write(`error: ${message}\n\nsynth failed: nothing was written to ${display(out)}\n`);
    return 1;
  };

  let result;
  try {
    result = synthesize(loadApp(appModule));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof ConstructError) return failed(e.message);
    // A bug in the app (or a cdk8s error such as a duplicate construct id): where it was thrown is the clue.
    return failed(`the app ${display(appModule)} threw ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
  const validator = SchemaValidator.for(args.options.get('schemas'));
  const findings: Finding[] = [...result.findings, ...result.sources.flatMap((s) => validator.validate(s))];
  // The server only sees objects that passed the local checks: its messages would repeat them.
  const server = args.flags.has('server') && !findings.some((f) => f.severity === 'error')
    ? await serverCheck(result.sources, args.options.get('kubeconfig')) : undefined;
  findings.push(...(server?.findings ?? []));
  if (server) process.stderr.write(server.summary);
  for (const w of result.warnings) {
    process.stderr.write(`warning: ${w.constructPath}: ${w.field}: ${w.message}\n  fix: ${w.fix}\n`);
  }
  for (const f of findings) process.stderr.write(formatFinding(f) + '\n');
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors + result.warnings.length;
  if (errors > 0) {
    process.stderr.write(`\nsynth failed: ${errors} error(s), ${warnings} warning(s); nothing was written to ${display(out)}\n`);
    return 1;
  }
  try {
    replaceDirectory(out, result.files);
  } catch (e) {
    process.stderr.write(`error: cannot write ${display(out)}: ${(e as Error).message}\n\nsynth failed: ${display(out)} is unchanged\n`);
    return 1;
  }
  process.stdout.write(summary(result.sources.map((s) => ({ stack: s.file!.split('/')[0], kind: s.object.kind }))));
  process.stdout.write(`wrote ${result.files.size} files to ${display(out)} in ${Date.now() - started} ms; ${warnings} warning(s)\n`);
  return 0;
}

/** `out` relative to the working directory when it lies inside it, else absolute. */
function display(out: string): string {
  const rel = relative('.', out);
  return rel && !rel.startsWith('..') ? rel : out;
}

/** Objects per kind, per stack. */
function summary(objects: Array<{ stack: string; kind: string }>): string {
  const byStack = new Map<string, Map<string, number>>();
  for (const { stack, kind } of objects) {
    const kinds = byStack.get(stack) ?? new Map<string, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    byStack.set(stack, kinds);
  }
  return [...byStack.entries()].map(([stack, kinds]) => {
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    const lines = [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`);
    return `stack ${stack}: ${total} objects\n${lines.join('\n')}\n`;
  }).join('');
}
