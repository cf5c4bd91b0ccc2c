// Faults, on a cluster of its own (kube-apiserver with --watch-cache=false, so watches are
// served from etcd and etcd's compaction reaches them): the API server killed and restarted,
// watch history compacted (410 Gone → relist), a connection reset and a half-open connection.
// The reconciler talks to the API server through a TCP proxy the tests cut.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_RELEASE } from '../manifest';
import { Cluster, projectRoot, startCluster } from '../test/cluster/harness';
import { applyStack, inventoryStatus, patchStatus, pathOf, TcpProxy, waitFor } from '../test/reconciler-stack';
import { loadKubeConfig } from './kube';
import { Reconciler } from './reconciler';

const NS = 'faults';
const STACK = 'faults';
const CRDS = ['inventories.cdk8s-kubeflow.io', 'pytorchjobs.kubeflow.org', 'experiments.kubeflow.org', 'inferenceservices.serving.kserve.io'];

let cluster: Cluster;
let proxy: TcpProxy;
let r: Reconciler;
let tmp: string;
let objects: any[];

const rowOf = (status: any, kind: string, name: string) => status?.objects?.find((x: any) => x.kind === kind && x.name === name);
const metric = async (name: string) => {
  const text = await r.metrics.registry.getSingleMetricAsString(name);
  return text.split('\n').filter((l) => !l.startsWith('#')).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
};
const etcdRevision = async () => Number(((await (await fetch(`${cluster.etcdUrl}/v3/kv/range`, { method: "POST", body: JSON.stringify({ key: Buffer.from("/").toString("base64") }) })).json()) as any).header.revision);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-faults-'));
  const crdDir = path.join(tmp, 'crds');
  fs.mkdirSync(crdDir);
  for (const c of CRDS) fs.copyFileSync(path.join(projectRoot(), 'schemas', DEFAULT_RELEASE, 'crds', `${c}.yaml`), path.join(crdDir, `${c}.yaml`));
  cluster = await startCluster({ crdDirs: [crdDir], apiServerFlags: ['--watch-cache=false'], log: () => {} });
  objects = await applyStack(cluster.client, STACK, NS);
  const url = new URL(cluster.server);
  proxy = new TcpProxy({ host: url.hostname, port: Number(url.port) });
  const viaProxy = path.join(tmp, 'proxy.kubeconfig');
  const { kubeconfigVia } = await import('../test/reconciler-stack');
  kubeconfigVia(cluster.kubeconfigPath, await proxy.listen(), viaProxy);
  r = new Reconciler({
    kubeconfig: loadKubeConfig(viaProxy), namespace: NS, identity: 'faults-a',
    tuning: { debounceMs: 50, backoffMs: 100, maxBackoffMs: 1000, leaseDurationSeconds: 3, renewMs: 500, retryMs: 250, watchdogMs: 1500 },
  });
  await r.start();
  await waitFor('leadership', () => r.leader, 5000);
  await waitFor('a first report', async () => (await inventoryStatus(cluster.client, STACK))?.summary?.objects === 4, 5000);
}, 120_000);

afterAll(async () => {
  await r?.stop();
  await proxy?.close();
  await cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the API server killed and restarted: it recovers by itself, with no stale rows', async () => {
  const job = objects.find((o) => o.kind === 'PyTorchJob');
  await patchStatus(cluster.client, job, { conditions: [{ type: 'Running', status: 'True', reason: 'Running', lastTransitionTime: '2026-01-01T10:00:00Z' }] });
  await waitFor('Running', async () => rowOf(await inventoryStatus(cluster.client, STACK), 'PyTorchJob', 'mnist')?.progress?.phase === 'Running');
  const restarts = await metric('cdk8s_kubeflow_watch_restarts_total');
  await cluster.restartApiServer({ downMs: 500 });
  // Changes right after the restart: the job fails, the ConfigMap is deleted.
  await patchStatus(cluster.client, job, { conditions: [{ type: 'Failed', status: 'True', reason: 'Failed', message: 'NCCL timeout', lastTransitionTime: '2026-01-01T10:01:00Z' }] });
  await cluster.client.delete(pathOf(objects[0]));
  const status = await waitFor('the report after the restart', async () => {
    const s = await inventoryStatus(cluster.client, STACK);
    return rowOf(s, 'PyTorchJob', 'mnist')?.health === 'Degraded' && rowOf(s, 'ConfigMap', 'settings')?.sync === 'Missing' && s;
  }, 10_000);
  expect(rowOf(status, 'PyTorchJob', 'mnist').progress.phase).toBe('Failed');
  expect(await metric('cdk8s_kubeflow_watch_restarts_total')).toBeGreaterThan(restarts);
  expect(r.leader).toBe(true);
  expect(r.notReady()).toBeUndefined();
  await cluster.client.apply(pathOf(objects[0]), objects[0]); // restore
  await waitFor('restored', async () => !rowOf(await inventoryStatus(cluster.client, STACK), 'ConfigMap', 'settings'), 3000);
}, 60_000);

