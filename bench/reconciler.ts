// The reconciler at scale, against a real API server (test/cluster harness), in one run:
// heap and RSS after the initial list (ours vs client-node's stock informers caching the same
// objects), latency from a status write to the Inventory report, and recovery after an
// API-server restart with the relists it cost. Prints figures; asserts nothing.
//
//   npx tsx bench/reconciler.ts [--objects 20000] [--stacks 8] [--writes 80] [--restarts 3] [--mem-runs 3]
//
// The objects are copies of what synth writes into dist/dev (PyTorchJob, Notebook,
// InferenceService, Experiment; ConfigMaps too), renamed and spread over namespaces and stacks,
// stamped with the stack label and their content hash, and given statuses as the operators
// write them; one Inventory per stack. The reconciler runs as its own process (as in its pod)
// with production timings; memory is measured in separate child processes (node --expose-gc,
// GC forced), each against an idle process that loaded the same modules.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_RELEASE, inventoryFor, LABELS, Manifest, withContentHash } from '../manifest';
import { ANNOTATIONS } from '../manifest/metadata';
import { inParallel } from '../policies/in-parallel';
import { expectOk } from '../test/cluster/client';
import { Cluster, projectRoot, startCluster } from '../test/cluster/harness';
import { BENCH_KINDS, BenchKind, ChildResult, INVENTORIES, LEASE_NAMESPACE } from './reconciler-child';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const OBJECTS = option('--objects', 20_000);
const STACKS = option('--stacks', 8);
const NAMESPACES = option('--namespaces', 20);
const WRITES = option('--writes', 80);
const RESTARTS = option('--restarts', 3);
const MEM_RUNS = option('--mem-runs', 3);
const PARALLEL = option('--parallel', 16);

const MiB = 1024 * 1024;

const KINDS = BENCH_KINDS;
type KindSpec = BenchKind;

const base = (apiVersion: string) => (apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);
const collection = (k: KindSpec, ns: string) => `${base(k.apiVersion)}/namespaces/${ns}/${k.plural}`;
const pathOf = (k: KindSpec, o: Manifest) => `${collection(k, o.metadata!.namespace!)}/${o.metadata!.name}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the objects ---------------------------------------------------------------------------

/** What synth wrote for the kind in dist/dev, without its hash: the template of every copy. */
function template(kind: string): Manifest {
  const file = { PyTorchJob: 'pytorchjob-resnet-finetune', Notebook: 'notebook-explore', InferenceService: 'inferenceservice-resnet', Experiment: 'experiment-resnet-tuning' }[kind];
  if (!file) {
    return {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kubeflow', 'app.kubernetes.io/part-of': 'kubeflow' } },
      data: { 'train.yaml': 'epochs: 10\nbatch_size: 64\noptimizer: adamw\nlr: 0.0003\nweight_decay: 0.01\nwarmup_steps: 500\nmixed_precision: bf16\n', 'DATASET': 's3://datasets/imagenette/v2', 'LOG_LEVEL': 'info' },
    } as Manifest;
  }
  const obj = parse(fs.readFileSync(path.join(ROOT, 'dist', 'dev', 'ml-research', `${file}.yaml`), 'utf8')) as Manifest;
  delete (obj.metadata!.annotations as Record<string, string>)[ANNOTATIONS.contentHash];
  return obj;
}

interface Planned {
  readonly k: KindSpec;
  readonly stack: string;
  readonly obj: Manifest;
  readonly status?: unknown;
}

/** `count` objects: kinds by share, round-robin over stacks and namespaces, each with the status its operator would write. */
function plan(count: number): Planned[] {
  const templates = new Map(KINDS.map((k) => [k.kind, template(k.kind)]));
  const out: Planned[] = [];
  const perKind = KINDS.map((k) => Math.round(count * k.share));
  perKind[perKind.length - 1] += count - perKind.reduce((a, b) => a + b, 0);
  KINDS.forEach((k, ki) => {
    for (let i = 0; i < perKind[ki]; i++) {
      const stack = `stack-${i % STACKS}`;
      const namespace = `team-${String(i % NAMESPACES).padStart(2, '0')}`;
      const name = `${k.kind.toLowerCase()}-${i}`;
      const t = structuredClone(templates.get(k.kind)!);
      const obj: Manifest = {
        ...t,
        metadata: { ...t.metadata, name, namespace, labels: { ...t.metadata!.labels, [LABELS.stack]: stack, 'app.kubernetes.io/instance': name } },
      };
      vary(obj, i);
      out.push({ k, stack, obj: withContentHash(obj), status: statusOf(k.kind, name, i) });
    }
  });
  return out;
}

/** Makes each copy a little different (what people change: epochs, model versions, images). */
function vary(o: any, i: number): void {
  if (o.kind === 'PyTorchJob') o.spec.pytorchReplicaSpecs.Worker.replicas = 1 + (i % 4);
  if (o.kind === 'InferenceService') o.spec.predictor.model.storageUri = `s3://models/resnet/v${1 + (i % 9)}`;
  if (o.kind === 'Notebook') o.spec.template.spec.containers[0].resources.requests.memory = `${1 + (i % 4)}Gi`;
  if (o.kind === 'Experiment') o.spec.maxTrialCount = 12 + (i % 8);
  if (o.kind === 'ConfigMap') o.data.LOG_LEVEL = i % 10 ? 'info' : 'debug';
}

