// The two sides `diff` compares: the output folder as committed at a git revision (read from
// git's object store, never from or into the work tree), what the app synthesizes now, or a
// folder of manifests. Every problem is a UsageError naming the ref, folder or file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { ConstructError } from '../constructs/core/errors';
import { Finding, formatFinding, ManifestSource, OUTPUT_MARKER, PolicyConfig } from '../manifest';
import { LoadEvent, parseManifests, readDocuments, yamlManifests } from '../policies/load';
import { DocumentSplitter } from '../policies/yaml-documents';
import { AppFailure, loadApp } from './app-loader';
import { synthesize } from './synthesize';
import { UsageError } from './usage';

/** One side of a diff: its objects and how reports name it. */
export interface DiffSide {
  readonly sources: ManifestSource[];
  /** `origin/main (1a2b3c4)`, `dist/ synthesized now`, or a folder. */
  readonly label: string;
  /** The git revision it was read at, when it was. */
  readonly commit?: string;
  readonly ref?: string;
  /** Read at a git revision: whether the folder existed there (false: every object is added). */
  readonly existed?: boolean;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** Runs git in `cwd`; undefined when it fails (with its stderr's first line in `error`). */
function git(cwd: string, args: string[]): { out?: string; error?: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}; install git, or compare two folders: diff <old-dir> <new-dir>`);
  return r.status === 0 ? { out: r.stdout } : { error: r.stderr.trim().split('\n')[0] };
}

/** The top of the git work tree that holds `dir`. */
export function gitRoot(dir: string): string {
  const r = git(dir, ['rev-parse', '--show-toplevel']);
  if (r.out === undefined) throw new UsageError(`${resolve(dir)} is not in a git repository, so there is no base to compare with: pass two folders instead (diff <old-dir> <new-dir>)`);
  return r.out.trim();
}

/**
 * The default base: the merge-base of HEAD with the default branch (`origin/HEAD`, else
 * `origin/main`, `origin/master`, `main`, `master`), as a pull request compares.
 */
export function defaultBase(root: string): { ref: string; commit: string } {
  const head = git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).out?.trim();
  const candidates = [head, 'origin/main', 'origin/master', 'main', 'master'].filter((c): c is string => !!c);
  for (const ref of candidates) {
    if (git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).out === undefined) continue;
    const base = git(root, ['merge-base', 'HEAD', ref]);
    if (base.out === undefined) throw new UsageError(`HEAD and ${ref} have no common ancestor (${base.error}): pass --base <ref>`);
    return { ref: `merge-base of HEAD and ${ref}`, commit: base.out.trim() };
  }
  throw new UsageError(`no default branch to compare with (tried ${candidates.join(', ')}): pass --base <ref>`);
}

/** The commit a ref names. */
export function resolveRef(root: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`--base "${ref}" looks like an option, not a git revision`);
  const r = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (r.out === undefined) throw new UsageError(`--base ${ref}: unknown git revision (fetch it first, e.g. \`git fetch origin ${ref.replace(/^origin\//, '')}\`; in CI check out with fetch-depth: 0)`);
  return r.out.trim();
}

/**
 * The manifests of `dir` (a folder of the work tree) as committed at `commit`, read with
 * `git ls-tree` and `git cat-file --batch`: the work tree and index are never touched. A folder
 * that did not exist then is empty (everything is added; `existed` says so); a file that does not
 * parse, or a document that is not a Kubernetes object, is an error.
 */
export function readAtCommit(root: string, commit: string, dir: string, label: string): DiffSide {
  const prefix = relative(root, resolve(dir)).split(sep).join('/');
  if (prefix.startsWith('..')) throw new UsageError(`${dir} is outside the git repository ${root}`);
  const listing = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix || '.']);
  if (listing.out === undefined) throw new UsageError(`cannot list ${prefix || '.'} at ${label}: ${listing.error}`);
  const entries = listing.out.split('\0').filter(Boolean).map((line) => {
    const [meta, path] = line.split('\t');
    const [, type, id] = meta.split(' ');
    return { type, id, path };
  });
  const blobs = entries.filter((e) => e.type === 'blob' && MANIFEST_FILE.test(e.path) && !e.path.split('/').some((s) => s.startsWith('.')) && !e.path.endsWith(OUTPUT_MARKER));
  const sources: ManifestSource[] = [];
  if (blobs.length > 0) {
    const contents = catBlobs(root, blobs.map((b) => b.id));
    blobs.forEach((b, i) => {
      const file = prefix ? b.path.slice(prefix.length + 1) : b.path;
      for (const { event, document } of fileEvents(contents[i], file)) {
        const problem = problemOf(event);
        if (problem) throw new UsageError(`${b.path} at ${label}: ${document ? `document ${document}${problem.line ? ` (line ${problem.line})` : ''}: ` : ''}${problem.message}${!document && problem.line ? ` (line ${problem.line})` : ''}; the base must hold valid manifests`);
        if ('source' in event) sources.push(event.source);
      }
    });
  }
  return { sources, label: `${prefix || '.'}/ at ${label}`, commit, ref: label, existed: entries.length > 0 };
}

