import * as fs from 'fs';
import * as path from 'path';
import { listManifestFiles } from '../policies/load';
import {
  generateSchemas, INPUT_FILE, InputDocument, normalizeSources, parseInputText, parseSourceOption, Source, Sources, sourceNameFor, SOURCES_FILE,
} from '../policies/schemagen';
import { INDEX_FILE } from '../policies/schemagen/layout';
import { plural } from './report';
import { UsageError } from './usage';

export interface SchemasOptions {
  /** The schemas folder to write. @default 'schemas' */
  readonly out: string;
  /** `name=owner/repo@ref[#commit]`, merged into `<out>/sources.json`. */
  readonly source: readonly string[];
}

/**
 * `schemas`: derive the schemas folder from upstream CRD YAML (also `kubectl get crd -o yaml`
 * output), OpenAPI v3 JSON and protobuf definitions (kfp's pipeline_spec.proto). `--source` options are merged into `<out>/sources.json`, which
 * is read back on every run, so regenerating needs only the input paths.
 */
export async function run(paths: string[], options: SchemasOptions): Promise<number> {
  const out = options.out;
  checkSchemasOut(out);
  const sources: Record<string, Source> = { ...readSources(out) };
  for (const text of options.source) {
    const [name, source] = usage(() => parseSourceOption(text));
    sources[name] = { ...sources[name], ...source }; // keeps paths and note from sources.json
  }

  const inputs: InputDocument[] = [];
  for (const file of paths.flatMap(listInputFiles)) {
    const text = usage(() => fs.readFileSync(file, 'utf8'), `cannot read ${file}: `);
    const source = sourceNameFor(file, sources);
    usage(() => parseInputText(text, file)).forEach((value) => inputs.push({ file: relative(file), source, value }));
  }

  const result = usage(() => generateSchemas(inputs, { sources, command: recordCommand(out, options, paths) }));
  result.warnings.forEach((w) => process.stderr.write(`warning: ${w}\n`));
  if (result.kinds.length === 0 && result.documents.length === 0) throw new UsageError('no CRDs or OpenAPI kinds found in the inputs (nor a .proto file of the documents kfp writes)');

  // Regenerable: replace the generated parts wholesale so kinds removed upstream disappear.
  for (const dir of ['json', 'crds']) fs.rmSync(path.join(out, dir), { recursive: true, force: true });
  for (const [file, content] of result.files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content);
  }
  fs.writeFileSync(path.join(out, SOURCES_FILE), JSON.stringify(normalizeSources(sources), null, 2) + '\n');
  const crds = result.kinds.filter((k) => k.crdVersion).length;
  const documents = result.documents.length > 0 ? `, ${plural(result.documents.length, 'document')}` : '';
  process.stdout.write(`wrote ${out}/: ${result.kinds.length} kinds (${crds} from CRDs)${documents}, ${result.files.size + 1} files\n`);
  return 0;
}

/** `--out` is replaced in part (json/, crds/): only a folder that is absent, empty or an earlier schemas folder. */
function checkSchemasOut(out: string): void {
  if (out.trim() === '') throw new UsageError('--out is empty: name the schemas folder, e.g. --out schemas');
  if (!fs.existsSync(out)) return;
  if (!fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file; the schemas command writes a folder`);
  if (fs.readdirSync(out).length > 0 && !fs.existsSync(path.join(out, INDEX_FILE))) {
    throw new UsageError(`--out ${out} is not a schemas folder (it has no ${INDEX_FILE}); the command regenerates json/ and crds/ there, so choose an empty or new folder`);
  }
}

/** Runs `fn`, turning any error into a UsageError (exit code 2): the inputs given are unusable. */
function usage<T>(fn: () => T, prefix = ''): T {
  try {
    return fn();
  } catch (e) {
    throw new UsageError(prefix + (e as Error).message);
  }
}

function readSources(out: string): Sources {
  const file = path.join(out, SOURCES_FILE);
  if (!fs.existsSync(file)) return {};
  return usage(() => JSON.parse(fs.readFileSync(file, 'utf8')) as Sources, `cannot read ${file}: `);
}

/** Input files in a stable order: YAML, JSON and .proto files, directories walked recursively. */
function listInputFiles(input: string): string[] {
  if (!fs.existsSync(input)) throw new UsageError(`no such file or folder: ${input}`);
  return listManifestFiles(input, undefined, INPUT_FILE);
}

function relative(p: string): string {
  return path.relative(process.cwd(), p).split(path.sep).join('/') || '.';
}

/** The command as a user would retype it: canonical option order, paths relative to the current directory. */
function recordCommand(out: string, options: SchemasOptions, inputs: string[]): string {
  const args = [
    '--out', relative(out),
    ...options.source.flatMap((s) => ['--source', s]),
    ...inputs.map(relative),
  ];
  return `cdk8s-kubeflow schemas ${args.map(shellQuote).join(' ')}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=@:,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