const T0 = '2026-11-20T10:00:00Z';
const T1 = '2026-11-20T10:01:10Z';
const cond = (type: string, status: string, reason: string, message: string, at = T0) => ({ type, status, reason, message, lastUpdateTime: at, lastTransitionTime: at });
const selector = (job: string, role: string) => ({ matchLabels: { 'training.kubeflow.org/job-name': job, 'training.kubeflow.org/operator-name': 'pytorchjob-controller', 'training.kubeflow.org/replica-type': role.toLowerCase() } });

/** A PyTorchJob's status: mostly running, some succeeded, a few failed. */
function jobStatus(name: string, state: 'Running' | 'Succeeded' | 'Failed', workers = 2): any {
  const created = cond('Created', 'True', 'PyTorchJobCreated', `PyTorchJob ${name} is created.`);
  if (state === 'Running') {
    return { conditions: [created, cond('Running', 'True', 'PyTorchJobRunning', `PyTorchJob ${name} is running.`, T1)], replicaStatuses: { Worker: { active: workers, labelSelector: selector(name, 'Worker') } }, startTime: T0, lastReconcileTime: T1 };
  }
  if (state === 'Succeeded') {
    return { conditions: [created, cond('Running', 'False', 'PyTorchJobRunning', `PyTorchJob ${name} is running.`, T1), cond('Succeeded', 'True', 'PyTorchJobSucceeded', `PyTorchJob ${name} is successfully completed.`, T1)], replicaStatuses: { Worker: { succeeded: workers, labelSelector: selector(name, 'Worker') } }, startTime: T0, completionTime: T1, lastReconcileTime: T1 };
  }
  return { conditions: [created, cond('Running', 'False', 'PyTorchJobRunning', `PyTorchJob ${name} is running.`, T1), cond('Failed', 'True', 'PyTorchJobFailed', `PyTorchJob ${name} has failed because 1 Worker replica(s) failed.`, T1)], replicaStatuses: { Worker: { failed: 1, active: workers - 1, labelSelector: selector(name, 'Worker') } }, startTime: T0, lastReconcileTime: T1 };
}

