import * as fs from 'fs';
import { availableParallelism } from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { listManifestFiles, LoadEvent, LoadOptions, readDocuments, STDIN_NAME, STDIN_PATH, yamlManifests } from './load';
import { SchemaFolderError, SchemaValidator } from './schema-validator';
import { KeepOptions, ValidationResult, ValidationTally } from './validation-tally';
import { DocumentText } from './yaml-documents';

export interface ValidateFilesOptions extends LoadOptions, KeepOptions {
  /** A schemas folder (see resolveRelease for --release). @default the default preset's, schemas/kubeflow-platform-2026-04/ of the package */
  readonly schemas?: string;
  /** Precompiled validators, as SchemaValidatorOptions.precompiled. @default the build's */
  readonly precompiled?: string | false;
  /**
   * Worker threads that parse and validate inputs of THREADS_FROM_BYTES or more; 0 keeps
   * everything in this thread. @default one per core (at most 4); none on a single core
   */
  readonly threads?: number;
  /** @internal tests: the input size from which threads are used. @default THREADS_FROM_BYTES */
  readonly threadsFromBytes?: number;
}

/**
 * Smaller inputs are done in this thread: each worker first loads the modules and validators
 * and warms up, ~0.2 s of CPU, which bench/validate.ts shows paying off only on tens of MB.
 */
export const THREADS_FROM_BYTES = 16 << 20;
/** Documents are sent to workers in batches of about this much text. */
const BATCH_BYTES = 256 << 10;
/** Batches in flight per worker: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * Reads and validates manifests (see `loadManifests` for what is read and how problems are
 * reported) one document at a time, keeping only findings and counts: memory stays bounded
 * by the largest document, whatever the size of the input. From THREADS_FROM_BYTES on, worker
 * threads parse and validate while this thread reads; results are put back in input order,
 * so the output does not depend on the threads. Rejects only for what `SchemaValidator`
 * throws (SchemaFolderError: a broken schemas folder) and a missing path (ENOENT).
 */
export async function validateFiles(paths: readonly string[], options: ValidateFilesOptions = {}): Promise<ValidationResult> {
  const validator = options.precompiled === undefined ? SchemaValidator.for(options.schemas) : new SchemaValidator({ dir: options.schemas, precompiled: options.precompiled });
  const keep: KeepOptions = { keepValid: options.keepValid, keepObjects: options.keepObjects };
  const tally = new ValidationTally(validator, keep);
  /** What is not sent to workers (findings of reading, JSON files) is validated here. */
  const here = (event: LoadEvent): ValidationResult => {
    const t = new ValidationTally(validator, keep);
    t.add(event);
    return t.result();
  };
  const threads = options.threads ?? (availableParallelism() > 1 ? Math.min(availableParallelism(), 4) : 0);
  const from = options.threadsFromBytes ?? THREADS_FROM_BYTES;
  let pool: WorkerPool | undefined;
  // The size of the files is known up front; standard input's only as it is read.
  let bytes = threads > 0 ? fileBytes(paths) : 0;
  let finished = false;
  try {
    for (const event of readDocuments(paths, options)) {
      if ('docs' in event && event.file === STDIN_NAME) bytes += event.docs.reduce((n, d) => n + d.text.length, 0);
      if (!pool && threads > 0 && bytes >= from) pool = new WorkerPool(threads, options, tally, here);
      if (pool) await pool.add(event);
      else for (const e of 'docs' in event ? yamlManifests(event.docs, event.file) : [event]) tally.add(e);
    }
    await pool?.finish();
    finished = true;
  } finally {
    await pool?.close(finished);
  }
  return tally;
}

/** The total size of the files under `paths` (0 for what cannot be listed: reading reports it). */
function fileBytes(paths: readonly string[]): number {
  let total = 0;
  for (const p of paths) {
    if (p === STDIN_PATH) continue;
    try {
      for (const file of listManifestFiles(p)) total += fs.statSync(file).size;
    } catch {
      // reported when read
    }
  }
  return total;
}

/** What the main thread tells a worker when it starts. */
export interface WorkerOptions extends KeepOptions {
  readonly schemas?: string;
  readonly precompiled?: string | false;
}

