#!/usr/bin/env node
// Build step (after tsc, from scripts/build.mjs): compiles every schema of every preset's folder
// (schemas/<preset>/) into an ajv standalone validator module under lib/policies/precompiled/,
// which `validate` loads per kind on first use instead of compiling the schema (KServe's
// InferenceService: ~1 s). A file several presets share (same bytes) is compiled once. Only
// schemas that changed, or all after a change to the compiler (prepareSchema, ajv), are compiled
// again; the work is shared by worker threads, one per core. Not committed: lib/ is build output.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const precompile = require(join(root, 'lib', 'policies', 'precompile-validators.js'));
// The folder of every built-in preset (manifest/releases.ts), schemas/<preset>/.
const schemasDirs = Object.keys(require(join(root, 'lib', 'manifest', 'releases.js')).RELEASE_PRESETS).sort().map((name) => join(root, 'schemas', name));
const outDir = join(root, 'lib', 'policies', 'precompiled');

if (isMainThread) {
  const started = Date.now();
  const { jobs, fingerprint } = precompile.planPrecompile(schemasDirs, outDir);
  const todo = jobs.filter((j) => !j.upToDate);
  const entries = Object.fromEntries(jobs.filter((j) => j.upToDate).map((j) => [j.key, precompile.keptEntry(j)]));
  if (todo.length > 0) {
    const files = jobs.reduce((n, j) => n + j.files.length, 0);
    process.stderr.write(`compiling ${todo.length} of ${jobs.length} distinct schemas (${files} files in ${schemasDirs.length} presets) into ${outDir}…\n`);
    // Biggest first, handed out one at a time: the slowest schemas do not end up on one thread.
    const queue = [...todo].sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
    const threads = Math.max(1, Math.min(availableParallelism(), queue.length));
    await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const worker = new Worker(fileURLToPath(import.meta.url));
      const next = () => (queue.length > 0 ? worker.postMessage(queue.shift()) : worker.terminate().then(resolve));
      worker.on('message', ({ key, entry }) => { entries[key] = entry; next(); });
      worker.on('error', reject);
      next();
    }))).catch((e) => {
      process.stderr.write(`build failed: cannot precompile the schemas: ${e.message}\n`);
      process.exit(1);
    });
    process.stderr.write(`compiled ${todo.length} schemas in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const schemas = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
  precompile.writeManifest(outDir, { fingerprint, schemas });
} else {
  parentPort.on('message', (job) => parentPort.postMessage({ key: job.key, entry: precompile.compileJob(outDir, job) }));
}
