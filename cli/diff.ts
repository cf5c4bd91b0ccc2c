import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { describeResource, PolicyConfig } from '../manifest';
import { readAppConfig } from './app-loader';
import { diffJson } from './diff-json';
import { diffMarkdown } from './diff-markdown';
import { DeliveredFrom, diffManifests } from './diff-model';
import { policyChanges } from './diff-policies';
import { DiffReport, differs } from './diff-report';
import { defaultBase, DiffSide, gitRoot, readAtCommit, readFolder, resolveRef, synthesizeNow } from './diff-sources';
import { diffText, useColor } from './diff-text';
import { openRelease, withReleaseEnv } from './open-schemas';
import { policyConfig } from './policy-option';
import { UsageError } from './usage';

export const DIFF_OUTPUTS = ['text', 'markdown', 'json'] as const;

export interface DiffOptions {
  /** The git revision whose committed output folder is the base. @default the merge-base of HEAD with the default branch */
  readonly base?: string;
  /** The compiled app module. @default cdk8s.yaml's `--app` */
  readonly app?: string;
  /** The output folder, as committed in git. @default cdk8s.yaml's `--out`, else dist */
  readonly out?: string;
  /** The release the app synthesizes for (of every stack that does not set its own): a preset name or a schemas folder. @default the app's (the default preset) */
  readonly release?: string;
  /** A policy file for both sides. @default each stack's configuration (folders: the rules' defaults) */
  readonly policies?: string;
  /** @default 'text' */
  readonly output?: (typeof DIFF_OUTPUTS)[number];
  /** Exit 1 when the sides differ, like `git diff --exit-code`. @default false */
  readonly exitCode?: boolean;
  readonly debug?: boolean;
}

/** Exit codes of diff, like git diff's: 0 no differences (or no --exit-code), 1 differences with --exit-code, 2 errors. */
export const DIFF_EXIT = { same: 0, differ: 1, error: 2 } as const;

/**
 * `diff`: what the app synthesizes now against the output folder committed at a git revision,
 * or two folders of manifests. Prints objects added, removed, changed and renamed, field by
 * field, immutable changes with what to do, and the policy findings new and fixed.
 */
export async function run(dirs: readonly string[], options: DiffOptions): Promise<number> {
  try {
    const report = dirs.length > 0 ? compareFolders(dirs, options) : compareWithGit(options);
    const output = options.output ?? 'text';
    const text = output === 'json' ? JSON.stringify(diffJson(report), null, 2) + '\n'
      : output === 'markdown' ? diffMarkdown(report)
        : diffText(report, useColor());
    process.stdout.write(text);
    return options.exitCode && differs(report) ? DIFF_EXIT.differ : DIFF_EXIT.same;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // diff's exit code 1 means "the sides differ": any other failure is 2, never 1.
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(options.debug ? `${err.stack ?? err.message}\n` : `error: ${err.message}\n(run with --debug for the stack trace)\n`);
    return DIFF_EXIT.error;
  }
}

/** `diff <old-dir> <new-dir>`: the report of two folders of manifests (the bench runs it in-process). */
export function compareFolders(dirs: readonly string[], options: DiffOptions = {}): DiffReport {
  if (dirs.length !== 2) throw new UsageError('give two folders (diff <old-dir> <new-dir>), or none to compare what the app synthesizes with git');
  for (const [flag, value] of [['--base', options.base], ['--app', options.app], ['--out', options.out]] as const) {
    if (value !== undefined) throw new UsageError(`${flag} compares with git; it does not go with two folders`);
  }
  if (options.release !== undefined) throw new UsageError('--release chooses what the app synthesizes; two folders are compared as they are');
  const base = readFolder(dirs[0], 'the old');
  const head = readFolder(dirs[1], 'the new');
  // Where the folders lie in the repository the Applications read is unknown: an Application's path `…/<stack>` delivers the stack.
  return compare(base, head, { config: policyConfig(options.policies) }, {});
}