/** A batch of one file's YAML documents, sent to a worker. */
export interface WorkerBatch {
  readonly seq: number;
  readonly file: string;
  readonly docs: DocumentText[];
}

export type WorkerReply = { readonly seq: number; readonly result: ValidationResult } | { readonly seq: number; readonly error: { name: string; message: string } };

/**
 * Worker threads fed with batches of documents, the least busy first. Every piece of work,
 * sent or done here, takes a sequence number; results are merged into `into` strictly in
 * that order, whatever order they complete in.
 */
class WorkerPool {
  private readonly workers: { worker: Worker; inFlight: number; exited: boolean }[];
  private readonly done = new Map<number, ValidationResult>();
  private nextSeq = 0;
  private nextMerge = 0;
  private batch?: { file: string; docs: DocumentText[]; bytes: number };
  private failure?: Error;
  private closing = false;
  private wake?: () => void;

  constructor(threads: number, options: ValidateFilesOptions, private readonly into: ValidationTally, private readonly here: (event: LoadEvent) => ValidationResult) {
    const workerData: WorkerOptions = { schemas: options.schemas, precompiled: options.precompiled, keepValid: options.keepValid, keepObjects: options.keepObjects };
    const script = path.join(__dirname, `validate-worker${path.extname(__filename)}`);
    // From source (tests, tsx), the worker is TypeScript too.
    const execArgv = script.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [];
    this.workers = Array.from({ length: threads }, () => {
      const slot = { worker: new Worker(script, { workerData, execArgv }), inFlight: 0, exited: false };
      slot.worker.on('message', (reply: WorkerReply) => {
        slot.inFlight--;
        if ('error' in reply) this.fail(reply.error.name === 'SchemaFolderError' ? new SchemaFolderError(reply.error.message) : new Error(reply.error.message));
        else this.complete(reply.seq, reply.result);
      });
      slot.worker.on('error', (e) => this.fail(e));
      slot.worker.on('exit', (code) => {
        slot.exited = true;
        if (!this.closing) this.fail(new Error(`a validation worker thread stopped unexpectedly (exit code ${code})`));
      });
      return slot;
    });
  }

  /** Queues one thing read: YAML documents go to workers in batches; the rest is done in this thread, in its turn. */
  public async add(event: LoadEvent | { file: string; docs: DocumentText[] }): Promise<void> {
    if ('docs' in event) {
      if (this.batch && this.batch.file !== event.file) await this.flush();
      this.batch ??= { file: event.file, docs: [], bytes: 0 };
      this.batch.docs.push(...event.docs);
      this.batch.bytes += event.docs.reduce((n, d) => n + d.text.length, 0);
      if (this.batch.bytes >= BATCH_BYTES) await this.flush();
      return;
    }
    await this.flush();
    this.complete(this.nextSeq++, this.here(event));
  }

  private async flush(): Promise<void> {
    if (!this.batch) return;
    const { file, docs } = this.batch;
    this.batch = undefined;
    while (this.workers.every((w) => w.inFlight >= IN_FLIGHT_PER_WORKER)) await this.waitForProgress();
    const slot = this.workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    slot.inFlight++;
    const batch: WorkerBatch = { seq: this.nextSeq++, file, docs };
    slot.worker.postMessage(batch);
  }

  public async finish(): Promise<void> {
    await this.flush();
    while (this.nextMerge < this.nextSeq) await this.waitForProgress();
  }

  /** Lets the workers end when all went well (they exit when their port closes); else stops them at once. */
  public async close(finished: boolean): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.filter((w) => !w.exited).map(({ worker }) => (!finished ? worker.terminate() : new Promise((resolve) => {
      worker.once('exit', resolve);
      worker.postMessage(null);
    }))));
  }

  private complete(seq: number, result: ValidationResult): void {
    this.done.set(seq, result);
    for (let r = this.done.get(this.nextMerge); r; r = this.done.get(this.nextMerge)) {
      this.done.delete(this.nextMerge++);
      this.into.merge(r);
    }
    this.wake?.();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake?.();
  }

  private waitForProgress(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.wake = () => {
        this.wake = undefined;
        if (this.failure) reject(this.failure);
        else resolve();
      };
    });
  }
}
