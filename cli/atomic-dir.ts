import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Replaces directory `out` with exactly `files` (relative path → content), or leaves it
 * untouched when anything fails: everything is written to a sibling staging directory first,
 * then swapped in with two renames on the same filesystem. A run killed while writing (Ctrl-C)
 * leaves `out` as it was; the next run removes its staging directory.
 */
export function replaceDirectory(out: string, files: ReadonlyMap<string, string>): void {
  const target = resolve(out);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new Error(`${target} is a file, not a directory`);
  removeLeftovers(target);
  const staging = `${target}.staging-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  try {
    mkdirSync(staging, { recursive: true });
    for (const [rel, content] of files) {
      const path = join(staging, rel);
      mkdirSync(dirname(path), { recursive: true });
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

/** Staging and backup directories of runs that were killed before they could clean up. */
function removeLeftovers(target: string): void {
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const m = /^(.*)\.(?:staging|old)-(\d+)$/.exec(name);
    if (m && m[1] === basename(target) && !isAlive(Number(m[2]))) rmSync(join(parent, name), { recursive: true, force: true });
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
