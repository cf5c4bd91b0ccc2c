import * as fs from 'fs';
import * as path from 'path';
import {
  generateSchemas, InputDocument, normalizeSources, parseInputText, parseSourceOption, Source, Sources, sourceNameFor, SOURCES_FILE,
} from '../policies/schemagen';
import { listManifestFiles } from '../policies/load';
import { parseArgs, UsageError } from './usage';

const USAGE = 'usage: cdk8s-kubeflow schemas [--out schemas] [--source "name=owner/repo@ref[#commit]"]... [--version group/Kind=version]... <files or dirs>...';

/**
 * `schemas`: derive the schemas folder from upstream CRD YAML (also `kubectl get crd -o yaml`
 * output) and OpenAPI v3 JSON. `--source` options are merged into `<out>/sources.json`, which
 * is read back on every run, so regenerating needs only the input paths.
 */
export async function run(argv: string[]): Promise<number> {
  const { flags, options, positional, repeated } = parseRepeatable(argv, ['source', 'version']);
  if (flags.has('help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positional.length === 0) throw new UsageError(`no input files or directories\n${USAGE}`);
  const out = options.get('out') ?? 'schemas';

  const sources: Record<string, Source> = { ...readSources(out) };
  for (const text of repeated.source) {
    const [name, source] = usage(() => parseSourceOption(text));
    sources[name] = { ...sources[name], ...source }; // keeps paths and note from sources.json
  }
  const versions = new Map<string, string>();
  for (const text of repeated.version) {
    const m = /^([^/=]+)\/([A-Za-z0-9]+)=([a-z0-9]+)$/.exec(text);
    if (!m) throw new UsageError(`--version "${text}": expected group/Kind=version, e.g. kubeflow.org/Notebook=v1beta1`);
    versions.set(`${m[1]}/${m[2]}`, m[3]);
  }

  const inputs: InputDocument[] = [];
  for (const file of positional.flatMap(listInputFiles)) {
    const text = usage(() => fs.readFileSync(file, 'utf8'), `cannot read ${file}: `);
    const source = sourceNameFor(file, sources);
    usage(() => parseInputText(text, file)).forEach((value) => inputs.push({ file: relative(file), source, value }));
  }

  const result = usage(() => generateSchemas(inputs, { versions, sources, command: recordCommand(out, repeated, positional) }));
  result.warnings.forEach((w) => process.stderr.write(`warning: ${w}\n`));
  if (result.kinds.length === 0) throw new UsageError('no CRDs or OpenAPI kinds found in the inputs');

  // Regenerable: replace the generated parts wholesale so kinds removed upstream disappear.
  for (const dir of ['json', 'crds']) fs.rmSync(path.join(out, dir), { recursive: true, force: true });
  for (const [file, content] of result.files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content);
  }
  fs.writeFileSync(path.join(out, SOURCES_FILE), JSON.stringify(normalizeSources(sources), null, 2) + '\n');
  const crds = result.kinds.filter((k) => k.version).length;
  process.stdout.write(`wrote ${out}/: ${result.kinds.length} kinds (${crds} from CRDs), ${result.files.size + 1} files\n`);
  return 0;
}

/** Runs `fn`, turning any error into a UsageError (exit code 2): the inputs given are unusable. */
function usage<T>(fn: () => T, prefix = ''): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError(prefix + (e as Error).message);
  }
}

/** `parseArgs` keeps the last value of an option; `--source` and `--version` may be repeated. */
function parseRepeatable(argv: string[], names: ('source' | 'version')[]) {
  const repeated = { source: [] as string[], version: [] as string[] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(source|version)(?:=(.*))?$/s.exec(argv[i]);
    if (m && names.includes(m[1] as 'source' | 'version')) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${m[1]} needs a value`);
      repeated[m[1] as 'source' | 'version'].push(value);
    } else {
      rest.push(argv[i]);
    }
  }
  return { ...parseArgs(rest, { flags: ['help'], options: ['out'] }), repeated };
}

function readSources(out: string): Sources {
  const file = path.join(out, SOURCES_FILE);
  if (!fs.existsSync(file)) return {};
  return usage(() => JSON.parse(fs.readFileSync(file, 'utf8')) as Sources, `cannot read ${file}: `);
}

/** Input files in a stable order: YAML and JSON files, directories walked recursively. */
function listInputFiles(input: string): string[] {
  if (!fs.existsSync(input)) throw new UsageError(`no such file or directory: ${input}`);
  return listManifestFiles(input);
}

function relative(p: string): string {
  return path.relative(process.cwd(), p).split(path.sep).join('/') || '.';
}

/** The command as a user would retype it: canonical option order, paths relative to the current directory. */
function recordCommand(out: string, repeated: { source: string[]; version: string[] }, inputs: string[]): string {
  const args = [
    '--out', relative(out),
    ...repeated.source.flatMap((s) => ['--source', s]),
    ...repeated.version.flatMap((v) => ['--version', v]),
    ...inputs.map(relative),
  ];
  return `cdk8s-kubeflow schemas ${args.map(shellQuote).join(' ')}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=@:,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
