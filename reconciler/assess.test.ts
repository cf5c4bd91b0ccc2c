import { ANNOTATIONS, LABELS, Manifest } from '../manifest';
import { assessInventory, CacheLookup, lookupOf, objectKey, RowMemo } from './assess';
import { editedByHand, inventoryOf, slimAll, synthesized } from './fakes';
import { scenario } from './scenario';

describe('assessInventory', () => {
  test('every listed object gets a row: sync from the content hash, health from health/, ML progress', () => {
    const s = scenario();
    const rows = assessInventory(inventoryOf(s.desired), lookupOf(slimAll(s.live)));
    expect(rows.map((r) => [r.kind, r.sync, r.health, r.progress?.type])).toEqual([
      ['ConfigMap', 'Synced', 'Healthy', undefined],
      ['Experiment', 'Synced', 'Progressing', 'Experiment'],
      ['PyTorchJob', 'Synced', 'Progressing', 'Job'],
      ['InferenceService', 'Synced', 'Progressing', 'InferenceService'],
    ]);
    const job = rows.find((r) => r.kind === 'PyTorchJob')!;
    expect(job).toMatchObject({ group: 'kubeflow.org', version: 'v1', namespace: 'team-a', name: 'mnist', uid: 'uid-0', message: 'running: PyTorchJob team-a/mnist is running.' });
    expect(rows.find((r) => r.kind === 'InferenceService')!.message).toBe('canary rollout: 10% of traffic to iris-predictor-00002, the rest to iris-predictor-00001');
  });

  test('an object not in the cache is Missing; one edited by hand, or without the annotation, is OutOfSync, saying why', () => {
    const s = scenario();
    const stripped: Manifest = { ...s.config, metadata: { ...s.config.metadata, annotations: {} } };
    const rows = assessInventory(inventoryOf(s.desired), lookupOf(slimAll([editedByHand(s.job), stripped, s.isvc])));
    const by = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(by.Experiment).toMatchObject({ sync: 'Missing', health: 'Missing', message: 'not found in the cluster' });
    expect(by.Experiment).not.toHaveProperty('progress');
    expect(by.PyTorchJob).toMatchObject({ sync: 'OutOfSync', health: 'Progressing' });
    expect(by.PyTorchJob.message).toMatch(/^content hash eeeeeeeeeeee differs from git's [0-9a-f]{12}; running: /);
    expect(by.ConfigMap).toMatchObject({ sync: 'OutOfSync', message: `no ${ANNOTATIONS.contentHash} annotation (changed outside git?); ConfigMap exists` });
  });

  test('objects labelled with the stack but not in its inventory are Orphaned, after the listed ones; the Inventory itself and other stacks are not', () => {
    const s = scenario();
    const stale = synthesized({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'old', namespace: 'team-a' } });
    const other = synthesized({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'theirs', namespace: 'team-b' } }, 'prod');
    const inventory = inventoryOf(s.desired);
    const rows = assessInventory(inventory, lookupOf(slimAll([...s.live, stale, other, inventory])));
    expect(rows).toHaveLength(5);
    expect(rows[4]).toMatchObject({ kind: 'ConfigMap', name: 'old', sync: 'Orphaned', health: 'Healthy', version: 'v1' });
  });

  test('a kind whose cache is still listing, or cannot be watched, is not reported Missing as a fact: its rows say so', () => {
    const s = scenario();
    const lookup: CacheLookup = { ...lookupOf([]), kindState: (_g, kind) => (kind === 'Experiment' ? 'pending' : kind === 'PyTorchJob' ? { error: 'forbidden' } : 'synced') };
    const by = Object.fromEntries(assessInventory(inventoryOf(s.desired), lookup).map((r) => [r.kind, r]));
    expect(by.Experiment).toMatchObject({ health: 'Unknown', message: 'Experiment not listed yet', unobserved: 'pending' });
    expect(by.PyTorchJob).toMatchObject({ health: 'Unknown', message: 'cannot watch PyTorchJob: forbidden', unobserved: 'error' });
    expect(by.ConfigMap).toMatchObject({ sync: 'Missing', health: 'Missing' });
    expect(by.ConfigMap).not.toHaveProperty('unobserved');
  });

  test('cluster-scoped objects match without a namespace; the key ignores the version', () => {
    const ns = synthesized({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    const rows = assessInventory(inventoryOf([ns]), lookupOf([ns]));
    expect(rows).toEqual([expect.objectContaining({ kind: 'Namespace', name: 'team-a', sync: 'Synced' })]);
    expect(rows[0]).not.toHaveProperty('namespace');
    expect(objectKey({ group: 'kubeflow.org', kind: 'Notebook', namespace: 'a', name: 'n' })).toBe('kubeflow.org/Notebook/a/n');
    expect(ns.metadata?.labels?.[LABELS.stack]).toBe('dev');
  });
});

describe('RowMemo', () => {
  test('rows of unchanged cached objects are reused; a replaced object, a new hash or a vanished object is assessed again', () => {
    const s = scenario();
    const inv = inventoryOf(s.desired);
    const live = slimAll(s.live);
    const memo = new RowMemo();
    const first = assessInventory(inv, lookupOf(live), memo);
    expect(first).toEqual(assessInventory(inv, lookupOf(live)));

    // The cache replaces the job (a status write): only its row is new.
    const jobIndex = live.findIndex((o) => o.kind === 'PyTorchJob');
    const failed = slimAll([{ ...s.job, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'Failed', message: 'boom' }] } }])[0];
    const next = live.map((o, i) => (i === jobIndex ? failed : o));
    const second = assessInventory(inv, lookupOf(next), memo);
    expect(second).toEqual(assessInventory(inv, lookupOf(next)));
    second.forEach((row, i) => (row.kind === 'PyTorchJob' ? expect(row).not.toBe(first[i]) : expect(row).toBe(first[i])));
    expect(second.find((r) => r.kind === 'PyTorchJob')!.health).toBe('Degraded');

    // A new hash in git: OutOfSync although the live object is the same.
    const rehashed = { ...inv, spec: { ...inv.spec, objects: inv.spec.objects.map((e) => (e.kind === 'ConfigMap' ? { ...e, hash: 'sha256:0000' } : e)) } };
    expect(assessInventory(rehashed, lookupOf(next), memo).find((r) => r.kind === 'ConfigMap')!.sync).toBe('OutOfSync');

    // Deleted from the cluster: Missing, not the remembered row.
    const gone = next.filter((o) => o.kind !== 'Experiment');
    expect(assessInventory(inv, lookupOf(gone), memo).find((r) => r.kind === 'Experiment')!.sync).toBe('Missing');
  });
});
