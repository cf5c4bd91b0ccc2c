/**
 * The reconciler's Prometheus metrics, on a prom-client Registry of its own (never the global
 * one: tests and several reconcilers in one process must not share series). API:
 *
 * - `createMetrics()` → `Metrics`: `registry` (serve `registry.metrics()` with
 *   `registry.contentType` on /metrics) and the functions that update it:
 *   - `observeRows(stack, rows)`: `cdk8s_kubeflow_objects{stack,sync,health}` — the stack's
 *     counts, series of combinations that went to zero removed;
 *   - `forgetStack(stack)`: drops a deleted or deselected stack's series;
 *   - `countTransitions(stack, events)`: `cdk8s_kubeflow_transitions_total{stack,reason}`;
 *   - `watchRestarted(kind, reason)`: `cdk8s_kubeflow_watch_restarts_total{kind,reason}`
 *     (reason e.g. `timeout`, `watchdog`, `error`, `gone`);
 *   - `relisted(kind)`: `cdk8s_kubeflow_relists_total{kind}`;
 *   - `startReconcile()` → a function to call when the reconcile ends:
 *     `cdk8s_kubeflow_reconcile_duration_seconds{stack}` histogram;
 *   - `setLeader(isLeader)`: `cdk8s_kubeflow_leader` (1 or 0).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Row } from './assess';
import { ReconcilerEvent } from './transitions';

export interface Metrics {
  readonly registry: Registry;
  observeRows(stack: string, rows: readonly Pick<Row, 'sync' | 'health'>[]): void;
  forgetStack(stack: string): void;
  countTransitions(stack: string, events: readonly Pick<ReconcilerEvent, 'reason'>[]): void;
  watchRestarted(kind: string, reason: string): void;
  relisted(kind: string): void;
  /** Starts timing a reconcile of `stack`; call the result when it ends. Returns the seconds. */
  startReconcile(stack: string): () => number;
  setLeader(isLeader: boolean): void;
}

/** Reconciles take milliseconds to a few seconds (20,000 objects): 1 ms … 10 s. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const objects = new Gauge({ name: 'cdk8s_kubeflow_objects', help: 'Objects tracked by the reconciler, by stack, sync state and health.', labelNames: ['stack', 'sync', 'health'] as const, registers: [registry] });
  const transitions = new Counter({ name: 'cdk8s_kubeflow_transitions_total', help: 'Transitions reported as Events, by stack and reason.', labelNames: ['stack', 'reason'] as const, registers: [registry] });
  const watchRestarts = new Counter({ name: 'cdk8s_kubeflow_watch_restarts_total', help: 'Watches restarted, by kind and reason.', labelNames: ['kind', 'reason'] as const, registers: [registry] });
  const relists = new Counter({ name: 'cdk8s_kubeflow_relists_total', help: 'Full relists (first list, 410 Gone), by kind.', labelNames: ['kind'] as const, registers: [registry] });
  const duration = new Histogram({ name: 'cdk8s_kubeflow_reconcile_duration_seconds', help: 'Time to assess a stack and build its status.', labelNames: ['stack'] as const, buckets: DURATION_BUCKETS, registers: [registry] });
  const leader = new Gauge({ name: 'cdk8s_kubeflow_leader', help: '1 when this instance holds the Lease and writes, else 0.', registers: [registry] });
  leader.set(0);
  /** The (sync, health) series set per stack, to remove those that went to zero. */
  const seen = new Map<string, Set<string>>();

  return {
    registry,
    observeRows(stack, rows) {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(`${r.sync}\u0000${r.health}`, (counts.get(`${r.sync}\u0000${r.health}`) ?? 0) + 1);
      for (const key of seen.get(stack) ?? []) {
        if (counts.has(key)) continue;
        const [sync, health] = key.split('\u0000');
        objects.remove({ stack, sync, health });
      }
      for (const [key, n] of counts) {
        const [sync, health] = key.split('\u0000');
        objects.set({ stack, sync, health }, n);
      }
      seen.set(stack, new Set(counts.keys()));
    },
    forgetStack(stack) {
      for (const key of seen.get(stack) ?? []) {
        const [sync, health] = key.split('\u0000');
        objects.remove({ stack, sync, health });
      }
      seen.delete(stack);
      duration.remove({ stack });
    },
    countTransitions(stack, events) {
      for (const e of events) transitions.inc({ stack, reason: e.reason });
    },
    watchRestarted(kind, reason) {
      watchRestarts.inc({ kind, reason });
    },
    relisted(kind) {
      relists.inc({ kind });
    },
    startReconcile(stack) {
      const end = duration.startTimer({ stack });
      return () => end();
    },
    setLeader(isLeader) {
      leader.set(isLeader ? 1 : 0);
    },
  };
}
