import { parentPort, workerData } from 'worker_threads';
import { yamlManifests } from './load';
import { SchemaValidator } from './schema-validator';
import type { WorkerBatch, WorkerOptions, WorkerReply } from './validate-files';
import { ValidationTally } from './validation-tally';

// A worker thread of validateFiles: parses and validates the YAML documents it is sent, in
// batches, and posts each batch's result back; the main thread puts them in input order.

const options = workerData as WorkerOptions;
const validator = options.precompiled === undefined ? SchemaValidator.for(options.schemas) : new SchemaValidator({ dir: options.schemas, precompiled: options.precompiled });

parentPort!.on('message', (batch: WorkerBatch | null) => {
  if (batch === null) {
    parentPort!.close(); // the last batch was sent: let the thread end
    return;
  }
  let reply: WorkerReply;
  try {
    const tally = new ValidationTally(validator, options);
    for (const event of yamlManifests(batch.docs, batch.file)) tally.add(event);
    reply = { seq: batch.seq, result: tally.result() };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { seq: batch.seq, error: { name: err.name, message: err.message } };
  }
  parentPort!.postMessage(reply);
});
