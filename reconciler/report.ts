/**
 * The Inventory's status from its rows. API:
 *
 * - `statusOf(inventory, rows, now)` → `InventoryStatus`: a summary over every row; the rows
 *   worth reading (not Synced+Healthy, or carrying ML progress), most severe kept first when
 *   more than INVENTORY_ROW_CAP, written in (group, kind, namespace, name) order; kstatus
 *   conditions Ready / Reconciling / Stalled with reasons, messages and observedGeneration;
 *   `lastTransitionTime` and `lastReconcileTime` carried over from `inventory.status` unless
 *   something changed — so an unchanged stack gives a status deep-equal to the one it has.
 * - `statusChanged(previous, next)` → whether the writer must write (key order and the
 *   API server's dropping of empty fields aside).
 *
 * Readiness: Stalled when an object is Degraded or a kind cannot be watched; Reconciling while
 * objects are Missing, OutOfSync, Progressing or a kind is still being listed; Ready when
 * neither. Orphans are counted and named, but hold nothing back (Argo CD prunes them).
 */
import { canonicalJson, compareEntries, INVENTORY_ROW_CAP, InventoryCondition, InventoryConditionType, InventoryRow, InventoryStatus, InventorySummary, Inventory } from '../manifest';
import { Row } from './assess';

function summaryOf(rows: readonly Row[]): InventorySummary {
  const n = (p: (r: Row) => boolean) => rows.filter(p).length;
  return {
    objects: rows.length,
    synced: n((r) => r.sync === 'Synced'),
    outOfSync: n((r) => r.sync === 'OutOfSync'),
    missing: n((r) => r.sync === 'Missing'),
    orphaned: n((r) => r.sync === 'Orphaned'),
    healthy: n((r) => r.health === 'Healthy'),
    progressing: n((r) => r.health === 'Progressing'),
    degraded: n((r) => r.health === 'Degraded'),
    suspended: n((r) => r.health === 'Suspended'),
    unknown: n((r) => r.health === 'Unknown'),
  };
}

/** Lower is more urgent: what survives the row cap. */
function severity(r: Row): number {
  if (r.health === 'Degraded' || r.unobserved === 'error') return 0;
  if (r.sync === 'Missing') return 1;
  if (r.sync === 'OutOfSync') return 2;
  if (r.sync === 'Orphaned') return 3;
  if (r.health === 'Progressing') return 4;
  if (r.health !== 'Healthy') return 5;
  return 6;
}

const worthAReport = (r: Row) => !(r.sync === 'Synced' && r.health === 'Healthy') || r.progress !== undefined;

/** The status row of a row: only the fields the CRD's schema holds (the API server would prune others). */
function statusRow(r: Row): InventoryRow {
  const { group, kind, namespace, name, sync, health, message, progress } = r;
  return { group, kind, ...(namespace ? { namespace } : {}), name, sync, health, ...(message ? { message } : {}), ...(progress ? { progress } : {}) };
}

const label = (r: Row) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** `Kind ns/name (message), …` for at most three rows, then how many more. */
function naming(rows: readonly Row[]): string {
  const named = rows.slice(0, 3).map((r) => (r.message ? `${label(r)} (${r.message})` : label(r)));
  return named.join(', ') + (rows.length > 3 ? ` and ${rows.length - 3} more` : '');
}

type Verdict = { status: 'True' | 'False'; reason: string; message: string };

