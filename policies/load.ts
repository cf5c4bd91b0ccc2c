import * as fs from 'fs';
import * as path from 'path';
import { Finding, Manifest, ManifestSource } from '../manifest';
import { MAX_DEPTH, TooDeepError } from './fast-yaml';
import { documentTypeOf } from './kfp-documents';
import { yamlPackage } from './lazy-packages';
import { depthExceeds, firstLine, parseKfpDocument, parseYamlDocument } from './parse-document';
import { contentLine, DocumentSplitter, DocumentText } from './yaml-documents';

/** Manifests read from files, and the files' problems (unreadable files, unparseable documents) as findings. */
export interface LoadResult {
  readonly sources: LoadedSource[];
  readonly findings: Finding[];
}

/** A manifest read from a file, with the line where its document's content starts (after `---`). */
export interface LoadedSource extends ManifestSource {
  readonly line?: number;
}

/** One thing read: a manifest, or a problem with a file or document. */
export type LoadEvent = { readonly source: LoadedSource } | { readonly finding: Finding };

/** What `readDocuments` reads: LoadEvents, and YAML documents not yet parsed (`yamlManifests` parses them). */
export type DocumentEvent = LoadEvent | { readonly file: string; readonly docs: DocumentText[] };

export interface LoadOptions {
  /** The file descriptor that the path `-` reads. @default 0 (standard input) */
  readonly stdin?: number;
}

/** The path that means standard input, and the file name its findings carry. */
export const STDIN_PATH = '-';
export const STDIN_NAME = '<stdin>';

const MANIFEST_FILE = /\.(ya?ml|json)$/;
/** Files are read in pieces of this size: memory is bounded by the largest document, not the file. */
const CHUNK_BYTES = 1 << 20;

/**
 * Reads manifests from files and directories (recursively, `.yaml`, `.yml`, `.json`, in
 * name order, leaving out hidden folders and node_modules), and from standard input for the path `-` (YAML or JSON, named `<stdin>`).
 * YAML files may hold several documents; empty documents are skipped; a `kind: List`
 * (kubectl's output) is unpacked into its items. YAML is read as kubectl reads it, but for
 * the documents kfp writes (pipeline IR), which are read as KFP reads them (YAML 1.2). Throws only for a path that does not exist;
 * every other problem is one finding (a file that cannot be read or is binary: `load/read`;
 * a document that does not parse, expands aliases without bound or nests too deep:
 * `load/parse` with its line), and the other files and documents are read on.
 */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const sources: LoadedSource[] = [];
  const findings: Finding[] = [];
  for (const event of readManifests(paths, options)) {
    if ('source' in event) sources.push(event.source);
    else findings.push(event.finding);
  }
  return { sources, findings };
}

/**
 * `loadManifests` one manifest at a time, in the same order: a caller that validates each and
 * lets it go holds one document in memory, whatever the size of the files.
 */
export function* readManifests(paths: readonly string[], options: LoadOptions = {}): Generator<LoadEvent> {
  for (const event of readDocuments(paths, options)) {
    if ('docs' in event) yield* yamlManifests(event.docs, event.file);
    else yield event;
  }
}

/**
 * `readManifests` with the parsing of YAML documents left to the caller, which may hand them
 * to other threads (see validate-files.ts): YAML documents come as they complete, in order.
 */
export function* readDocuments(paths: readonly string[], options: LoadOptions = {}): Generator<DocumentEvent> {
  for (const input of paths) {
    if (input === STDIN_PATH) {
      yield* readStream(options.stdin ?? 0, STDIN_NAME, false);
      continue;
    }
    const problems: Finding[] = [];
    const files = listManifestFiles(input, problems);
    for (const finding of problems) yield { finding };
    for (const file of files) yield* readFile(file);
  }
}

/** The manifests (or parse problems) of YAML documents of `file`, in order. */
export function* yamlManifests(docs: readonly DocumentText[], file: string): Generator<LoadEvent> {
  for (const doc of docs) {
    let parsed = parseYamlDocument(doc);
    // A document kfp writes (pipeline IR) is read as KFP reads it (YAML 1.2), not as kubectl does.
    if ('values' in parsed && parsed.values.length === 1 && documentTypeOf(parsed.values[0]) !== undefined) parsed = parseKfpDocument(doc);
    if ('problem' in parsed) yield { finding: parseError(file, doc.index, parsed.problem.line, parsed.problem.message) };
    else for (const value of parsed.values) yield* manifestsIn(value, file, contentLine(doc));
  }
}

/** The manifests in one file's text; `file` is used for messages and to tell JSON from YAML. */
export function parseManifests(text: string, file: string): LoadResult {
  const sources: LoadedSource[] = [];
  const findings: Finding[] = [];
  const splitter = new DocumentSplitter();
  const events = file.endsWith('.json') ? jsonManifests(text, file) : yamlManifests([...splitter.push(text), ...splitter.end()], file);
  for (const event of events) {
    if ('source' in event) sources.push(event.source);
    else findings.push(event.finding);
  }
  return { sources, findings };
}

function* readFile(file: string): Generator<DocumentEvent> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    yield { finding: unreadable(file, e) };
    return;
  }
  try {
    yield* readStream(fd, file, file.endsWith('.json'));
  } finally {
    fs.closeSync(fd);
  }
}

let chunk: Buffer | undefined;

