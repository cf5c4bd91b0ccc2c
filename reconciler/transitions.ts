/**
 * Events from what changed between two assessments of a stack. API:
 *
 * - `transitions(previous, rows)` → `ReconcilerEvent[]` (type, reason, note, regarding), for the
 *   writer to post as events.k8s.io/v1 Events. `previous` undefined (the first assessment of a
 *   stack by this process, e.g. after a failover) gives none: a restart must not replay history.
 *   Only objects present in both assessments are compared, and rows whose kind's cache is not
 *   complete are skipped (not knowing is not a change).
 *
 * Reasons — ML first, then the generic ones an ML reason did not already cover:
 * JobSucceeded / JobFailed (v1 jobs, TrainJob), ExperimentSucceeded / ExperimentFailed,
 * BestTrialImproved (with the trial, its parameters and objective value), ModelReady /
 * ModelNotReady (InferenceService), CanaryStarted / CanaryPromoted, NotebookRunning /
 * NotebookStopped, PipelineVersionReady; ObjectMissing, ObjectOutOfSync, ObjectOrphaned,
 * ObjectSynced, ObjectDegraded, ObjectRecovered.
 */
import { objectKey, Row } from './assess';
import { BestTrial, Progress } from './progress';

export interface ReconcilerEvent {
  readonly type: 'Normal' | 'Warning';
  /** UpperCamelCase, as Kubernetes Events spell reasons. */
  readonly reason: string;
  /** Human-readable, at most 1 kB (the events.k8s.io/v1 limit). */
  readonly note: string;
  /** What the event is about; `version`/`uid` for the Event's `regarding` reference. */
  readonly regarding: { readonly group: string; readonly version: string; readonly kind: string; readonly namespace?: string; readonly name: string; readonly uid?: string };
}

/** The reasons this file emits, for docs and metrics. */
export const EVENT_REASONS = [
  'JobSucceeded', 'JobFailed', 'ExperimentSucceeded', 'ExperimentFailed', 'BestTrialImproved', 'ModelReady', 'ModelNotReady',
  'CanaryStarted', 'CanaryPromoted', 'NotebookRunning', 'NotebookStopped', 'PipelineVersionReady',
  'ObjectMissing', 'ObjectOutOfSync', 'ObjectOrphaned', 'ObjectSynced', 'ObjectDegraded', 'ObjectRecovered',
] as const;
export type EventReason = (typeof EVENT_REASONS)[number];

const NOTE_LIMIT = 1024;

function truncate(note: string): string {
  if (Buffer.byteLength(note) <= NOTE_LIMIT) return note;
  let s = note.slice(0, NOTE_LIMIT - 1);
  while (Buffer.byteLength(s + '…') > NOTE_LIMIT) s = s.slice(0, -1);
  return s + '…';
}

const describeBest = (b: BestTrial) => {
  const params = Object.entries(b.parameters).map(([k, v]) => `${k}=${v}`).join(', ');
  const objective = b.objective ? `${b.objective.metric}=${b.objective.value}` : 'no objective value yet';
  return `best trial ${b.trial}: ${objective}${params ? ` with ${params}` : ''}`;
};

type Found = { type: ReconcilerEvent['type']; reason: EventReason; note: string };

