import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';

/**
 * Server-side request batching by KServe's agent sidecar: requests are held until `maxBatchSize`
 * have arrived or `maxLatency` has passed, then sent to the model as one batch.
 */
export interface BatcherProps {
  /** @default - KServe's default (32) */
  readonly maxBatchSize?: number;
  /** Longest a request waits for its batch to fill (whole milliseconds). @default - KServe's default (500 ms) */
  readonly maxLatency?: Duration;
  /** Timeout of a batch call (whole seconds). @default - KServe's default (60 s) */
  readonly timeout?: Duration;
}

/** Validates and renders a component's `batcher` (wire format: `maxLatency` in ms, `timeout` in s). */
export function renderBatcher(scope: IConstruct, field: string, props: BatcherProps | undefined): Record<string, unknown> | undefined {
  if (!props) return undefined;
  const { maxBatchSize } = props;
  if (maxBatchSize !== undefined && (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)) {
    fail(scope, join(field, 'maxBatchSize'), `must be a whole number ≥ 1, got ${maxBatchSize}`, 'give the most requests per batch, e.g. 32');
  }
  const maxLatency = props.maxLatency?.toMilliseconds({ integral: false });
  if (maxLatency !== undefined && (!Number.isInteger(maxLatency) || maxLatency < 1)) {
    fail(scope, join(field, 'maxLatency'), `must be at least 1 ms in whole milliseconds, got ${maxLatency} ms`, 'e.g. Duration.millis(100)');
  }
  const timeout = props.timeout?.toSeconds({ integral: false });
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1)) {
    fail(scope, join(field, 'timeout'), `must be at least 1 s in whole seconds, got ${timeout} s`, 'e.g. Duration.seconds(60)');
  }
  return { maxBatchSize, maxLatency, timeout };
}