function statusOf(kind: string, name: string, i: number): unknown {
  switch (kind) {
    case 'PyTorchJob':
      return jobStatus(name, i % 20 === 7 ? 'Failed' : i % 5 === 1 ? 'Succeeded' : 'Running', 1 + (i % 4));
    case 'Notebook':
      return { readyReplicas: 1, containerState: { running: { startedAt: T0 } }, conditions: [{ type: 'Ready', status: 'True', lastProbeTime: T1, lastTransitionTime: T0 }, { type: 'ContainersReady', status: 'True', lastProbeTime: T1, lastTransitionTime: T0 }, { type: 'PodScheduled', status: 'True', lastProbeTime: T0, lastTransitionTime: T0 }] };
    case 'InferenceService': {
      const rev = (n: number) => `${name}-predictor-${String(n).padStart(5, '0')}`;
      const canary = i % 10 === 3;
      const c = (type: string) => ({ type, status: 'True', lastTransitionTime: T0 });
      return {
        observedGeneration: 1, url: `http://${name}.team.example.com`, address: { url: `http://${name}-predictor.team.svc.cluster.local` }, deploymentMode: 'Serverless',
        conditions: ['IngressReady', 'LatestDeploymentReady', 'PredictorConfigurationReady', 'PredictorReady', 'PredictorRouteReady', 'Ready', 'TransformerConfigurationReady', 'TransformerReady', 'TransformerRouteReady'].map(c),
        modelStatus: { transitionStatus: 'UpToDate', states: { activeModelState: 'Loaded', targetModelState: 'Loaded' }, copies: { totalCopies: 1 } },
        components: {
          predictor: { latestCreatedRevision: rev(2), latestReadyRevision: rev(2), latestRolledoutRevision: canary ? rev(1) : rev(2), url: `http://${name}-predictor.team.example.com`, address: { url: `http://${name}-predictor.team.svc.cluster.local` },
            traffic: canary ? [{ revisionName: rev(2), percent: 10, latestRevision: true, tag: 'latest' }, { revisionName: rev(1), percent: 90, latestRevision: false, tag: 'prev' }] : [{ revisionName: rev(2), percent: 100, latestRevision: true }] },
          transformer: { latestCreatedRevision: `${name}-transformer-00001`, latestReadyRevision: `${name}-transformer-00001`, url: `http://${name}-transformer.team.example.com`, traffic: [{ revisionName: `${name}-transformer-00001`, percent: 100, latestRevision: true }] },
        },
      };
    }
    case 'Experiment': {
      const trials = (state: string, n: number) => Array.from({ length: n }, (_, t) => `${name}-${state}-${t}`);
      return {
        startTime: T0,
        conditions: [cond('Created', 'True', 'ExperimentCreated', 'Experiment is created'), cond('Running', 'True', 'ExperimentRunning', 'Experiment is running', T1)],
        currentOptimalTrial: { bestTrialName: `${name}-s-0`, parameterAssignments: [{ name: 'lr', value: '0.0123' }, { name: 'weight_decay', value: '0.00004' }, { name: 'batch_size', value: '64' }],
          observation: { metrics: [{ name: 'loss', min: '0.0411', max: '0.9102', latest: '0.0411' }, { name: 'accuracy', min: '0.7104', max: '0.9812', latest: '0.9807' }] } },
        trials: 7, trialsRunning: 1, trialsSucceeded: 5, trialsFailed: 1,
        runningTrialList: trials('r', 1), succeededTrialList: trials('s', 5), failedTrialList: trials('f', 1),
      };
    }
    default:
      return undefined;
  }
}

// ---- setting the cluster up -----------------------------------------------------------------