/** The documents of one file's text, each with its 1-based index in the file (JSON: one document). */
function* fileEvents(text: string, file: string): Generator<{ event: LoadEvent; document?: number }> {
  if (file.endsWith('.json')) {
    const { sources, findings } = parseManifests(text, file);
    for (const finding of findings) yield { event: { finding } };
    for (const source of sources) yield { event: { source }, document: 1 };
    return;
  }
  const splitter = new DocumentSplitter();
  for (const doc of [...splitter.push(text), ...splitter.end()]) {
    for (const event of yamlManifests([doc], file)) yield { event, document: 'source' in event ? doc.index : undefined };
  }
}

/**
 * What is wrong with what was read: a file or document that could not be read or parsed, or a
 * document that parses but is not a Kubernetes object (Argo CD fails the sync on such a file,
 * so it is an error here too, not an object skipped). An empty document is fine.
 */
function problemOf(event: LoadEvent): Pick<Finding, 'message' | 'line'> | undefined {
  if ('finding' in event) return event.finding;
  const why = notAnObject(event.source.object);
  return why ? { message: `not a Kubernetes object (${why}): a manifest is an object with apiVersion, kind and metadata.name`, line: event.source.line } : undefined;
}

/** Why a parsed document is not a Kubernetes object; undefined when it is one. */
function notAnObject(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'a list';
  if (typeof value !== 'object' || value === null) return `${typeof value === 'string' ? 'a string' : `a ${typeof value}`} ${JSON.stringify(value).slice(0, 40)}`;
  const o = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  const missing = ([['apiVersion', o.apiVersion], ['kind', o.kind], ['metadata.name', o.metadata?.name]] as const)
    .filter(([, v]) => typeof v !== 'string' || v === '').map(([k]) => k);
  return missing.length > 0 ? `no ${missing.join(', ')}` : undefined;
}

/** Blob contents in one `git cat-file --batch` (one process, whatever the number of files). */
function catBlobs(root: string, ids: readonly string[]): string[] {
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: ids.join('\n') + '\n', maxBuffer: 1 << 30 });
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const eol = out.indexOf(10, at);
    const size = Number(out.toString('latin1', at, eol).split(' ')[2]);
    texts.push(out.toString('utf8', eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return texts;
}

/** The manifests of a folder on disk (`diff <old-dir> <new-dir>`), with files relative to it; as the base's, every document must be a Kubernetes object. */
export function readFolder(dir: string, which: string): DiffSide {
  if (!existsSync(dir)) throw new UsageError(`${which} folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${which} ${dir} is not a folder: diff compares two folders of manifests`);
  const root = resolve(dir);
  const sources: ManifestSource[] = [];
  const take = (event: LoadEvent, file: string | undefined, document?: number) => {
    const problem = problemOf(event);
    if (problem) {
      const at = `${file ?? dir}${problem.line ? `:${problem.line}` : ''}`;
      throw new UsageError(`${at}: ${document && 'source' in event ? `document ${document}: ` : ''}${problem.message}; ${which} folder must hold valid manifests`);
    }
    if ('source' in event) sources.push({ ...event.source, file: relative(root, resolve(event.source.file!)).split(sep).join('/') });
  };
  for (const event of readDocuments([dir])) {
    if ('docs' in event) for (const doc of event.docs) for (const e of yamlManifests([doc], event.file)) take(e, event.file, doc.index);
    else take(event, 'source' in event ? event.source.file : event.finding.file, 1);
  }
  return { sources, label: dir };
}

/** What the app synthesizes now, with each stack's policy configuration; an app that fails is an error listing why. */
export function synthesizeNow(appModule: string, outShown: string): DiffSide & { policies: ReadonlyMap<string, PolicyConfig | undefined> } {
  let result;
  const write = process.stdout.write;
  // What the app prints is not our report: it goes to stderr, so that stdout stays parseable.
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    result = synthesize(loadApp(appModule));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const thrown = e instanceof AppFailure ? e.thrown : e;
    if (thrown instanceof ConstructError) throw new UsageError(`the app does not synthesize: ${formatFinding(thrown.toFinding())}`);
    throw new UsageError(`the app ${appModule} threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message.split('\n')[0]}` : String(thrown)}; run \`cdk8s-kubeflow synth\` for details`);
  } finally {
    process.stdout.write = write;
  }
  if (result.findings.length > 0) {
    throw new UsageError(`the app does not synthesize (fix it first; \`cdk8s-kubeflow synth\` says the same):\n${result.findings.map((f) => `  ${formatFinding(f)}`).join('\n')}`);
  }
  return { sources: result.sources, label: `${outShown}/ synthesized now`, policies: result.policies };
}
