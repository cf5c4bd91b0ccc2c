import * as fs from 'fs';
import * as path from 'path';
import {
  checkComponentVersion, checkReleaseFacts, Component, COMPONENT_TITLES, COMPONENTS, DEFAULT_RELEASE, RELEASE_FILE, RELEASE_PRESETS, ReleaseFacts,
} from '../manifest';
import { closest } from '../policies/did-you-mean';
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
  /** The release's name, in `<out>/release.json`. @default the name in `<out>/release.json`, else the folder's name */
  readonly releaseName?: string;
  /** The preset whose component versions `component` is merged over. @default `<out>/release.json` when there is one, else the default preset */
  readonly base?: string;
  /** `component=version`, over the base's versions. @default none */
  readonly component?: readonly string[];
  /**
   * What runs this command for the folder (a script that regenerates several), said in
   * SOURCES.md before the command line. Not a command-line option. @default none
   */
  readonly regenerate?: string;
}

/**
 * `schemas`: derive a schemas folder from upstream CRD YAML (also `kubectl get crd -o yaml`
 * output), OpenAPI v3 JSON and protobuf definitions (kfp's pipeline_spec.proto), and the
 * release it describes (release.json: a name and the component versions), which makes the
 * folder usable as `--release <folder>`. `--source` options are merged into
 * `<out>/sources.json` and the release options into `<out>/release.json`; both are read back
 * on every run, so regenerating needs only the input paths.
 */
export async function run(paths: string[], options: SchemasOptions): Promise<number> {
  const out = options.out;
  checkSchemasOut(out);
  const sources: Record<string, Source> = { ...readSources(out) };
  for (const text of options.source) {
    const [name, source] = usage(() => parseSourceOption(text));
    sources[name] = { ...sources[name], ...source }; // keeps paths and note from sources.json
  }
  const release = releaseFacts(out, options);

  const inputs: InputDocument[] = [];
  for (const file of paths.flatMap(listInputFiles)) {
    const text = usage(() => fs.readFileSync(file, 'utf8'), `cannot read ${file}: `);
    const source = sourceNameFor(file, sources);
    usage(() => parseInputText(text, file)).forEach((value) => inputs.push({ file: relative(file), source, value }));
  }

  const result = usage(() => generateSchemas(inputs, { sources, command: recordCommand(out, options, paths), regenerate: options.regenerate, release }));
  result.notes.forEach((n) => process.stderr.write(`note: ${n}\n`));
  result.warnings.forEach((w) => process.stderr.write(`warning: ${w}\n`));
  if (result.kinds.length === 0 && result.documents.length === 0) throw new UsageError('no CRDs or OpenAPI kinds found in the inputs (nor a .proto file of the documents kfp writes)');

  // Regenerable: replace the generated parts wholesale so kinds removed upstream disappear.
  for (const dir of ['json', 'crds']) fs.rmSync(path.join(out, dir), { recursive: true, force: true });
  for (const [file, content] of result.files) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), content);
  }
  fs.writeFileSync(path.join(out, SOURCES_FILE), JSON.stringify(normalizeSources(sources), null, 2) + '\n');
  fs.writeFileSync(path.join(out, RELEASE_FILE), JSON.stringify(release, null, 2) + '\n');
  const crds = result.kinds.filter((k) => k.crdVersion).length;
  const documents = result.documents.length > 0 ? `, ${plural(result.documents.length, 'document')}` : '';
  process.stdout.write(`wrote ${out}/: release ${release.name}, ${result.kinds.length} kinds (${crds} from CRDs)${documents}, ${result.files.size + 2} files\n`);
  return 0;
}

/**
 * The release the folder describes (its release.json): the versions of `--base` (else of the
 * folder's release.json, else of the default preset) with `--component`s over them, named
 * `--release-name` (else as before, else after the folder). A preset's name goes only with
 * that preset's versions: `--release <name>` would select the preset, not this folder.
 */
