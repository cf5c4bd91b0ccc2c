// The processes bench/reconciler.ts measures, one mode each (compiled to plain JS first, so that
// the heap is what `node lib/cli/main.js reconcile` has, not tsx's):
//
//   node --expose-gc reconciler-child.js <mode> <kubeconfig> <stacks>
//
// - idle:  loads the modules the others load, lists nothing (the floor subtracted from the others);
// - ours:  a Reconciler, follower (the serve process holds the Lease), until every stack is assessed;
// - stock: client-node 1.4's makeInformer + ListWatch for the same kinds and label selector;
// - serve: the reconciler under test (leader, /metrics on a free port), until SIGTERM.
// BENCH_RECONCILER_LOG=1 prints the reconcilers' diagnostics (watch errors, retries) on stderr.
// The measuring modes print one JSON line: heap and RSS before and after (GC forced), objects cached, list time.
import { INVENTORY_GROUP, INVENTORY_PLURAL, INVENTORY_VERSION, LABELS } from '../manifest';

/** The kinds tracked (besides Inventories). */
export const BENCH_KINDS = [
  { kind: 'PyTorchJob', apiVersion: 'kubeflow.org/v1', plural: 'pytorchjobs', share: 0.3, crd: 'pytorchjobs.kubeflow.org' },
  { kind: 'Notebook', apiVersion: 'kubeflow.org/v1', plural: 'notebooks', share: 0.2, crd: 'notebooks.kubeflow.org' },
  { kind: 'InferenceService', apiVersion: 'serving.kserve.io/v1beta1', plural: 'inferenceservices', share: 0.15, crd: 'inferenceservices.serving.kserve.io' },
  { kind: 'Experiment', apiVersion: 'kubeflow.org/v1beta1', plural: 'experiments', share: 0.1, crd: 'experiments.kubeflow.org' },
  { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', share: 0.25, crd: undefined },
] as const;
export type BenchKind = (typeof BENCH_KINDS)[number];

export const LEASE_NAMESPACE = 'bench-reconciler';
export const INVENTORIES = `/apis/${INVENTORY_GROUP}/${INVENTORY_VERSION}/${INVENTORY_PLURAL}`;
const MiB = 1024 * 1024;

export interface Memory { heapMiB: number; rssMiB: number }
export interface ChildResult { mode: string; before: Memory; after: Memory; cached?: number; listMs?: number }

async function measure(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return { heapMiB: m.heapUsed / MiB, rssMiB: m.rss / MiB };
}

async function run(mode: string, kubeconfig: string, stacks: number): Promise<void> {
  // Every mode loads the same modules, so that the idle process is their common floor.
  const { clientNode, loadKubeConfig } = await import('../reconciler/kube');
  const { Reconciler } = await import('../reconciler/reconciler');
  const k8s = clientNode();
  const kc = loadKubeConfig(kubeconfig);
  const before = await measure();
  const emit = (r: object) => process.stdout.write(`${JSON.stringify(r)}\n`);
  const t0 = Date.now();
  if (mode === 'idle') {
    emit({ mode, before, after: await measure() });
    return;
  }
  if (mode === 'ours' || mode === 'serve') {
    const r = new Reconciler({ kubeconfig: kc, namespace: LEASE_NAMESPACE, leaseName: LEASE_NAMESPACE, identity: `bench-${mode}-${process.pid}`, port: mode === 'serve' ? 0 : undefined, host: '127.0.0.1',
      // BENCH_RECONCILER_LOG=1: the reconciler's diagnostics on stderr, timestamped.
      log: process.env.BENCH_RECONCILER_LOG ? (m) => process.stderr.write(`[${mode} ${new Date().toISOString().slice(11, 23)}] ${m}\n`) : undefined });
    await r.start();
    if (mode === 'serve') {
      emit({ port: r.port });
      process.on('SIGTERM', () => void r.stop().then(() => process.exit(0)));
      return;
    }
    // Every stack assessed, so every kind it lists has been listed (whenSynced() alone can return
    // before discovery has started the kinds' reflectors).
    for (;;) {
      await r.whenSynced();
      if (Array.from({ length: stacks }, (_, s) => r.rowsOf(`stack-${s}`)).every(Boolean)) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const listMs = Date.now() - t0;
    const kinds = (r as unknown as { kinds: Map<string, { reflector?: { store: Map<string, unknown> } }> }).kinds;
    const cached = [...kinds.values()].reduce((n, k) => n + (k.reflector?.store.size ?? 0), 0);
    emit({ mode, before, after: await measure(), cached, listMs });
    await r.stop();
    process.exit(0);
  }
  if (mode === 'stock') {
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const labelSelector = LABELS.stack;
    const informers = [
      k8s.makeInformer(kc, INVENTORIES, () => custom.listClusterCustomObject({ group: INVENTORY_GROUP, version: INVENTORY_VERSION, plural: INVENTORY_PLURAL, labelSelector }) as never, labelSelector),
      ...BENCH_KINDS.map((k) => {
        if (k.kind === 'ConfigMap') return k8s.makeInformer(kc, '/api/v1/configmaps', () => core.listConfigMapForAllNamespaces({ labelSelector }) as never, labelSelector);
        const [group, version] = k.apiVersion.split('/');
        return k8s.makeInformer(kc, `/apis/${k.apiVersion}/${k.plural}`, () => custom.listClusterCustomObject({ group, version, plural: k.plural, labelSelector }) as never, labelSelector);
      }),
    ];
    await Promise.all(informers.map((i) => i.start()));
    const listMs = Date.now() - t0;
    const cached = informers.slice(1).reduce((n, i) => n + i.list().length, 0);
    emit({ mode, before, after: await measure(), cached, listMs });
    await Promise.all(informers.map((i) => i.stop()));
    process.exit(0); // the informers' keep-alive sockets would keep it alive
  }
  throw new Error(`unknown mode ${mode}`);
}

if (require.main === module) {
  const [mode, kubeconfig, stacks] = process.argv.slice(2);
  run(mode, kubeconfig, Number(stacks)).catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