function verdicts(rows: readonly Row[]): Record<InventoryConditionType, Verdict> {
  const tracked = rows.filter((r) => r.sync !== 'Orphaned');
  const watchErrors = tracked.filter((r) => r.unobserved === 'error');
  const degraded = tracked.filter((r) => r.health === 'Degraded');
  const observed = tracked.filter((r) => !r.unobserved);
  const reconciling: [string, Row[], string][] = [
    ['CachePending', tracked.filter((r) => r.unobserved === 'pending'), 'waiting for the first list of'],
    ['Missing', observed.filter((r) => r.sync === 'Missing'), 'missing from the cluster:'],
    ['OutOfSync', observed.filter((r) => r.sync === 'OutOfSync'), 'out of sync with git:'],
    ['Progressing', observed.filter((r) => r.sync === 'Synced' && r.health === 'Progressing'), 'progressing:'],
  ];
  const stalled: Verdict = watchErrors.length
    ? { status: 'True', reason: 'WatchFailed', message: `cannot watch ${watchErrors.length} object(s): ${naming(watchErrors)}` }
    : degraded.length
      ? { status: 'True', reason: 'Degraded', message: `${degraded.length} object(s) degraded: ${naming(degraded)}` }
      : { status: 'False', reason: 'NotStalled', message: 'no object is degraded' };
  const busy = reconciling.find(([, list]) => list.length > 0);
  const reconcilingVerdict: Verdict = busy
    ? { status: 'True', reason: busy[0], message: `${busy[1].length} object(s) ${busy[2]} ${naming(busy[1])}` }
    : { status: 'False', reason: 'Current', message: 'every object is synced and settled' };
  const orphans = rows.length - tracked.length;
  const extra = [
    ...(rows.some((r) => r.health === 'Suspended') ? [`${rows.filter((r) => r.health === 'Suspended').length} suspended`] : []),
    ...(orphans ? [`${orphans} orphaned`] : []),
  ];
  const ready: Verdict = stalled.status === 'True'
    ? { status: 'False', reason: stalled.reason, message: stalled.message }
    : busy
      ? { status: 'False', reason: reconcilingVerdict.reason, message: reconcilingVerdict.message }
      : { status: 'True', reason: 'Current', message: `${tracked.length} object(s) synced and healthy${extra.length ? ` (${extra.join(', ')})` : ''}` };
  return { Ready: ready, Reconciling: reconcilingVerdict, Stalled: stalled };
}

/** Compares statuses as the API server stores them: key order and absent-vs-undefined do not count. */
const comparable = (s: InventoryStatus | undefined, withoutTimes: boolean) =>
  canonicalJson(JSON.parse(JSON.stringify({ ...s, ...(withoutTimes ? { lastReconcileTime: undefined } : {}) })));

/** Whether `next` differs from `previous` (the writer skips the write when it does not). */
export function statusChanged(previous: InventoryStatus | undefined, next: InventoryStatus): boolean {
  return comparable(previous, false) !== comparable(next, false);
}

/** The Inventory's status for `rows` (see the top of this file). */
export function statusOf(inventory: Inventory, rows: readonly Row[], now: Date): InventoryStatus {
  const previous = inventory.status;
  const generation = typeof inventory.metadata.generation === 'number' ? inventory.metadata.generation : undefined;
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const v = verdicts(rows);
  const conditions: InventoryCondition[] = (['Ready', 'Reconciling', 'Stalled'] as const).map((type) => {
    const before = previous?.conditions?.find((c) => c.type === type);
    return {
      type,
      status: v[type].status,
      reason: v[type].reason,
      message: v[type].message,
      lastTransitionTime: before && before.status === v[type].status && before.lastTransitionTime ? before.lastTransitionTime : stamp,
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
    };
  });
  const reported = rows.filter(worthAReport);
  const kept = reported.length > INVENTORY_ROW_CAP
    ? [...reported].sort((a, b) => severity(a) - severity(b) || compareEntries(a, b)).slice(0, INVENTORY_ROW_CAP)
    : reported;
  const omitted = reported.length - kept.length;
  const status: InventoryStatus = {
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    conditions,
    summary: { ...summaryOf(rows), ...(omitted ? { rowsOmitted: omitted } : {}) },
    objects: [...kept].sort(compareEntries).map(statusRow),
    lastReconcileTime: stamp,
  };
  // Nothing but the clock changed: keep the previous times, so the status is the one stored.
  if (previous?.lastReconcileTime && comparable(previous, true) === comparable(status, true)) return { ...status, lastReconcileTime: previous.lastReconcileTime };
  return status;
}