function compareWithGit(options: DiffOptions): DiffReport {
  const release = options.release === undefined ? undefined : openRelease(options.release);
  const config = options.app === undefined || options.out === undefined ? readAppConfig() : undefined;
  if (options.app?.trim() === '') throw new UsageError('--app is empty: name the compiled app module, e.g. --app lib/stacks/main.js');
  const appModule = resolve(options.app ?? config!.appModule);
  const out = resolve(options.out ?? config!.out);
  const root = gitRoot(existingAncestor(out));
  const base = options.base !== undefined ? { ref: options.base, commit: resolveRef(root, options.base) } : defaultBase(root);
  const at = `${base.ref} (${base.commit.slice(0, 7)})`;
  const before = readAtCommit(root, base.commit, out, at);
  const outInRepo = relative(root, out).split(sep).join('/') || '.';
  if (!before.existed) {
    // The pull request that first adds the output folder: legitimate, and everything is added. With no
    // folder in the work tree either, --out names no output: nothing to compare the app's objects with.
    if (!existsSync(out)) {
      throw new UsageError(`${outInRepo}/ exists neither at ${at} nor in the work tree, so there is nothing to compare the app's output with: `
        + `${options.out !== undefined ? 'give --out the folder the app synthesizes to and commits (e.g. --out dist)' : 'run `cdk8s-kubeflow synth` first (cdk8s.yaml\'s --out)'}`);
    }
    notice(`${outInRepo}/ does not exist at ${at}: every object is added`);
  }
  const head = withReleaseEnv(release, () => synthesizeNow(appModule, display(out)));
  const policies = options.policies !== undefined ? { config: policyConfig(options.policies) } : { stacks: head.policies };
  return compare({ ...before, ref: base.ref }, head, policies, { out: outInRepo });
}

/** The new side has Applications, but none delivers the stacks of some changed objects: their ignoreDifferences cannot count. */
function undeliveredNotice(stacks: readonly string[], delivery: DeliveredFrom): string {
  const named = stacks.filter(Boolean);
  const path = (s: string) => (delivery.out !== undefined ? `${delivery.out}/${s}` : `/${s}`);
  const what = [
    ...(named.length > 0 ? [`${named.length === 1 ? 'stack' : 'stacks'} ${named.join(', ')} (no source.path ${delivery.out !== undefined ? 'is' : 'ends with'} ${named.map(path).join(' or ')})`] : []),
    ...(named.length < stacks.length ? ['objects outside a <stack>/<namespace>/ folder'] : []),
  ].join(', nor ');
  return `the new side has Argo CD Applications, but none delivers ${what}: changes there are checked without an Application's ignoreDifferences`;
}

/** A line on stderr: what the reader of the report should know, which is not part of it. */
function notice(text: string): void {
  process.stderr.write(`notice: ${text}\n`);
}

/** `delivery`: where the output folder lies in the repository, to find the Argo CD Application of each stack. */
function compare(base: DiffSide, head: DiffSide, policies: { config?: PolicyConfig; stacks?: ReadonlyMap<string, PolicyConfig | undefined> }, delivery: DeliveredFrom): DiffReport {
  const diff = diffManifests(base.sources, head.sources, { delivery });
  if (diff.undelivered) notice(undeliveredNotice(diff.undelivered, delivery));
  const renamed = new Map(diff.objects.filter((o) => o.renamedFrom).map((o) => {
    const resource = (id: typeof o.id) => describeResource({ apiVersion: o.apiVersion, kind: id.kind, metadata: { name: id.name, namespace: id.namespace } });
    return [resource(o.renamedFrom!), resource(o.id)];
  }));
  const { sources: _b, ...baseInfo } = base;
  const { sources: _h, ...headInfo } = head;
  return { base: baseInfo, head: { label: headInfo.label }, diff, policies: policyChanges(base.sources, head.sources, { ...policies, renamed }) };
}

/** `dir`, or the nearest folder above it that exists (the output folder may not exist yet). */
function existingAncestor(dir: string): string {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

function display(p: string): string {
  const rel = relative('.', p);
  return rel && !rel.startsWith('..') ? rel : p;
}
