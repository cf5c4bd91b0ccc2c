#!/usr/bin/env node
// `npm run build`: type-checks and compiles the project with tsc (extra arguments go to tsc).
// Two differences from calling tsc directly, both for the commands that build first
// (`npm run synth`, `cdk8s synth`): diagnostics go to stderr, since cdk8s-cli swallows the app
// command's stdout; and a type error exits 1 ("the app is broken"), not tsc's 2, which our CLI
// reserves for usage errors. After a full build it also precompiles the schema validators
// (scripts/compile-validators.mjs).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const args = process.argv.slice(2);
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
// The precompiled schema validators that `validate` loads (lib/policies/precompiled/); only after a full build.
if (args.length === 0) {
  const v = spawnSync(process.execPath, [fileURLToPath(new URL('./compile-validators.mjs', import.meta.url))], { stdio: ['inherit', process.stderr.fd, 'inherit'] });
  if (v.status !== 0) process.exit(1);
}