async function populate(cluster: Cluster, planned: Planned[]): Promise<void> {
  const { client } = cluster;
  for (const ns of [LEASE_NAMESPACE, ...Array.from({ length: NAMESPACES }, (_, i) => `team-${String(i).padStart(2, '0')}`)]) await client.ensureNamespace(ns);
  const started = Date.now();
  let done = 0;
  const progress = () => process.stderr.write(`\rcreating objects: ${done}/${planned.length} (${Math.round(done / ((Date.now() - started) / 1000 || 1))}/s)   `);
  const ticker = setInterval(progress, 1000);
  try {
    await inParallel(planned, PARALLEL, async ({ k, obj, status }) => {
      expectOk(await client.post(collection(k, obj.metadata!.namespace!), obj), `create ${k.kind} ${obj.metadata!.name}`);
      if (status) expectOk(await client.request('PATCH', `${pathOf(k, obj)}/status`, { body: { status }, contentType: 'application/merge-patch+json' }), `status of ${k.kind} ${obj.metadata!.name}`);
      done++;
    });
  } finally {
    clearInterval(ticker);
    progress();
    process.stderr.write('\n');
  }
  for (let s = 0; s < STACKS; s++) {
    const stack = `stack-${s}`;
    expectOk(await client.post(INVENTORIES, inventoryFor(stack, planned.filter((p) => p.stack === stack).map((p) => p.obj))), `create Inventory ${stack}`);
  }
}

// ---- child processes -----------------------------------------------------------------------

/**
 * The command running bench/reconciler-child.ts: compiled with tsc into .cache/ (inside the
 * project, so node_modules resolves) and run by plain node, as the container runs lib/; tsx
 * would add its own tens of MiB to every heap. Falls back to tsx if tsc fails.
 */
function compileChild(): { cmd: string[]; how: string; cleanup: () => void } {
  const out = path.join(ROOT, '.cache', `bench-reconciler-${process.pid}`);
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, path.join(__dirname, 'reconciler-child.ts'), '--outDir', out, '--rootDir', ROOT, '--target', 'ES2022', '--module', 'commonjs',
    '--moduleResolution', 'node', '--esModuleInterop', '--resolveJsonModule', '--skipLibCheck', '--noCheck', '--types', 'node'], { encoding: 'utf8' });
  const cleanup = () => fs.rmSync(out, { recursive: true, force: true });
  const js = path.join(out, 'bench', 'reconciler-child.js');
  if (r.status === 0 && fs.existsSync(js)) return { cmd: [process.execPath, '--expose-gc', js], how: 'compiled with tsc, plain node', cleanup };
  process.stderr.write(`tsc could not compile bench/reconciler-child.ts (${(r.stdout + r.stderr).trim().split('\n')[0]}); running it with tsx, whose loader adds to every heap\n`);
  cleanup();
  return { cmd: [process.execPath, '--expose-gc', '--import', 'tsx', path.join(__dirname, 'reconciler-child.ts')], how: 'tsx', cleanup: () => undefined };
}

let CHILD: string[] = [];
const childArgs = (mode: string, kubeconfig: string) => [...CHILD.slice(1), mode, kubeconfig, String(STACKS)];

function runChild(mode: string, kubeconfig: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(CHILD[0], childArgs(mode, kubeconfig), { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`child ${mode} exited ${code}: ${out.slice(-2000)}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

/** Starts the reconciler under test as its own process; resolves with its /metrics port. */
function startServe(kubeconfig: string): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(CHILD[0], childArgs('serve', kubeconfig), { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const onData = (c: Buffer) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) {
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve({ proc, port: JSON.parse(line).port });
      }
    };
    proc.stdout!.on('data', onData);
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`the reconciler exited (${code}) before listening: ${out}`)));
  });
}

/** The reconciler's /metrics, as `name{labels}` → value. */
function scrape(port: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const m = new Map<string, number>();
        for (const line of body.split('\n')) if (line && !line.startsWith('#')) m.set(line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1)));
        resolve(m);
      });
    }).on('error', reject);
  });
}

const sum = (m: Map<string, number>, name: string) => [...m].filter(([k]) => k === name || k.startsWith(`${name}{`)).reduce((n, [, v]) => n + v, 0);
const byLabel = (m: Map<string, number>, name: string, label: string) => {
  const out = new Map<string, number>();
  for (const [k, v] of m) {
    if (!k.startsWith(`${name}{`)) continue;
    const value = new RegExp(`${label}="([^"]*)"`).exec(k)?.[1] ?? '';
    out.set(value, (out.get(value) ?? 0) + v);
  }
  return out;
};

// ---- figures --------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const mib = (x: number) => `${x.toFixed(1)} MiB`;

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const begun = Date.now();
  const compiled = compileChild();
  CHILD = compiled.cmd;
  try {
    await bench(compiled.how, begun);
  } finally {
    compiled.cleanup();
  }
}

