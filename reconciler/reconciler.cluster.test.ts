// The reconciler against the real API server (shared cluster): tests play the operators by
// writing .status and check that the Inventory's status and the Events follow within 2 s.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../test/cli-output';
import { serviceAccountKubeconfig } from '../test/cluster/service-account';
import { sharedCluster } from '../test/cluster/shared';
import { applyStack, eventsIn, grant, INVENTORIES, inventoryStatus, patchStatus, pathOf, reconcilerRules, waitFor } from '../test/reconciler-stack';
import { KubeApi, loadKubeConfig } from './kube';
import { Reconciler } from './reconciler';

const { client, kubeconfigPath } = sharedCluster();
const NS = 'rc-main';
const STACK = 'rc-main';
const FAST = { debounceMs: 50, leaseDurationSeconds: 3, renewMs: 500, retryMs: 250, backoffMs: 100, maxBackoffMs: 1000 };

function reconciler(identity: string, kubeconfig = kubeconfigPath, stack = STACK, extra: Partial<ConstructorParameters<typeof Reconciler>[0]> = {}): Reconciler {
  return new Reconciler({ kubeconfig: loadKubeConfig(kubeconfig), stacks: `cdk8s-kubeflow.io/stack in (${stack})`, namespace: NS, identity, port: 0, host: '127.0.0.1', tuning: FAST, ...extra });
}

const rowOf = (status: any, kind: string, name: string) => status?.objects?.find((r: any) => r.kind === kind && r.name === name);

