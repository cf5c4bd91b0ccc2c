import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { Finding, Manifest, ManifestSource } from '../manifest';
import { firstLine } from './schemagen/parse-input';
import { KUBE_YAML } from './yaml-options';

/** Manifests read from files, and the files' problems (unparseable documents) as findings. */
export interface LoadResult {
  readonly sources: ManifestSource[];
  readonly findings: Finding[];
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/**
 * Reads manifests from files and directories (recursively, `.yaml`, `.yml`, `.json`, in
 * name order). YAML files may hold several documents; empty documents are skipped; a
 * `kind: List` (kubectl's output) is unpacked into its items. Throws only for a path that
 * does not exist; a document that does not parse becomes an error finding with its line.
 */
export function loadManifests(paths: readonly string[]): LoadResult {
  const sources: ManifestSource[] = [];
  const findings: Finding[] = [];
  for (const file of paths.flatMap((p) => listManifestFiles(p, findings))) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      findings.push(unreadable(file, e));
      continue;
    }
    const result = parseManifests(text, file);
    sources.push(...result.sources);
    findings.push(...result.findings);
  }
  return { sources, findings };
}

/** The manifests in one file's text; `file` is used for messages and to tell JSON from YAML. */
export function parseManifests(text: string, file: string): LoadResult {
  const sources: ManifestSource[] = [];
  const findings: Finding[] = [];
  const add = (value: unknown) => {
    if (value === null || value === undefined) return; // empty document
    if (isList(value)) value.items.forEach(add);
    else sources.push({ file, object: value as Manifest });
  };

  if (file.endsWith('.json')) {
    try {
      add(JSON.parse(text));
    } catch (e) {
      findings.push(parseError(file, 1, jsonErrorLine(text, e as Error), (e as Error).message));
    }
    return { sources, findings };
  }

  YAML.parseAllDocuments(text, KUBE_YAML).forEach((doc, i) => {
    const problem = doc.errors[0];
    if (problem) {
      findings.push(parseError(file, i + 1, problem.linePos?.[0].line, firstLine(problem.message)));
      return;
    }
    add(doc.toJS({ maxAliasCount: 1000 }));
  });
  return { sources, findings };
}

/** JSON.parse names a position for most errors; otherwise JSON is YAML, so ask the YAML parser where it breaks (it may not). */
function jsonErrorLine(text: string, e: Error): number | undefined {
  const position = /position (\d+)/.exec(e.message);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  return YAML.parseDocument(text).errors[0]?.linePos?.[0].line;
}

function parseError(file: string, document: number, line: number | undefined, message: string): Finding {
  return {
    severity: 'error',
    rule: 'load/parse',
    file,
    resource: `document ${document}`,
    path: '.',
    message: `cannot parse${line ? ` (line ${line})` : ''}: ${message}`,
  };
}

function isList(v: unknown): v is { items: unknown[] } {
  const o = v as { kind?: unknown; items?: unknown } | null;
  return typeof o === 'object' && o !== null && o.kind === 'List' && Array.isArray(o.items);
}

/**
 * A file, or the manifest files under a folder in name order (symlinks followed, each folder
 * once). Throws only when `input` itself does not exist; a file or folder below it that cannot
 * be read becomes a `load/read` finding in `problems` (when given), and the walk goes on.
 */
export function listManifestFiles(input: string, problems?: Finding[], seen = new Set<string>()): string[] {
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
      if (MANIFEST_FILE.test(name)) problems?.push(unreadable(child, e)); // e.g. a broken symlink
      return [];
    }
    return isDir ? listManifestFiles(child, problems, seen) : MANIFEST_FILE.test(name) ? [child] : [];
  });
}

/** A file or folder that could not be read, as one finding (the others are read on). */
function unreadable(file: string, e: unknown): Finding {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'it does not exist (a broken symlink?)' : err.code === 'EISDIR' ? 'it is a folder' : err.message;
  return { severity: 'error', rule: 'load/read', file, resource: file, path: '.', message: `cannot read: ${why}`, fix: 'check the path and its permissions, or leave it out' };
}