/** Reads `fd` to its end in pieces, cutting YAML into documents as they complete. */
function* readStream(fd: number, file: string, json: boolean): Generator<DocumentEvent> {
  const buffer = (chunk ??= Buffer.allocUnsafe(CHUNK_BYTES));
  const decoder = new TextDecoder(); // UTF-8; drops a byte-order mark
  const splitter = new DocumentSplitter();
  const jsonParts: string[] = [];
  for (let offset = 0; ;) {
    let n: number;
    try {
      n = readSome(fd, buffer);
    } catch (e) {
      yield { finding: unreadable(file, e) };
      return;
    }
    if (n === 0) break;
    const bytes = buffer.subarray(0, n);
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      // UTF-16 and binary files have NULs; YAML and JSON text never does.
      yield { finding: { ...readFinding(file, `not a text file (a NUL byte at byte ${offset + nul}; YAML and JSON must be UTF-8 text)`), fix: 'leave it out, or save it as UTF-8 text' } };
      return;
    }
    offset += n;
    const text = decoder.decode(bytes, { stream: true });
    if (json) jsonParts.push(text);
    else yield* documents(splitter.push(text), file);
  }
  const rest = decoder.decode();
  if (json) yield* jsonManifests(jsonParts.join('') + rest, file);
  else yield* documents([...splitter.push(rest), ...splitter.end()], file);
}

function* documents(docs: DocumentText[], file: string): Generator<DocumentEvent> {
  if (docs.length > 0) yield { file, docs };
}

/** One `readSync`; a non-blocking standard input that is not ready yet is waited for. */
function readSome(fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0; // Windows pipes
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function* jsonManifests(text: string, file: string): Generator<LoadEvent> {
  let value: unknown;
  try {
    value = JSON.parse(text); // V8's JSON.parse does not recurse: any depth parses, and is checked next
  } catch (e) {
    yield { finding: parseError(file, 1, jsonErrorLine(text, e as Error), (e as Error).message) };
    return;
  }
  if (depthExceeds(value, MAX_DEPTH)) yield { finding: parseError(file, 1, 1, new TooDeepError().message) };
  else yield* manifestsIn(value, file, 1);
}

function* manifestsIn(value: unknown, file: string, line: number): Generator<LoadEvent> {
  if (value === null || value === undefined) return; // an empty document
  if (isList(value)) for (const item of value.items) yield* manifestsIn(item, file, line);
  else yield { source: { file, object: value as Manifest, line } };
}

/** JSON.parse names a position for most errors; otherwise JSON is YAML, so ask the YAML parser where it breaks (it may not). */
function jsonErrorLine(text: string, e: Error): number | undefined {
  const position = /position (\d+)/.exec(e.message);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  return yamlPackage().parseDocument(text).errors[0]?.linePos?.[0].line;
}

function parseError(file: string, document: number, line: number | undefined, message: string): Finding {
  return {
    severity: 'error',
    rule: 'load/parse',
    file,
    ...(line ? { line } : {}),
    resource: `document ${document}`,
    path: '.',
    message: `cannot parse: ${firstLine(message)}`,
  };
}

function isList(v: unknown): v is { items: unknown[] } {
  const o = v as { kind?: unknown; items?: unknown } | null;
  return typeof o === 'object' && o !== null && o.kind === 'List' && Array.isArray(o.items);
}

/**
 * A file, or the manifest files under a folder in name order (symlinks followed, each folder
 * once); `files` says which names are manifest files (the `schemas` command adds `.proto`).
 * Throws only when `input` itself does not exist; a file or folder below it that cannot
 * be read becomes a `load/read` finding in `problems` (when given), and the walk goes on.
 */
export function listManifestFiles(input: string, problems?: Finding[], files: RegExp = MANIFEST_FILE): string[] {
  return listFiles(input, problems, files, new Set<string>());
}

function listFiles(input: string, problems: Finding[] | undefined, files: RegExp, seen: Set<string>): string[] {
  const stat = fs.statSync(input); // throws ENOENT for a missing path
  if (!stat.isDirectory()) return [input];
  const real = fs.realpathSync(input);
  if (seen.has(real)) return []; // a symlink loop, or a folder reached twice
  seen.add(real);
  let entries: string[];
  try {
    entries = fs.readdirSync(input).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (e) {
    problems?.push(unreadable(input, e));
    return [];
  }
  return entries.flatMap((name) => {
    const child = path.join(input, name);
    let isDir: boolean;
    try {
      isDir = fs.statSync(child).isDirectory();
    } catch (e) {
      if (files.test(name)) problems?.push(unreadable(child, e)); // e.g. a broken symlink
      return [];
    }
    // Dependencies and tool folders (.git, .github, node_modules) hold YAML and JSON that are not the project's manifests.
    if (isDir) return name.startsWith('.') || name === 'node_modules' ? [] : listFiles(child, problems, files, seen);
    return files.test(name) ? [child] : [];
  });
}

/** A file or folder that could not be read, as one finding (the others are read on). */
function unreadable(file: string, e: unknown): Finding {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'ENOENT' ? 'it does not exist (a broken symlink?)' : err.code === 'EISDIR' ? 'it is a folder' : err.message;
  return { ...readFinding(file, why), fix: 'check the path and its permissions, or leave it out' };
}

function readFinding(file: string, why: string): Finding {
  return { severity: 'error', rule: 'load/read', file, resource: file, path: '.', message: `cannot read: ${why}` };
}