function releaseFacts(out: string, options: SchemasOptions): ReleaseFacts {
  const previous = readRelease(out);
  if (options.base !== undefined && !RELEASE_PRESETS[options.base]) {
    const meant = closest(options.base, Object.keys(RELEASE_PRESETS));
    throw new UsageError(`--base ${options.base}: no such preset${meant ? ` (did you mean ${meant}?)` : ''}; the presets are ${Object.keys(RELEASE_PRESETS).join(', ')}`);
  }
  const base = options.base !== undefined ? RELEASE_PRESETS[options.base] : previous ?? RELEASE_PRESETS[DEFAULT_RELEASE];
  const components: Record<Component, string> = { ...base.components };
  const given = new Set<string>();
  for (const text of options.component ?? []) {
    const [component, version] = parseComponentOption(text);
    if (given.has(component)) throw new UsageError(`--component ${component} is given twice; give each component once`);
    given.add(component);
    components[component] = version;
  }
  const name = options.releaseName ?? previous?.name ?? path.basename(path.resolve(out));
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name)) {
    throw new UsageError(`--release-name "${name}": a release name is letters, digits and . _ + - (it names the release in reports; --release takes a path with a / as a folder)`);
  }
  const preset = RELEASE_PRESETS[name];
  const changed = preset && COMPONENTS.filter((c) => components[c] !== preset.components[c]);
  if (changed && changed.length > 0) {
    throw new UsageError(`release name ${name} is a built-in preset, whose ${changed.map((c) => `${c} is ${preset.components[c]}, not ${components[c]}`).join('; ')}: `
      + `give the folder a name of its own with --release-name${options.releaseName === undefined ? ` (the default is the folder's name, ${name})` : ''}`
      + `${options.base !== name ? `, or pass --base ${name} for the preset itself` : ''}`);
  }
  const ordered = Object.fromEntries(COMPONENTS.map((c) => [c, components[c]])) as Record<Component, string>;
  return { name, title: preset?.title ?? titleOf(name, ordered), components: ordered };
}

/** `--component kserve=0.18.0`: a known component and a version. */
function parseComponentOption(text: string): [Component, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--component "${text}": expected <component>=<version>, e.g. kserve=0.18.0; the components are ${COMPONENTS.join(', ')}`);
  const name = text.slice(0, eq).trim();
  if (!(COMPONENTS as readonly string[]).includes(name)) {
    const meant = closest(name, COMPONENTS);
    throw new UsageError(`--component ${text}: no component "${name}"${meant ? ` (did you mean ${meant}?)` : ''}; the components are ${COMPONENTS.join(', ')}`);
  }
  return [name as Component, usage(() => checkComponentVersion(name as Component, text.slice(eq + 1)), `--component ${text}: `)];
}

/** A title that says how the release differs from the nearest preset (fewest other versions; the default on a tie). */
function titleOf(name: string, components: Readonly<Record<Component, string>>): string {
  const presets = [RELEASE_PRESETS[DEFAULT_RELEASE], ...Object.values(RELEASE_PRESETS).filter((p) => p.name !== DEFAULT_RELEASE)];
  const differences = presets.map((p) => ({ preset: p, other: COMPONENTS.filter((c) => components[c] !== p.components[c]) }));
  const nearest = differences.reduce((a, b) => (b.other.length < a.other.length ? b : a));
  const versions = nearest.other.map((c) => `${COMPONENT_TITLES[c]} ${components[c]}`).join(', ');
  return `${name}: the versions of ${nearest.preset.name}${versions ? `, but ${versions}` : ''}`;
}

/** `<out>/release.json` of an earlier run, so that a rerun keeps the release; a broken one is a usage error. */
function readRelease(out: string): ReleaseFacts | undefined {
  const file = path.join(out, RELEASE_FILE);
  if (!fs.existsSync(file)) return undefined;
  return usage(() => checkReleaseFacts(JSON.parse(fs.readFileSync(file, 'utf8'))), `${file}: `);
}

/** Files the command writes itself and may find in a new folder, prepared by hand (sources.json). */
const OWN_FILES = new Set([SOURCES_FILE, RELEASE_FILE]);

/**
 * `--out` is replaced in part (json/, crds/): only a folder that is absent, empty, an earlier
 * schemas folder, or holds only the sources.json and release.json the command reads back.
 */
function checkSchemasOut(out: string): void {
  if (out.trim() === '') throw new UsageError('--out is empty: name the schemas folder, e.g. --out schemas');
  if (!fs.existsSync(out)) return;
  if (!fs.statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file; the schemas command writes a folder`);
  if (fs.readdirSync(out).some((f) => !OWN_FILES.has(f)) && !fs.existsSync(path.join(out, INDEX_FILE))) {
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
    ...(options.releaseName !== undefined ? ['--release-name', options.releaseName] : []),
    ...(options.base !== undefined ? ['--base', options.base] : []),
    ...(options.component ?? []).flatMap((c) => ['--component', c]),
    ...inputs.map(relative),
  ];
  return `cdk8s-kubeflow schemas ${args.map(shellQuote).join(' ')}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=@:,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
