import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';
import { ComponentFields } from './wire';

/**
 * Server-side request batching by KServe's agent sidecar: requests are held until `maxBatchSize`
 * have arrived or `maxLatency` has passed, then sent to the model as one batch. (The CRD's
 * `batcher.timeout` is left out: KServe v0.20 passes only these two to the agent.)
 */
export interface BatcherProps {
  /** @default - the `batcher` setting of KServe's `inferenceservice-config` (32) */
  readonly maxBatchSize?: number;
  /**
   * Longest a request waits for its batch to fill (whole milliseconds).
   * @default - the `batcher` setting of KServe's `inferenceservice-config` (5000 ms)
   */
  readonly maxLatency?: Duration;
}

/** Validates and renders a component's `batcher` (wire format: `maxLatency` in ms). @internal */
export function renderBatcher(scope: IConstruct, field: string, props: BatcherProps | undefined): ComponentFields['batcher'] {
  if (!props) return undefined;
  const { maxBatchSize } = props;
  // KServe's agent exits at start-up on a batch size or latency ≤ 0 (startBatcher, cmd/agent/main.go).
  if (maxBatchSize !== undefined && (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)) {
    fail(scope, join(field, 'maxBatchSize'), `must be a whole number ≥ 1, got ${maxBatchSize}`, 'give the most requests per batch, e.g. 32');
  }
  const maxLatency = props.maxLatency?.toMilliseconds({ integral: false });
  if (maxLatency !== undefined && (!Number.isInteger(maxLatency) || maxLatency < 1)) {
    fail(scope, join(field, 'maxLatency'), `must be at least 1 ms in whole milliseconds, got ${maxLatency} ms`, 'e.g. Duration.millis(100)');
  }
  return { maxBatchSize, maxLatency };
}
