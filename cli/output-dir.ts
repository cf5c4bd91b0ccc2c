import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from '../manifest';
import { UsageError } from './usage';

/**
 * Checks that synth may replace `out` and returns the folder to replace (symlinks followed, so
 * a link to an output folder stays a link). Throws a {@link UsageError} naming the folder when
 * it is `/`, the home folder, one of `protectedDirs` (the project) or a parent of them, or an
 * existing folder that synth did not write.
 */
export function checkOutputDir(out: string, protectedDirs: readonly string[]): string {
  if (out.trim() === '') throw new UsageError('--out is empty: name the folder synth writes, e.g. --out dist');
  const target = realTarget(out);
  if (lstatOrUndefined(target)?.isSymbolicLink()) {
    // A symlink left unresolved: it dangles, or it loops.
    const loop = (() => { try { realpathSync(target); return false; } catch (e) { return (e as NodeJS.ErrnoException).code === 'ELOOP'; } })();
    throw new UsageError(loop ? `--out ${out} is a symlink loop: point --out at a folder`
      : `--out ${out} is a symlink to ${readlinkSync(target)}, which does not exist: create that folder, or point --out at a folder`);
  }
  const shown = resolve(out) === target ? out : `${out} (→ ${target})`;
  const home = realTarget(homedir());
  for (const dir of [...protectedDirs.map(realTarget), home]) {
    if (isSameOrParent(target, dir)) {
      const what = dir === home ? 'your home folder' : 'the project folder';
      throw new UsageError(`--out ${shown} is ${target === dir ? what : `a parent of ${what} ${dir}`}; synth replaces its output folder whole, so it needs one of its own, e.g. --out dist`);
    }
  }
  if (target === parse(target).root) throw new UsageError(`--out ${shown} is the root folder; synth needs a folder of its own, e.g. --out dist`);
  if (!existsSync(target)) return target;
  if (!statSync(target).isDirectory()) throw new UsageError(`--out ${shown} is a file; synth replaces a folder`);
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    const sample = entries.sort().slice(0, 3).map((e) => `"${e}"`).join(', ');
    throw new UsageError(`--out ${shown} holds files synth did not write (${sample}${entries.length > 3 ? ', …' : ''}); `
      + `synth replaces only folders that are empty or carry its stamp file ${OUTPUT_MARKER}. Choose another folder, or empty this one `
      + '(if it holds the output of an older cdk8s-kubeflow, delete it once)');
  }
  return target;
}

/**
 * Replaces folder `target` with exactly `files` (relative path → content) plus the stamp, or
 * leaves it untouched when anything fails: everything is written to a sibling staging folder
 * first, then swapped in with two renames on the same filesystem. A run killed while writing
 * (Ctrl-C) leaves `target` as it was; the next run removes its staging folder. Call
 * {@link checkOutputDir} first: this function assumes the folder is synth's to replace.
 */
export function replaceDirectory(target: string, files: ReadonlyMap<string, string>): void {
  if (existsSync(target) && !statSync(target).isDirectory()) throw new Error(`${target} is a file, not a directory`);
  removeLeftovers(target);
  const staging = `${target}.staging-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  try {
    mkdirSync(staging, { recursive: true });
    // The stamp first: a leftover staging folder is recognisably ours.
    writeFileSync(join(staging, OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    const made = new Set<string>(); // one mkdir per folder, not per file (thousands of files at platform scale)
    for (const [rel, content] of files) {
      const path = join(staging, rel);
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(path, content);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, old);
  try {
    renameSync(staging, target);
  } catch (e) {
    if (hadTarget) renameSync(old, target);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (hadTarget) rmSync(old, { recursive: true, force: true });
}

/**
 * The real path `p` stands for: symlinks resolved for the part that exists. A dangling symlink
 * stays itself (the caller refuses it); a symlink loop or a file on the way is a usage error.
 */
function realTarget(p: string): string {
  const abs = resolve(p);
  const missing: string[] = [];
  let existing = abs;
  while (!lstatOrUndefined(existing) && dirname(existing) !== existing) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  let real: string;
  try {
    real = existsSync(existing) ? realpathSync(existing) : join(realpathSync(dirname(existing)), basename(existing));
  } catch (e) {
    throw new UsageError(`--out ${p}: ${existing} cannot be resolved (${(e as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symlink loop' : (e as Error).message})`);
  }
  if (missing.length && existsSync(real) && !statSync(real).isDirectory()) {
    throw new UsageError(`--out ${p}: ${real} is a file, so no folder can be made inside it`);
  }
  return join(real, ...missing);
}

function lstatOrUndefined(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function isSameOrParent(candidate: string, dir: string): boolean {
  const rel = relative(candidate, dir);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Staging and backup folders of runs that were killed before they could clean up (only ours: stamped). */
function removeLeftovers(target: string): void {
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const m = /^(.*)\.(?:staging|old)-(\d+)$/.exec(name);
    const path = join(parent, name);
    if (m && m[1] === basename(target) && !isAlive(Number(m[2])) && lstatSync(path).isDirectory() && existsSync(join(path, OUTPUT_MARKER))) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
