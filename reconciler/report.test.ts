import { INVENTORY_ROW_CAP, Inventory, InventoryStatus } from '../manifest';
import { assessInventory, lookupOf, Row } from './assess';
import { editedByHand, inventoryOf, slimAll } from './fakes';
import { statusChanged, statusOf } from './report';
import { scenario } from './scenario';

const T0 = new Date('2026-11-20T10:02:00.123Z');
const T1 = new Date('2026-11-20T10:03:00Z');
const cond = (s: InventoryStatus, type: string) => s.conditions!.find((c) => c.type === type)!;

function assessed(live = scenario().live, inv?: Inventory) {
  const inventory = inv ?? inventoryOf(scenario().desired);
  return { inventory, rows: assessInventory(inventory, lookupOf(slimAll(live))) };
}

describe('statusOf', () => {
  test('summary over every object; rows only for those not Synced+Healthy or with ML progress, in spec order; kstatus conditions', () => {
    const { inventory, rows } = assessed();
    const status = statusOf(inventory, rows, T0);
    expect(status.summary).toEqual({ objects: 4, synced: 4, outOfSync: 0, missing: 0, orphaned: 0, healthy: 1, progressing: 3, degraded: 0, suspended: 0, unknown: 0 });
    expect(status.objects!.map((r) => r.kind)).toEqual(['Experiment', 'PyTorchJob', 'InferenceService']);
    expect(status.objects![0]).not.toHaveProperty('version');
    expect(status.objects![0]).not.toHaveProperty('uid');
    expect(status.observedGeneration).toBe(3);
    expect(status.lastReconcileTime).toBe('2026-11-20T10:02:00Z');
    expect(status.conditions!.map((c) => [c.type, c.status, c.reason, c.observedGeneration])).toEqual([
      ['Ready', 'False', 'Progressing', 3], ['Reconciling', 'True', 'Progressing', 3], ['Stalled', 'False', 'NotStalled', 3],
    ]);
    expect(cond(status, 'Reconciling')).toMatchObject({ message: expect.stringMatching(/^3 object\(s\) progressing: Experiment team-a\/tune-mnist \(running: Experiment is running\), /) });
  });

  test('unchanged input gives the stored status back, times included: the writer need not write', () => {
    const { inventory, rows } = assessed();
    const first = statusOf(inventory, rows, T0);
    const stored = JSON.parse(JSON.stringify(first));
    const again = statusOf({ ...inventory, status: stored }, assessed().rows, T1);
    expect(again).toEqual(first);
    expect(statusChanged(stored, again)).toBe(false);
    expect(statusChanged(undefined, again)).toBe(true);
  });

  test('a change rewrites lastReconcileTime, and lastTransitionTime only of conditions whose status flipped', () => {
    const s = scenario();
    const { inventory, rows } = assessed(s.live);
    const first = statusOf(inventory, rows, T0);
    const done = s.live.map((o) => (o === s.job ? { ...o, status: { conditions: [{ type: 'Succeeded', status: 'True', message: 'done' }] } } : o));
    const next = statusOf({ ...inventory, status: first }, assessed(done, inventory).rows, T1);
    expect(statusChanged(first, next)).toBe(true);
    expect(next.lastReconcileTime).toBe('2026-11-20T10:03:00Z');
    expect(cond(next, 'Ready').lastTransitionTime).toBe('2026-11-20T10:02:00Z');
  });

  test('Degraded objects stall the stack, naming them; Missing and OutOfSync ones keep it reconciling', () => {
    const s = scenario();
    const failed = { ...s.job, status: { conditions: [{ type: 'Failed', status: 'True', message: 'boom' }] } };
    let { inventory, rows } = assessed([failed, s.experiment, s.isvc, s.config]);
    let status = statusOf(inventory, rows, T0);
    expect(cond(status, 'Stalled')).toMatchObject({ status: 'True', reason: 'Degraded', message: '1 object(s) degraded: PyTorchJob team-a/mnist (failed: boom)' });
    expect(cond(status, 'Ready')).toMatchObject({ status: 'False', reason: 'Degraded' });
    ({ inventory, rows } = assessed([s.experiment, editedByHand(s.isvc), s.config]));
    status = statusOf(inventory, rows, T0);
    expect(cond(status, 'Reconciling')).toMatchObject({ status: 'True', reason: 'Missing', message: '1 object(s) missing from the cluster: PyTorchJob team-a/mnist (not found in the cluster)' });
    expect(status.summary).toMatchObject({ missing: 1, outOfSync: 1 });
  });

  test('everything synced and settled: Ready, with orphans counted but not holding it back', () => {
    const s = scenario();
    const settled = (o: typeof s.job) => o === s.config ? o : { ...o, status: o === s.isvc
      ? { observedGeneration: 1, url: 'http://iris', conditions: [{ type: 'Ready', status: 'True' }] }
      : { conditions: [{ type: 'Succeeded', status: 'True', message: 'ok' }] } };
    const orphan = { ...s.config, metadata: { ...s.config.metadata, name: 'old' } };
    const { inventory, rows } = assessed([...s.live.map(settled), orphan]);
    const status = statusOf(inventory, rows, T0);
    expect(status.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([['Ready', 'True', 'Current'], ['Reconciling', 'False', 'Current'], ['Stalled', 'False', 'NotStalled']]);
    expect(cond(status, 'Ready').message).toBe('4 object(s) synced and healthy (1 orphaned)');
  });

  test('a kind that cannot be watched stalls the stack; one still listing keeps it reconciling', () => {
    const { inventory } = assessed();
    const rows = assessInventory(inventory, { ...lookupOf([]), kindState: (_g, k) => (k === 'PyTorchJob' ? { error: 'forbidden' } : 'pending') });
    const status = statusOf(inventory, rows, T0);
    expect(cond(status, 'Stalled')).toMatchObject({ status: 'True', reason: 'WatchFailed' });
    expect(cond(status, 'Reconciling')).toMatchObject({ status: 'True', reason: 'CachePending' });
  });

  test(`at most ${INVENTORY_ROW_CAP} rows, the most severe kept, the rest counted in rowsOmitted`, () => {
    const { inventory } = assessed();
    const row = (i: number, health: Row['health']): Row => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'a', name: `c${String(i).padStart(4, '0')}`, sync: 'Synced', health });
    const rows = [...Array.from({ length: 600 }, (_, i) => row(i, 'Progressing')), row(9999, 'Degraded')];
    const status = statusOf(inventory, rows, T0);
    expect(status.objects).toHaveLength(INVENTORY_ROW_CAP);
    expect(status.summary!.rowsOmitted).toBe(101);
    expect(status.objects!.at(-1)).toMatchObject({ name: 'c9999', health: 'Degraded' });
    expect(status.objects!.map((r) => r.name)).toEqual([...status.objects!.map((r) => r.name)].sort());
  });
});