/** ML events from the progress of one object. */
function progressEvents(before: Progress | undefined, after: Progress | undefined, row: Row): Found[] {
  if (!after || !before || before.type !== after.type) return [];
  const detail = row.message ? `: ${row.message}` : '';
  switch (after.type) {
    case 'Job':
    case 'TrainJob': {
      const was = (before as typeof after).phase;
      if (was === after.phase) return [];
      if (after.phase === 'Succeeded' || after.phase === 'Complete') return [{ type: 'Normal', reason: 'JobSucceeded', note: `${row.kind} ${row.name} succeeded${detail}` }];
      if (after.phase === 'Failed') return [{ type: 'Warning', reason: 'JobFailed', note: `${row.kind} ${row.name} failed${detail}` }];
      return [];
    }
    case 'Experiment': {
      const was = before as typeof after;
      const out: Found[] = [];
      if (after.best && (after.best.trial !== was.best?.trial || after.best.objective?.value !== was.best?.objective?.value)) {
        out.push({ type: 'Normal', reason: 'BestTrialImproved', note: `${row.name}: ${describeBest(after.best)} (${after.succeeded} trial(s) succeeded)` });
      }
      if (was.phase !== after.phase && after.phase === 'Succeeded') out.push({ type: 'Normal', reason: 'ExperimentSucceeded', note: `${row.name} succeeded${after.best ? `; ${describeBest(after.best)}` : ''}` });
      if (was.phase !== after.phase && after.phase === 'Failed') out.push({ type: 'Warning', reason: 'ExperimentFailed', note: `${row.name} failed${detail}` });
      return out;
    }
    case 'InferenceService': {
      const was = before as typeof after;
      const out: Found[] = [];
      if (!was.ready && after.ready) out.push({ type: 'Normal', reason: 'ModelReady', note: `${row.name} is ready${after.url ? ` at ${after.url}` : ''}` });
      if (was.ready && !after.ready && !after.stopped) out.push({ type: 'Warning', reason: 'ModelNotReady', note: `${row.name} is not ready${detail}` });
      if (after.canary && after.canary.revision !== was.canary?.revision) {
        out.push({ type: 'Normal', reason: 'CanaryStarted', note: `${row.name}: ${after.canary.percent}% of traffic to ${after.canary.revision}${after.canary.previous ? `, the rest to ${after.canary.previous}` : ''}` });
      }
      if (was.canary && !after.canary && after.ready) out.push({ type: 'Normal', reason: 'CanaryPromoted', note: `${row.name}: ${was.canary.revision} takes all traffic` });
      return out;
    }
    case 'Notebook': {
      const was = (before as typeof after).state;
      if (was === after.state) return [];
      if (after.state === 'Running') return [{ type: 'Normal', reason: 'NotebookRunning', note: `${row.name} is running` }];
      if (after.state === 'Stopped') return [{ type: 'Normal', reason: 'NotebookStopped', note: `${row.name} was stopped` }];
      return [];
    }
    case 'PipelineVersion':
      return !(before as typeof after).ready && after.ready ? [{ type: 'Normal', reason: 'PipelineVersionReady', note: `${row.name} is ready` }] : [];
  }
}

function syncEvents(before: Row, after: Row): Found[] {
  if (before.sync === after.sync) return [];
  const detail = after.message ? `: ${after.message}` : '';
  switch (after.sync) {
    case 'Missing': return [{ type: 'Warning', reason: 'ObjectMissing', note: `${after.kind} ${after.name} is missing from the cluster` }];
    case 'OutOfSync': return [{ type: 'Warning', reason: 'ObjectOutOfSync', note: `${after.kind} ${after.name} is out of sync with git${detail}` }];
    case 'Orphaned': return [{ type: 'Warning', reason: 'ObjectOrphaned', note: `${after.kind} ${after.name} is no longer in the stack's inventory` }];
    case 'Synced': return [{ type: 'Normal', reason: 'ObjectSynced', note: `${after.kind} ${after.name} is in sync with git again` }];
  }
}

const ML_FAILURES: readonly EventReason[] = ['JobFailed', 'ExperimentFailed', 'ModelNotReady'];

function healthEvents(before: Row, after: Row, ml: readonly Found[]): Found[] {
  if (before.health === after.health || after.sync === 'Missing' || before.sync === 'Missing') return [];
  if (after.health === 'Degraded' && !ml.some((e) => ML_FAILURES.includes(e.reason))) {
    return [{ type: 'Warning', reason: 'ObjectDegraded', note: `${after.kind} ${after.name} is degraded${after.message ? `: ${after.message}` : ''}` }];
  }
  if (before.health === 'Degraded' && after.health === 'Healthy' && ml.length === 0) return [{ type: 'Normal', reason: 'ObjectRecovered', note: `${after.kind} ${after.name} is healthy again` }];
  return [];
}

/** Events for what changed from `previous` to `rows` (see the top of this file), in row order. */
export function transitions(previous: readonly Row[] | undefined, rows: readonly Row[]): ReconcilerEvent[] {
  if (!previous) return [];
  const before = new Map(previous.map((r) => [objectKey(r), r]));
  const events: ReconcilerEvent[] = [];
  for (const row of rows) {
    const was = before.get(objectKey(row));
    if (!was || was.unobserved || row.unobserved) continue;
    const ml = progressEvents(was.progress, row.progress, row);
    const found = [...ml, ...syncEvents(was, row), ...healthEvents(was, row, ml)];
    const regarding = {
      group: row.group, version: row.version, kind: row.kind, ...(row.namespace ? { namespace: row.namespace } : {}), name: row.name, ...(row.uid ?? was.uid ? { uid: row.uid ?? was.uid } : {}),
    };
    for (const e of found) events.push({ ...e, note: truncate(e.note), regarding });
  }
  return events;
}