test('watch history compacted while disconnected: 410 Gone, a relist, nothing lost', async () => {
  const relists = await metric('cdk8s_kubeflow_relists_total');
  proxy.refuse = true;
  proxy.cut();
  // While it cannot reach the server: one object deleted, one changed, then the history compacted.
  await cluster.client.delete(pathOf(objects[0]));
  const isvc = objects.find((o) => o.kind === 'InferenceService');
  await patchStatus(cluster.client, isvc, { url: 'http://iris.faults.example.com', conditions: ['IngressReady', 'PredictorReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: '2026-01-01T10:00:00Z' })) });
  try {
    // etcd's JSON gateway names it /v3/kv/compaction (the gRPC method is Compact).
    const rev = await etcdRevision();
    const compact = await fetch(`${cluster.etcdUrl}/v3/kv/compaction`, { method: 'POST', body: JSON.stringify({ revision: String(rev), physical: true }) });
    expect(compact.status).toBe(200);
  } finally {
    proxy.refuse = false;
  }
  const status = await waitFor('the report after the relist', async () => {
    const s = await inventoryStatus(cluster.client, STACK);
    return rowOf(s, 'ConfigMap', 'settings')?.sync === 'Missing' && rowOf(s, 'InferenceService', 'iris')?.progress?.url === 'http://iris.faults.example.com' && s;
  }, 10_000);
  expect(status.summary.missing).toBe(1);
  expect(await metric('cdk8s_kubeflow_relists_total')).toBeGreaterThan(relists);
  expect((await r.metrics.registry.getSingleMetricAsString('cdk8s_kubeflow_watch_restarts_total'))).toMatch(/reason="gone"/);
  await cluster.client.apply(pathOf(objects[0]), objects[0]);
  await waitFor('restored', async () => !rowOf(await inventoryStatus(cluster.client, STACK), 'ConfigMap', 'settings'), 3000);
}, 30_000);

test('a connection reset: the watches resume from their resourceVersion', async () => {
  // Let the relists of the previous test settle (each reflector relists after its own backoff).
  let relists = -1;
  await waitFor('relists to settle', async () => {
    const before = relists;
    relists = await metric('cdk8s_kubeflow_relists_total');
    await new Promise((res) => setTimeout(res, 300));
    return before === relists && relists === (await metric('cdk8s_kubeflow_relists_total'));
  }, 10_000);
  expect(proxy.cut()).toBeGreaterThan(0);
  const exp = objects.find((o) => o.kind === 'Experiment');
  await patchStatus(cluster.client, exp, { conditions: [{ type: 'Running', status: 'True', reason: 'Running', lastTransitionTime: '2026-01-01T10:00:00Z' }], trials: 2, trialsRunning: 2 });
  await waitFor('the change', async () => rowOf(await inventoryStatus(cluster.client, STACK), 'Experiment', 'tune')?.progress?.running === 2, 5000);
  expect(await metric('cdk8s_kubeflow_relists_total')).toBe(relists); // resumed, not relisted
}, 30_000);

test('a half-open connection (nothing arrives, nothing closes): the watchdog restarts the watch', async () => {
  expect(proxy.freeze()).toBeGreaterThan(0);
  const exp = objects.find((o) => o.kind === 'Experiment');
  await patchStatus(cluster.client, exp, { trials: 3, trialsRunning: 1, trialsSucceeded: 2 });
  await waitFor('the change, after the watchdog', async () => rowOf(await inventoryStatus(cluster.client, STACK), 'Experiment', 'tune')?.progress?.succeeded === 2, 8000);
  expect(await r.metrics.registry.getSingleMetricAsString('cdk8s_kubeflow_watch_restarts_total')).toMatch(/reason="watchdog"/);
}, 30_000);