describe('reconciler (one instance, leader)', () => {
  let r: Reconciler;
  let objects: any[];
  const byKind = (kind: string) => objects.find((o) => o.kind === kind);

  beforeAll(async () => {
    objects = await applyStack(client, STACK, NS);
    r = reconciler('rc-main-a');
    await r.start();
    await waitFor('leadership', () => r.leader);
  });
  afterAll(async () => {
    await r?.stop();
    client.close();
  });

  test('applied objects are reported Synced; those without operator status Progressing', async () => {
    const status = await waitFor('a status', async () => (await inventoryStatus(client, STACK))?.summary?.objects === 4 && inventoryStatus(client, STACK));
    expect(status.summary).toMatchObject({ objects: 4, synced: 4, outOfSync: 0, missing: 0, orphaned: 0, healthy: 1 });
    expect(rowOf(status, 'PyTorchJob', 'mnist')).toMatchObject({ sync: 'Synced', health: 'Progressing' });
    expect(rowOf(status, 'ConfigMap', 'settings')).toBeUndefined(); // synced and healthy: no row
    expect(status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'Progressing' });
    expect(status.observedGeneration).toBe(1);
  });

  test('a PyTorchJob running, then succeeded: progress, the report and a JobSucceeded Event within 2 s', async () => {
    const job = byKind('PyTorchJob');
    const t = '2026-01-01T10:00:00Z';
    await patchStatus(client, job, { conditions: [{ type: 'Created', status: 'True', reason: 'Created', lastTransitionTime: t }, { type: 'Running', status: 'True', reason: 'Running', lastTransitionTime: t }], replicaStatuses: { Master: { active: 1 }, Worker: { active: 2 } } });
    const running = await waitFor('Running', async () => rowOf(await inventoryStatus(client, STACK), 'PyTorchJob', 'mnist')?.progress?.phase === 'Running' && inventoryStatus(client, STACK), 2000);
    expect(rowOf(running, 'PyTorchJob', 'mnist').progress.replicas).toEqual({ Master: { active: 1, succeeded: 0, failed: 0 }, Worker: { active: 2, succeeded: 0, failed: 0 } });
    const started = Date.now();
    await patchStatus(client, job, { conditions: [{ type: 'Created', status: 'True', reason: 'Created', lastTransitionTime: t }, { type: 'Running', status: 'False', reason: 'Running', lastTransitionTime: t }, { type: 'Succeeded', status: 'True', reason: 'Succeeded', message: 'done', lastTransitionTime: t }], replicaStatuses: { Master: { succeeded: 1 }, Worker: { succeeded: 2 } }, completionTime: t });
    await waitFor('Succeeded row', async () => rowOf(await inventoryStatus(client, STACK), 'PyTorchJob', 'mnist')?.health === 'Healthy', 2000);
    const event = await waitFor('JobSucceeded Event', async () => (await eventsIn(client, NS)).find((e) => e.reason === 'JobSucceeded' && e.regarding.name === 'mnist'), 2000 - (Date.now() - started));
    expect(event).toMatchObject({ reportingController: 'cdk8s-kubeflow.io/reconciler', reportingInstance: 'rc-main-a', type: 'Normal', regarding: { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', namespace: NS, name: 'mnist', uid: job.metadata.uid ?? expect.any(String) } });
  });

  test('an Experiment\'s trials finishing with a new best: BestTrialImproved with its parameters', async () => {
    const exp = byKind('Experiment');
    const t = '2026-01-01T10:00:00Z';
    const best = (trial: string, lr: string, acc: string) => ({ bestTrialName: trial, parameterAssignments: [{ name: 'lr', value: lr }], observation: { metrics: [{ name: 'accuracy', latest: acc, max: acc, min: acc }] } });
    const running = [{ type: 'Created', status: 'True', reason: 'Created', lastTransitionTime: t }, { type: 'Running', status: 'True', reason: 'Running', lastTransitionTime: t }];
    await patchStatus(client, exp, { conditions: running, trials: 2, trialsRunning: 1, trialsSucceeded: 1, currentOptimalTrial: best('tune-1', '0.01', '0.90') });
    await waitFor('trials', async () => rowOf(await inventoryStatus(client, STACK), 'Experiment', 'tune')?.progress?.succeeded === 1, 2000);
    const started = Date.now();
    await patchStatus(client, exp, { conditions: running, trials: 3, trialsRunning: 1, trialsSucceeded: 2, currentOptimalTrial: best('tune-2', '0.05', '0.97') });
    const event = await waitFor('BestTrialImproved', async () => (await eventsIn(client, NS)).find((e) => e.reason === 'BestTrialImproved' && e.note.includes('tune-2')), 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(event.note).toContain('lr=0.05');
    // Events are not held back by the status write: the report may land a moment after the Event.
    const row = await waitFor('the row with the new best', async () => {
      const r = rowOf(await inventoryStatus(client, STACK), 'Experiment', 'tune');
      return r?.progress?.best?.trial === 'tune-2' && r;
    }, Math.max(100, 2000 - (Date.now() - started)));
    expect(row.progress).toMatchObject({ trials: 3, running: 1, succeeded: 2, best: { trial: 'tune-2', parameters: { lr: '0.05' } } });
  });

  test('an InferenceService becoming ready: URL in the report and a ModelReady Event within 2 s', async () => {
    const isvc = byKind('InferenceService');
    const t = '2026-01-01T10:00:00Z';
    const started = Date.now();
    await patchStatus(client, isvc, { observedGeneration: 1, url: 'http://iris.rc-main.example.com', conditions: ['IngressReady', 'PredictorReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: t })) });
    const event = await waitFor('ModelReady', async () => (await eventsIn(client, NS)).find((e) => e.reason === 'ModelReady' && e.regarding.name === 'iris'), 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(event.note).toContain('http://iris.rc-main.example.com');
    // Events are not held back by the status write: the report may land a moment after the Event.
    const row = await waitFor('the Healthy row', async () => {
      const r = rowOf(await inventoryStatus(client, STACK), 'InferenceService', 'iris');
      return r?.health === 'Healthy' && r;
    }, Math.max(100, 2000 - (Date.now() - started)));
    expect(row).toMatchObject({ sync: 'Synced', health: 'Healthy', progress: { ready: true, url: 'http://iris.rc-main.example.com' } });
  });

  test('an object deleted by hand is Missing, one edited by hand OutOfSync, a labelled stranger Orphaned; each with an Event', async () => {
    const cm = byKind('ConfigMap');
    expect((await client.delete(pathOf(cm))).status).toBe(200);
    const missing = await waitFor('Missing', async () => rowOf(await inventoryStatus(client, STACK), 'ConfigMap', 'settings')?.sync === 'Missing' && inventoryStatus(client, STACK), 2000);
    expect(missing.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'Missing' });
    // Re-created by hand with other content (and the old hash annotation): OutOfSync.
    const edited = { ...cm, data: { lr: '0.5' }, metadata: { ...cm.metadata, annotations: { 'cdk8s-kubeflow.io/content-hash': 'sha256:' + '0'.repeat(64) } } };
    expect((await client.apply(pathOf(cm), edited, 'kubectl-edit')).status).toBe(201);
    await waitFor('OutOfSync', async () => rowOf(await inventoryStatus(client, STACK), 'ConfigMap', 'settings')?.sync === 'OutOfSync', 2000);
    const stranger = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stranger', namespace: NS, labels: { 'cdk8s-kubeflow.io/stack': STACK } } };
    expect((await client.apply(pathOf(stranger as any), stranger)).status).toBeLessThan(300);
    await waitFor('Orphaned', async () => rowOf(await inventoryStatus(client, STACK), 'ConfigMap', 'stranger')?.sync === 'Orphaned', 2000);
    const reasons = (await eventsIn(client, NS)).filter((e) => e.regarding.name === 'settings').map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ObjectMissing', 'ObjectOutOfSync']));
    // Restored as synth made it: Synced again, the stranger gone: no stale row.
    await client.delete(pathOf(stranger as any));
    expect((await client.apply(pathOf(cm), cm, 'kubectl-edit')).status).toBeLessThan(300);
    await waitFor('Synced again', async () => {
      const s = await inventoryStatus(client, STACK);
      return !rowOf(s, 'ConfigMap', 'settings') && !rowOf(s, 'ConfigMap', 'stranger') && s.summary.orphaned === 0;
    }, 2000);
  });

  test('/metrics, /healthz and /readyz', async () => {
    const get = async (p: string) => {
      const res = await fetch(`http://127.0.0.1:${r.port}${p}`);
      return { status: res.status, text: await res.text() };
    };
    expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' });
    expect(await get('/readyz')).toEqual({ status: 200, text: 'ok\n' });
    const metrics = await get('/metrics');
    expect(metrics.text).toContain('cdk8s_kubeflow_leader 1');
    expect(metrics.text).toMatch(/cdk8s_kubeflow_objects\{stack="rc-main",sync="Synced",health="Healthy"\} \d/);
    expect(metrics.text).toMatch(/cdk8s_kubeflow_transitions_total\{stack="rc-main",reason="JobSucceeded"\} 1/);
    expect(metrics.text).toContain('cdk8s_kubeflow_reconcile_duration_seconds_bucket');
    expect((await get('/nope')).status).toBe(404);
  });

  test('status prints the stacks and a stack\'s rows (text and json) without a reconciler', async () => {
    const list = await runCli('status', '--kubeconfig', kubeconfigPath);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^STACK\s+OBJECTS\s+SYNCED\s+HEALTHY\s+READY\s+AGE\n/);
    expect(list.stdout).toMatch(/\nrc-main\s+4\s+4\s+\d\s+(True|False)\s+\d+[smhd]\n/);
    const one = await runCli('status', STACK, '--kubeconfig', kubeconfigPath);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Stack:    rc-main');
    expect(one.stdout).toMatch(/KIND\s+NAMESPACE\s+NAME\s+SYNC\s+HEALTH\s+PROGRESS\s+MESSAGE/);
    expect(one.stdout).toMatch(/PyTorchJob\s+rc-main\s+mnist\s+Synced\s+Healthy\s+Succeeded/);
    const json = await runCli('status', STACK, '--kubeconfig', kubeconfigPath, '--output', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'Inventory', metadata: { name: STACK }, status: { summary: { objects: 4 } } });
    const gone = await runCli('status', 'no-such-stack', '--kubeconfig', kubeconfigPath);
    expect(gone).toMatchObject({ code: 1, stdout: '' });
    expect(gone.stderr).toContain('no Inventory named "no-such-stack"');
    const noConfig = await runCli('status', '--kubeconfig', '/nonexistent/kubeconfig');
    expect(noConfig).toMatchObject({ code: 2, stderr: 'error: kubeconfig /nonexistent/kubeconfig does not exist\n' });
  });

  test('status --watch prints again when the report changes', async () => {
    const out: string[] = [];
    const stream = { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream;
    const ac = new AbortController();
    const { run } = await import('../cli/status');
    const done = run(STACK, { kubeconfig: kubeconfigPath, watch: true, output: 'json', out: stream, signal: ac.signal });
    await waitFor('first print', () => out.length === 1);
    await patchStatus(client, objects.find((o) => o.kind === 'InferenceService')!, { conditions: [{ type: 'Ready', status: 'False', reason: 'Revision failed', lastTransitionTime: '2026-01-01T10:01:00Z' }] });
    await waitFor('a second print', () => out.length >= 2 && JSON.parse(out[out.length - 1]).status.objects.some((x: any) => x.name === 'iris' && x.health !== 'Healthy'), 3000);
    ac.abort();
    expect(await done).toBe(0);
  });
});

describe('reconciler as its ServiceAccount, with the ClusterRole the construct computes', () => {
  const stack = 'rc-rbac';
  let tmp: string;
  let r: Reconciler | undefined;
  afterAll(async () => {
    await r?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('it reads, reports and elects with exactly those rights; writing anything else is denied', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-rbac-'));
    const objects = await applyStack(client, stack, stack);
    const leaseName = 'rc-rbac-lease';
    await grant(client, 'rc-rbac-reconciler', NS, 'rc-reconciler', reconcilerRules(objects, leaseName));
    const kubeconfig = await serviceAccountKubeconfig(client, kubeconfigPath, NS, 'rc-reconciler', path.join(tmp, 'sa.kubeconfig'));
    r = reconciler('rc-rbac-a', kubeconfig, stack, { leaseName });
    await r.start();
    await waitFor('leadership', () => r!.leader, 5000);
    const status = await waitFor('a status written as the ServiceAccount', async () => (await inventoryStatus(client, stack))?.summary, 5000);
    expect(status.objects).toBe(4);
    const job = objects.find((o) => o.kind === 'PyTorchJob')!;
    await patchStatus(client, job, { conditions: [{ type: 'Failed', status: 'True', reason: 'Failed', message: 'OOMKilled', lastTransitionTime: '2026-01-01T10:00:00Z' }] });
    await waitFor('JobFailed Event created as the ServiceAccount', async () => (await eventsIn(client, stack)).find((e) => e.reason === 'JobFailed' && e.regarding.name === 'mnist' && e.reportingInstance === 'rc-rbac-a'), 3000);

    // Denied: the objects it tracks, the Inventory's spec, other Leases, Secrets.
    const api = new KubeApi(loadKubeConfig(kubeconfig));
    try {
      const merge = { contentType: 'application/merge-patch+json' };
      expect((await api.request('PATCH', pathOf(job), { body: { metadata: { labels: { x: 'y' } } }, ...merge })).status).toBe(403);
      expect((await api.request('PATCH', `${INVENTORIES}/${stack}`, { body: { spec: { objects: [] } }, ...merge })).status).toBe(403);
      expect((await api.request('DELETE', pathOf(objects[0]))).status).toBe(403);
      expect((await api.request('PUT', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases/someone-elses`, { body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'someone-elses', namespace: NS } } })).status).toBe(403);
      expect((await api.request('GET', `/api/v1/namespaces/${stack}/secrets`)).status).toBe(403);
    } finally {
      api.close();
    }
  });
});

describe('readiness', () => {
  const stack = 'rc-ready';
  let r: Reconciler | undefined;
  afterAll(async () => {
    await r?.stop();
  });

  test('/readyz and whenSynced() wait for kinds whose discovery is still running', async () => {
    await applyStack(client, stack, stack);
    r = reconciler('rc-ready-a', kubeconfigPath, stack);
    // Discovery held back: the Inventory is listed, its kinds have no reflector yet.
    let release!: () => void;
    const gate = new Promise<void>((res) => (release = res));
    const discover = r.api.resourceFor.bind(r.api);
    jest.spyOn(r.api, 'resourceFor').mockImplementation(async (...args) => {
      await gate;
      return discover(...args);
    });
    let synced = false;
    await r.start();
    void r.whenSynced().then(() => (synced = true));
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${r!.port}/readyz`);
      return { status: res.status, text: await res.text() };
    };
    await waitFor('the Inventory listed', () => r!.notReady() !== 'Inventories not listed yet', 5000);
    await new Promise((res) => setTimeout(res, 300));
    expect(r.notReady()).toMatch(/^not listed yet: .*PyTorchJob/);
    expect(await readyz()).toMatchObject({ status: 503, text: expect.stringContaining('not listed yet') });
    expect(synced).toBe(false);
    expect(r.rowsOf(stack)).toBeUndefined();

    release();
    await r.whenSynced();
    expect(r.notReady()).toBeUndefined();
    expect(await readyz()).toEqual({ status: 200, text: 'ok\n' });
    await waitFor('whenSynced() resolved', () => synced, 1000);
  });
});

describe('two instances', () => {
  const stack = 'rc-ha';
  let a: Reconciler;
  let b: Reconciler;
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  test('one leader writes; when it stops, the other takes over and writes', async () => {
    const objects = await applyStack(client, stack, stack);
    a = reconciler('rc-ha-a', kubeconfigPath, stack);
    b = reconciler('rc-ha-b', kubeconfigPath, stack);
    await Promise.all([a.start(), b.start()]);
    await waitFor('a leader', () => a.leader || b.leader, 5000);
    await new Promise((res) => setTimeout(res, 1500)); // several renew/retry rounds
    expect([a.leader, b.leader].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.leader ? [a, b] : [b, a];
    await waitFor('a status', async () => (await inventoryStatus(client, stack))?.summary?.objects === 4);
    await waitFor('the follower\'s rows', () => follower.rowsOf(stack)?.length === 4);
    expect(follower.writer.writes).toBe(0);

    const stoppedAt = Date.now();
    await leader.stop(); // releases the Lease
    await waitFor('failover', () => follower.leader, 3000);
    const failoverMs = Date.now() - stoppedAt;
    expect(failoverMs).toBeLessThan(2000);
    await patchStatus(client, objects.find((o) => o.kind === 'InferenceService')!, { url: 'http://iris.rc-ha.example.com', conditions: ['IngressReady', 'PredictorReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: '2026-01-01T10:00:00Z' })) });
    await waitFor('the new leader\'s write', async () => rowOf(await inventoryStatus(client, stack), 'InferenceService', 'iris')?.health === 'Healthy', 2000);
    // The writer counts a write when the API server's response arrives, which can be after the test reads the status.
    await waitFor('the new leader to count its write', () => follower.writer.writes > 0, 2000);
  });
});