async function bench(how: string, begun: number): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reconciler-'));
  const crdDir = path.join(tmp, 'crds');
  fs.mkdirSync(crdDir);
  for (const c of ['inventories.cdk8s-kubeflow.io', ...KINDS.flatMap((k) => (k.crd ? [k.crd] : []))]) {
    fs.copyFileSync(path.join(projectRoot(), 'schemas', DEFAULT_RELEASE, 'crds', `${c}.yaml`), path.join(crdDir, `${c}.yaml`));
  }
  const cluster = await startCluster({ crdDirs: [crdDir], log: (m) => process.stderr.write(`[cluster] ${m}\n`) });
  let serve: ChildProcess | undefined;
  try {
    const planned = plan(OBJECTS);
    const t0 = Date.now();
    await populate(cluster, planned);
    const populateS = (Date.now() - t0) / 1000;
    const counts = KINDS.map((k) => `${planned.filter((p) => p.k === k).length} ${k.kind}`).join(', ');
    console.log(`objects: ${planned.length} (${counts}) in ${STACKS} stacks × ${NAMESPACES} namespaces, created in ${populateS.toFixed(0)} s`);
    const sample = planned.find((p) => p.k.kind === 'PyTorchJob')!;
    const liveBytes = Buffer.byteLength((await cluster.client.get(pathOf(sample.k, sample.obj))).text);
    const invBytes = Buffer.byteLength((await cluster.client.get(`${INVENTORIES}/stack-0`)).text);
    console.log(`sizes: a live PyTorchJob ${(liveBytes / 1024).toFixed(1)} KiB of JSON (managedFields included), an Inventory ${(invBytes / 1024).toFixed(0)} KiB`);
    console.log(`measured processes: ${how}; machine: ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    // The reconciler under test, as in its pod (production timings: debounce 200 ms, watch timeout ~300 s).
    const ts = Date.now();
    const s = await startServe(cluster.kubeconfigPath);
    serve = s.proc;
    const expected = new Map<string, number>();
    for (const p of planned) expected.set(p.stack, (expected.get(p.stack) ?? 0) + 1);
    const readStatus = async (stack: string) => expectOk(await cluster.client.get(`${INVENTORIES}/${stack}`), `get Inventory ${stack}`).status;
    const baseline = new Map<string, number>();
    for (const [stack, n] of expected) {
      for (;;) {
        const st = await readStatus(stack);
        if (st?.summary?.objects === n) {
          baseline.set(stack, st.summary.degraded);
          break;
        }
        await sleep(250);
      }
    }
    console.log(`first report of every stack: ${((Date.now() - ts) / 1000).toFixed(1)} s after the reconciler started (lists + assessment + ${STACKS} status writes)\n`);

    // 1. Memory, in separate processes, interleaved; the ours children are followers (the serve child holds the Lease).
    const results: Record<string, ChildResult[]> = { idle: [], ours: [], stock: [] };
    for (let r = 0; r < MEM_RUNS; r++) for (const m of ['idle', 'ours', 'stock']) results[m].push(await runChild(m, cluster.kubeconfigPath));
    const idleHeap = median(results.idle.map((x) => x.after.heapMiB));
    const idleRss = median(results.idle.map((x) => x.after.rssMiB));
    console.log(`memory after the initial list (${MEM_RUNS} interleaved runs each in a fresh process, GC forced, medians; Δ = minus the idle process)`);
    console.log('                                              objects   list      heap used   Δ heap      RSS         Δ RSS');
    console.log(`  idle process (same modules, no cache)       ${'-'.padStart(7)}   ${'-'.padStart(6)}    ${mib(idleHeap).padStart(10)}  ${'-'.padStart(10)}  ${mib(idleRss).padStart(10)}  ${'-'.padStart(10)}`);
    const rows: [string, string][] = [['ours: Reconciler (slim cache, follower)', 'ours'], ['client-node 1.4 makeInformer + ListWatch', 'stock']];
    const delta: Record<string, number> = {};
    for (const [label, m] of rows) {
      const rs = results[m];
      const heap = median(rs.map((x) => x.after.heapMiB));
      const rss = median(rs.map((x) => x.after.rssMiB));
      delta[m] = heap - idleHeap;
      console.log(`  ${label.padEnd(42)}  ${String(median(rs.map((x) => x.cached!))).padStart(7)}  ${`${(median(rs.map((x) => x.listMs!)) / 1000).toFixed(1)} s`.padStart(6)}    ${mib(heap).padStart(10)}  ${mib(heap - idleHeap).padStart(10)}  ${mib(rss).padStart(10)}  ${mib(rss - idleRss).padStart(10)}`);
    }
    console.log(`  stock informers hold ${(delta.stock / delta.ours).toFixed(1)}× our Δ heap; ours: ${((delta.ours * MiB) / OBJECTS).toFixed(0)} B per object (Inventories, rows and metrics included); goal ≤ 60 MiB heap at 20,000\n`);

    // 2. Latency from a status write to the report: a running job fails, then runs again (the stack's degraded count moves).
    const { clientNode, loadKubeConfig } = await import('../reconciler/kube');
    const latest = new Map<string, any>();
    const waiters = new Set<() => void>();
    const watch = await new (clientNode().Watch)(loadKubeConfig(cluster.kubeconfigPath)).watch(INVENTORIES, {}, (_type: string, obj: any) => {
      latest.set(obj.metadata.name, obj.status);
      for (const w of [...waiters]) w();
    }, () => undefined);
    const reported = (check: () => boolean, timeoutMs: number) => new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const w = () => check() && done(true);
      function done(ok: boolean): void {
        clearTimeout(timer);
        waiters.delete(w);
        resolve(ok);
      }
      waiters.add(w);
      w();
    });
    const running = planned.filter((p) => p.k.kind === 'PyTorchJob' && (p.status as any).conditions.at(-1).type === 'Running');
    const degradedOf = (stack: string) => latest.get(stack)?.summary?.degraded;
    await reported(() => [...baseline].every(([stack, n]) => degradedOf(stack) === n), 10_000);
    const latencies: number[] = [];
    let timeouts = 0;
    for (let w = 0; w < WRITES; w++) {
      const job = running[Math.floor(w / 2) * 37 % running.length];
      const fail = w % 2 === 0;
      const want = baseline.get(job.stack)! + (fail ? 1 : 0);
      await sleep(100 + Math.random() * 200); // writes arrive at random points of the debounce window
      const t = process.hrtime.bigint();
      expectOk(await cluster.client.request('PATCH', `${pathOf(job.k, job.obj)}/status`, { body: { status: jobStatus(job.obj.metadata!.name!, fail ? 'Failed' : 'Running') }, contentType: 'application/merge-patch+json' }), 'status write');
      if (await reported(() => degradedOf(job.stack) === want, 10_000)) latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      else timeouts++;
    }
    watch.abort();
    console.log(`status write → Inventory report (${latencies.length} writes, PyTorchJob Running ↔ Failed, seen through a watch on the Inventories${timeouts ? `; ${timeouts} not reported within 10 s` : ''})`);
    console.log(`  p50 ${percentile(latencies, 50).toFixed(0)} ms   p90 ${percentile(latencies, 90).toFixed(0)} ms   p99 ${percentile(latencies, 99).toFixed(0)} ms   max ${Math.max(...latencies).toFixed(0)} ms   (debounce 200 ms; goal < 2 s)\n`);

    // 3. Recovery after the API server is killed and restarted (same etcd), with a change made right after.
    console.log(`API server killed (SIGKILL) and restarted on the same etcd, ${RESTARTS}×; then a job fails right away`);
    console.log('  run   down     ready → report   write → report   relists (by kind)                                            watch restarts (by reason)');
    const recoveries: number[] = [];
    const relistCounts: number[] = [];
    for (let r = 0; r < RESTARTS; r++) {
      const job = running[(r * 101 + 13) % running.length];
      const before = await scrape(s.port);
      const tKill = Date.now();
      await cluster.restartApiServer({ downMs: 500 });
      const tReady = Date.now();
      // The change right after the restart (CRD endpoints may answer 404/503 for a moment).
      let tWritten = 0;
      for (let attempt = 0; !tWritten; attempt++) {
        const res = await cluster.client.request('PATCH', `${pathOf(job.k, job.obj)}/status`, { body: { status: jobStatus(job.obj.metadata!.name!, 'Failed') }, contentType: 'application/merge-patch+json' }).catch(() => undefined);
        if (res && res.status < 300) tWritten = Date.now();
        else if (attempt > 200) throw new Error(`status write after the restart: HTTP ${res?.status}`);
        else await sleep(50);
      }
      const want = baseline.get(job.stack)! + 1;
      let tSeen = 0;
      while (!tSeen) {
        const st = await readStatus(job.stack).catch(() => undefined);
        if (st?.summary?.degraded === want) tSeen = Date.now();
        else if (Date.now() - tReady > 120_000) throw new Error('no report 120 s after the restart');
        else await sleep(100);
      }
      // Relists may still follow the first report (kinds relist independently): let them settle.
      let after = await scrape(s.port);
      for (let quiet = 0; quiet < 3; ) {
        await sleep(1000);
        const next = await scrape(s.port);
        quiet = sum(next, 'cdk8s_kubeflow_relists_total') === sum(after, 'cdk8s_kubeflow_relists_total') ? quiet + 1 : 0;
        after = next;
      }
      const diff = (name: string, label: string) => {
        const a = byLabel(after, name, label);
        const b = byLabel(before, name, label);
        return [...a].map(([k, v]) => [k, v - (b.get(k) ?? 0)] as const).filter(([, v]) => v > 0);
      };
      const relists = diff('cdk8s_kubeflow_relists_total', 'kind');
      const restarts = diff('cdk8s_kubeflow_watch_restarts_total', 'reason');
      const nRelists = relists.reduce((n, [, v]) => n + v, 0);
      recoveries.push(tSeen - tReady);
      relistCounts.push(nRelists);
      const fmt = (xs: readonly (readonly [string, number])[]) => xs.map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
      console.log(`  ${String(r + 1).padStart(3)}   ${`${((tReady - tKill) / 1000).toFixed(1)} s`.padStart(6)}   ${`${((tSeen - tReady) / 1000).toFixed(2)} s`.padStart(14)}   ${`${((tSeen - tWritten) / 1000).toFixed(2)} s`.padStart(14)}   ${`${nRelists} (${fmt(relists)})`.padEnd(76)} ${fmt(restarts)}`);
      // Back to running, reported, before the next round.
      expectOk(await cluster.client.request('PATCH', `${pathOf(job.k, job.obj)}/status`, { body: { status: jobStatus(job.obj.metadata!.name!, 'Running') }, contentType: 'application/merge-patch+json' }), 'status write');
      for (let i = 0; (await readStatus(job.stack))?.summary?.degraded !== want - 1 && i < 200; i++) await sleep(100);
    }
    console.log(`  median: ready → report ${(median(recoveries) / 1000).toFixed(2)} s, ${median(relistCounts)} relists per restart\n`);
    console.log(`total bench time ${((Date.now() - begun) / 60000).toFixed(1)} min`);
  } finally {
    if (serve?.pid && serve.exitCode === null) {
      const exited = new Promise((r) => serve!.once('exit', r));
      serve.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (serve.exitCode === null) serve.kill('SIGKILL');
    }
    await cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
