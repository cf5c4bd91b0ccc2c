#!/usr/bin/env node
// `npm run build`: type-checks and compiles the project with tsc (extra arguments go to tsc).
// Two differences from calling tsc directly, both for the commands that build first
// (`npm run synth`, `cdk8s synth`): diagnostics go to stderr, since cdk8s-cli swallows the app
// command's stdout; and a type error exits 1 ("the app is broken"), not tsc's 2, which our CLI
// reserves for usage errors. After a full build it also precompiles the schema validators
// (scripts/compile-validators.mjs).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const args = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
// A full build that finds nothing changed since the last one skips tsc, whose own incremental
// check reads and hashes every source (~5 s here): `npm run synth` and `cdk8s synth` build first.
const stamp = join(root, 'lib', '.build-stamp');
if (args.length > 0 || !upToDate()) {
  const started = new Date();
  const r = spawnSync(process.execPath, [tsc, ...(args.length ? args : ['-p', 'tsconfig.json'])], {
    stdio: ['inherit', process.stderr.fd, 'inherit'],
  });
  if (r.error) {
    process.stderr.write(`build: cannot run tsc: ${r.error.message}\n`);
    process.exit(1);
  }
  if (r.status !== 0) {
    process.stderr.write('build failed: fix the TypeScript errors above (nothing was synthesized)\n');
    process.exit(1);
  }
  if (args.length === 0) {
    // Stamped with the time tsc started: a file changed while it ran is newer, so the next build runs tsc.
    writeFileSync(stamp, '');
    utimesSync(stamp, started, started);
  }
}
// The precompiled schema validators that `validate` loads (lib/policies/precompiled/); only after a full build.
if (args.length === 0) {
  const v = spawnSync(process.execPath, [fileURLToPath(new URL('./compile-validators.mjs', import.meta.url))], { stdio: ['inherit', process.stderr.fd, 'inherit'] });
  if (v.status !== 0) process.exit(1);
}

/**
 * Whether the last full build is newer than everything tsc reads: every file and folder of
 * tsconfig.json's `include` (a folder's time changes when a file in it is added, removed or
 * renamed), tsconfig.json and the installed packages (package-lock.json, node_modules).
 */
function upToDate() {
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  const newer = (path) => statSync(path).mtimeMs > built;
  const walk = (dir) => newer(dir) || readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? walk(join(dir, e.name)) : newer(join(dir, e.name))));
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  try {
    return ![join(root, 'tsconfig.json'), join(root, 'package-lock.json'), join(root, 'node_modules')].some(newer)
      && !config.include.some((dir) => walk(join(root, dir)));
  } catch {
    return false; // something vanished while looking: let tsc decide
  }
}
