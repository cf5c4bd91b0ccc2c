import * as fs from 'fs';
import { Finding, formatFinding, loadManifests, SchemaValidator } from '../policies';
import { serverCheck } from './server-check';
import { parseArgs, UsageError } from './usage';

const USAGE = `usage: cdk8s-kubeflow validate [--schemas dir] [--server [--kubeconfig file]] <files or dirs>...

  --server      also send every object to the API server of the current kubeconfig as a
                server-side apply with dryRun=All (nothing is changed) and report rejections`;

/**
 * `validate`: checks manifests against the schemas folder (default: the one shipped with this
 * package). Prints every finding and a summary; exit 1 when any finding is an error.
 */
export async function run(argv: string[]): Promise<number> {
  const { flags, options, positional } = parseArgs(argv, { flags: ['server', 'help'], options: ['schemas', 'kubeconfig'] });
  if (flags.has('help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options.has('kubeconfig') && !flags.has('server')) throw new UsageError('--kubeconfig goes with --server');
  if (positional.length === 0) throw new UsageError(`no files or directories to validate\n${USAGE}`);
  for (const p of positional) if (!fs.existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
  const dir = options.get('schemas');
  if (dir !== undefined && !fs.existsSync(dir)) throw new UsageError(`--schemas ${dir}: no such directory`);

  let validator: SchemaValidator;
  try {
    validator = SchemaValidator.for(dir);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { sources, findings } = loadManifests(positional);
  let valid = 0;
  let invalid = 0;
  let unvalidated = 0;
  for (const source of sources) {
    const found = validator.validate(source);
    findings.push(...found);
    if (found.some((f) => f.severity === 'error')) invalid++;
    else if (found.some((f) => f.rule === 'schema/unknown-kind')) unvalidated++;
    else valid++;
  }
  const server = flags.has('server') ? await serverCheck(sources, options.get('kubeconfig')) : undefined;
  findings.push(...(server?.findings ?? []));
  for (const f of findings) process.stdout.write(formatFinding(f) + '\n');
  process.stdout.write(`${sources.length} objects: ${valid} valid, ${invalid} invalid, ${unvalidated} not validated${parseErrors(findings)}\n`);
  if (server) process.stdout.write(server.summary);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function parseErrors(findings: Finding[]): string {
  const n = findings.filter((f) => f.rule === 'load/parse').length;
  return n > 0 ? `; ${n} document${n === 1 ? '' : 's'} could not be parsed` : '';
}
