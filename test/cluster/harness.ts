// A real kube-apiserver + etcd for tests (the controller-runtime "envtest" model): a real
// API server with our CRDs installed and no controllers; tests play the controller by
// writing `.status` themselves.
//
//   const cluster = await startCluster({ crdDirs: ['schemas/crds'] });
//   // ... kubectl --kubeconfig cluster.kubeconfigPath, or cluster.client.get('/version')
//   await cluster.stop();
//
// Binaries come from $KUBEBUILDER_ASSETS or scripts/test-binaries.sh (built once with Go).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { inParallel } from '../../policies/in-parallel';
import { listManifestFiles } from '../../policies/load';
import { userCacheDir } from '../tool-cache';
import { CertBackend, ClusterCerts, generateCerts } from './certs';
import { expectOk, KubeClient } from './client';

/**
 * The preset whose CRDs the test cluster installs: the newest, whose CRDs have every field the
 * constructs can emit (the every-kind app uses them all). Every app is checked against each
 * preset's own schemas and CEL rules by test/releases.test.ts.
 */
export const TEST_CLUSTER_RELEASE = 'newest';

export interface StartClusterOptions {
  /**
   * Folders searched (recursively) for CRD manifests (*.yaml, *.yml, *.json); every
   * CustomResourceDefinition found is installed and awaited until Established.
   * Missing folders are skipped.
   * @default {@link TEST_CLUSTER_RELEASE}'s, ['schemas/newest/crds'] relative to the project root
   */
  readonly crdDirs?: string[];
  /**
   * Folder holding `kube-apiserver` and `etcd`.
   * @default $KUBEBUILDER_ASSETS if it holds both, else the output of scripts/test-binaries.sh
   */
  readonly binDir?: string;
  /**
   * Parent folder of the cluster's temporary folder.
   * @default os.tmpdir()
   */
  readonly tmpRoot?: string;
  /** How certificates are made. @default 'auto' (openssl CLI if installed, else node:crypto) */
  readonly certBackend?: CertBackend | 'auto';
  /** Extra kube-apiserver flags (`--name=value`), appended last so they win. */
  readonly apiServerFlags?: string[];
  /** Extra etcd flags. */
  readonly etcdFlags?: string[];
  /** Time allowed for etcd + kube-apiserver to become ready. @default 60000 */
  readonly startTimeoutMs?: number;
  /**
   * Folder of etcd data-dir snapshots keyed by the CRDs and binaries: the first start with a
   * given CRD set saves etcd's data right after installing them (costs one restart), later
   * starts copy it and skip the slow CRD installation. `false` disables this.
   * @default <user cache>/etcd-snapshots (see test/tool-cache.ts), shared by every clone
   */
  readonly snapshotDir?: string | false;
  /** Time allowed for all CRDs to become Established and usable. @default 60000 */
  readonly crdTimeoutMs?: number;
  /** Kill the processes and remove the temp folder on exit, SIGINT, SIGTERM. @default true */
  readonly cleanupOnExit?: boolean;
  /** Progress logger. @default a "[cluster] " line on stderr; pass () => {} to silence */
  readonly log?: (msg: string) => void;
}

export interface Cluster {
  /** kubeconfig with the admin (system:masters) client certificate embedded. */
  readonly kubeconfigPath: string;
  /** e.g. https://127.0.0.1:43121 */
  readonly server: string;
  /** Temporary folder holding certs, etcd data, logs and the kubeconfig; removed by stop(). */
  readonly tmpDir: string;
  readonly pids: { readonly etcd: number; readonly apiServer: number };
  /** Milliseconds from start to ready (CRD installation excluded). */
  readonly startupMs: number;
  /** Names of the installed CRDs. */
  readonly crds: string[];
  readonly certs: ClusterCerts;
  /** REST client authenticated as admin. */
  readonly client: KubeClient;
  /** Installs (server-side apply) CRDs from manifests in the given folders and waits until they are usable. */
  installCrds(dirs: string[]): Promise<string[]>;
  /**
   * Kills kube-apiserver (SIGKILL) and starts it again on the same port against the same etcd,
   * after `downMs`; resolves when it is ready again. For tests of clients surviving a restart.
   */
  restartApiServer(opts?: { downMs?: number }): Promise<void>;
  /** etcd's client URL (e.g. for its JSON gateway: POST <etcdUrl>/v3/kv/compact). */
  readonly etcdUrl: string;
  /** Stops both processes (whole process groups), waits for them, removes tmpDir. Idempotent. */
  stop(): Promise<void>;
}

/** The project root: the nearest ancestor holding scripts/test-binaries.sh. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'test-binaries.sh'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`scripts/test-binaries.sh not found above ${from}`);
  }
}

const isExecutable = (f: string) => {
  try {
    fs.accessSync(f, fs.constants.X_OK);
    return fs.statSync(f).isFile();
  } catch {
    return false;
  }
};
const hasBinaries = (dir: string) => isExecutable(path.join(dir, 'kube-apiserver')) && isExecutable(path.join(dir, 'etcd'));

/** Finds (or builds, the first time) the folder holding kube-apiserver and etcd. */
export function findBinaries(binDir?: string, log: (m: string) => void = defaultLog): string {
  if (binDir) {
    if (!hasBinaries(binDir)) throw new Error(`${binDir} does not hold executable kube-apiserver and etcd`);
    return binDir;
  }
  const assets = process.env.KUBEBUILDER_ASSETS;
  if (assets && hasBinaries(assets)) return assets;
  const script = path.join(projectRoot(), 'scripts', 'test-binaries.sh');
  const cache = userCacheDir();
  if (!fs.existsSync(path.join(cache, 'test-binaries'))) {
    log(`building kube-apiserver and etcd into ${cache} with scripts/test-binaries.sh (once per machine: 5–20 minutes)`);
  }
  // Its progress goes to our stderr; the last stdout line is the folder.
  const out = execFileSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, CDK8S_KUBEFLOW_CACHE: cache } });
  const dir = out.trim().split('\n').pop() ?? '';
  if (!hasBinaries(dir)) throw new Error(`scripts/test-binaries.sh printed '${dir}', which lacks kube-apiserver/etcd`);
  return dir;
}

function defaultLog(msg: string): void {
  process.stderr.write(`[cluster] ${msg}\n`);
}

/** Free TCP ports on 127.0.0.1, all distinct. */
export async function freePorts(n: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve());
      });
      ports.push((srv.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- process bookkeeping and cleanup on exit -------------------------------------------

interface Tracked {
  procs: ChildProcess[];
  tmpDir: string;
}
const live = new Set<Tracked>();
let handlersInstalled = false;

function killGroupSync(p: ChildProcess, signal: NodeJS.Signals): void {
  if (p.pid === undefined || p.exitCode !== null || p.signalCode !== null) return;
  try {
    process.kill(-p.pid, signal); // detached => the child leads its own process group
  } catch {
    try {
      process.kill(p.pid, signal);
    } catch {
      /* already gone */
    }
  }
}

function cleanupSync(t: Tracked): void {
  for (const p of t.procs) killGroupSync(p, 'SIGKILL');
  try {
    fs.rmSync(t.tmpDir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
  live.delete(t);
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const t of [...live]) cleanupSync(t);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      for (const t of [...live]) cleanupSync(t);
      process.removeListener(sig, handler);
      // Keep the default behaviour (terminate) unless someone else handles this signal.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

async function stopProcess(p: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (p.pid === undefined) return;
  const exited = p.exitCode !== null || p.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => p.once('exit', () => r()));
  killGroupSync(p, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const outcome = await Promise.race([exited.then(() => 'exited'), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    killGroupSync(p, 'SIGKILL');
    await exited;
  }
  // The leader is gone; make sure nothing else in its group survived.
  try {
    process.kill(-p.pid, 'SIGKILL');
  } catch {
    /* group empty */
  }
}

/** GET /health without keep-alive (a pooled socket would keep the event loop busy). */
function etcdHealthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/health`, { agent: false, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 && body.includes('"health":"true"')));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function startProcess(bin: string, args: string[], logFile: string, cwd: string): ChildProcess {
  const fd = fs.openSync(logFile, 'a');
  try {
    const env = { ...process.env };
    const noProxy = [env.NO_PROXY ?? env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
    env.NO_PROXY = env.no_proxy = noProxy;
    const child = spawn(bin, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    child.on('error', () => {
      /* reported through exitCode / readiness timeout */
    });
    return child;
  } finally {
    fs.closeSync(fd);
  }
}

// ---- CRDs ---------------------------------------------------------------------------------

/** The *.yaml/*.yml/*.json files under the folders that exist (recursively, sorted). */
export function crdFiles(dirs: string[]): string[] {
  return dirs.filter((d) => fs.existsSync(d)).flatMap((d) => listManifestFiles(d));
}

/** All CustomResourceDefinition objects in the files (multi-document YAML and Lists too). */
export function parseCrds(files: string[]): any[] {
  const crds: any[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(f, 'utf8'))) {
      if (doc.errors.length) throw new Error(`${f}: ${doc.errors[0].message}`);
      const obj = doc.toJS();
      const items = obj?.kind === 'List' && Array.isArray(obj.items) ? obj.items : [obj];
      for (const o of items) {
        if (o?.kind === 'CustomResourceDefinition' && String(o.apiVersion).startsWith('apiextensions.k8s.io/')) crds.push(o);
      }
    }
  }
  return crds;
}

/** All CustomResourceDefinition objects in *.yaml/*.yml/*.json files under the folders. */
export function readCrds(dirs: string[]): any[] {
  return parseCrds(crdFiles(dirs));
}

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/** Runs `fn` over `items` with at most `limit` in flight. */
async function installCrdObjects(client: KubeClient, crds: any[], timeoutMs: number, o: { apply?: boolean } = {}): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let lastEstablished = 0;
  // Create them all first, then wait, so the server's controllers work through them together.
  // (Large CRDs are CPU-heavy for the server: ~25 s for the 38 of the newest preset's crds/ on 2 cores.)
  await inParallel(o.apply === false ? [] : crds, 4, async (crd) => {
    const { status: _ignored, ...obj } = crd;
    expectOk(await client.apply(`${CRD_PATH}/${crd.metadata.name}`, obj), `installing CRD ${crd.metadata.name}`);
  });
  // Wait by polling cheap endpoints: discovery lists a CRD's resource only once it is
  // Established; then a LIST must succeed (right after Established the watch cache is still
  // initialising and the server answers 429, which most clients do not retry). Polling the
  // CRD objects themselves (up to 600 kB each) would keep the server busy encoding them.
  await inParallel(crds, 4, async (crd) => {
    const name = crd.metadata.name;
    const served = (crd.spec.versions ?? []).filter((v: any) => v.served).map((v: any) => v.name);
    const plural = crd.spec.names.plural;
    for (const version of served) {
      for (;;) {
        const res = await client.get(`/apis/${crd.spec.group}/${version}`);
        if (res.status === 200 && (res.body?.resources ?? []).some((r: any) => r.name === plural)) break;
        if (Date.now() > deadline) throw new Error(`CRD ${name}: ${plural}.${crd.spec.group}/${version} not served after ${timeoutMs} ms`);
        await sleep(100);
      }
      for (;;) {
        const res = await client.get(`/apis/${crd.spec.group}/${version}/${plural}?limit=1`);
        if (res.status === 200) break;
        if (Date.now() > deadline) throw new Error(`listing ${plural}.${crd.spec.group}/${version}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
        await sleep(100);
      }
    }
    const res = await client.get(`${CRD_PATH}/${name}`);
    const established = (res.body?.status?.conditions ?? []).find((c: any) => c.type === 'Established' && c.status === 'True');
    if (!established) throw new Error(`CRD ${name} is served but not Established: ${JSON.stringify(res.body?.status)}`);
    lastEstablished = Math.max(lastEstablished, Date.parse(established.lastTransitionTime) || Date.now());
  });
  // kube-apiserver delays every create of a custom resource by 2 s while its CRD has been
  // Established for less than 2 s (apiextensions-apiserver customresource_handler.go, for HA
  // setups). Pay that once here rather than in the first test that creates an object.
  // (lastTransitionTime is truncated to seconds, as is the value the server compares.)
  if (lastEstablished) {
    const wait = lastEstablished + 2100 - Date.now();
    if (wait > 0) await sleep(wait);
  }
  return crds.map((c) => c.metadata.name);
}

// ---- kubeconfig ----------------------------------------------------------------------------

function kubeconfig(server: string, certs: ClusterCerts): string {
  const b64 = (f: string) => fs.readFileSync(f).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64(certs.caCert)}`,
    'users:',
    '- name: admin',
    '  user:',
    `    client-certificate-data: ${b64(certs.adminCert)}`,
    `    client-key-data: ${b64(certs.adminKey)}`,
    'contexts:',
    '- name: test',
    '  context:',
    '    cluster: test',
    '    user: admin',
    '    namespace: default',
    'current-context: test',
    '',
  ].join('\n');
}

// ---- start ---------------------------------------------------------------------------------

/** Starts etcd and kube-apiserver on free loopback ports and installs the CRDs. */
export async function startCluster(opts: StartClusterOptions = {}): Promise<Cluster> {
  const log = opts.log ?? defaultLog;
  const binDir = findBinaries(opts.binDir, log);
  const root = (() => {
    try {
      return projectRoot();
    } catch {
      return process.cwd();
    }
  })();
  const crdDirs = (opts.crdDirs ?? [path.join('schemas', TEST_CLUSTER_RELEASE, 'crds')]).map((d) => path.resolve(root, d));
  const files = crdFiles(crdDirs);

  // A snapshot of etcd's data dir taken right after these CRDs were installed, if any. It
  // carries a small index of the CRDs, which spares parsing megabytes of YAML.
  const snapshots = files.length && opts.snapshotDir !== false ? (opts.snapshotDir ?? path.join(userCacheDir(), 'etcd-snapshots')) : undefined;
  const snapshot = snapshots ? path.join(snapshots, snapshotKey(binDir, files, [...(opts.apiServerFlags ?? []), '--', ...(opts.etcdFlags ?? [])])) : undefined;
  let crds: any[] | undefined;
  if (snapshot && fs.existsSync(path.join(snapshot, 'etcd', 'member'))) {
    try {
      crds = JSON.parse(fs.readFileSync(path.join(snapshot, 'crds.json'), 'utf8'));
    } catch {
      crds = undefined;
    }
  }
  const fromSnapshot = !!crds;
  crds ??= parseCrds(files); // before starting anything: fail fast on bad YAML
  let plan: StartPlan = { binDir, crds, snapshot: crds.length ? snapshot : undefined, fromSnapshot };

  // Ports are probed then released, so another process may grab one in between; retry.
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(plan, opts, log);
    } catch (e) {
      lastError = e;
      if (plan.fromSnapshot && plan.snapshot) {
        log(`starting from etcd snapshot ${plan.snapshot} failed; removing it and installing the CRDs afresh (${String(e).split('\n')[0]})`);
        fs.rmSync(plan.snapshot, { recursive: true, force: true });
        plan = { ...plan, crds: parseCrds(files), fromSnapshot: false };
        continue;
      }
      if (!/address already in use/i.test(String(e))) throw e;
      log(`port conflict, retrying (${attempt}/3)`);
    }
  }
  throw lastError;
}

interface StartPlan {
  readonly binDir: string;
  readonly crds: any[];
  /** Where this CRD set's etcd snapshot lives (or is to be saved). */
  readonly snapshot?: string;
  /** Whether to start from it. */
  readonly fromSnapshot: boolean;
}

async function startOnce(plan: StartPlan, opts: StartClusterOptions, log: (m: string) => void): Promise<Cluster> {
  const { binDir, crds, snapshot, fromSnapshot } = plan;
  const t0 = Date.now();
  const tmpDir = fs.mkdtempSync(path.join(opts.tmpRoot ?? os.tmpdir(), 'cdk8s-kubeflow-cluster-'));
  const tracked: Tracked = { procs: [], tmpDir };
  live.add(tracked);
  if (opts.cleanupOnExit ?? true) installExitHandlers();
  let client: KubeClient | undefined;

  const stopAll = async () => {
    // API server first, so it does not spend its shutdown complaining about etcd.
    for (const p of [...tracked.procs].reverse()) await stopProcess(p);
    tracked.procs = [];
  };
  const stop = async () => {
    if (!live.has(tracked) && !fs.existsSync(tmpDir)) return;
    client?.close();
    await stopAll();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    live.delete(tracked);
  };

  try {
    const certs = generateCerts(path.join(tmpDir, 'pki'), opts.certBackend ?? 'auto');
    const [etcdPort, peerPort, apiPort] = await freePorts(3);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcdLog = path.join(tmpDir, 'etcd.log');
    const apiLog = path.join(tmpDir, 'kube-apiserver.log');
    const dataDir = path.join(tmpDir, 'etcd');
    const server = `https://127.0.0.1:${apiPort}`;
    const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
    const failIfExited = (p: ChildProcess, what: string, logFile: string) => {
      if (p.exitCode !== null || p.signalCode !== null) {
        throw new Error(`${what} exited (${p.exitCode ?? p.signalCode}) during start-up; last log lines:\n${tail(logFile)}`);
      }
    };

    if (fromSnapshot) {
      fs.cpSync(path.join(snapshot!, 'etcd'), dataDir, { recursive: true });
      const now = new Date();
      fs.utimesSync(snapshot!, now, now); // most recently used: kept by saveSnapshot()'s pruning
    }

    const launch = async () => {
      const etcd = startProcess(
        path.join(binDir, 'etcd'),
        [
          '--name=test',
          `--data-dir=${dataDir}`,
          `--listen-client-urls=${etcdUrl}`,
          `--advertise-client-urls=${etcdUrl}`,
          `--listen-peer-urls=${peerUrl}`,
          `--initial-advertise-peer-urls=${peerUrl}`,
          `--initial-cluster=test=${peerUrl}`,
          '--unsafe-no-fsync=true',
          // One member on loopback: short raft timers make it leader in ~0.2 s instead of ~1 s.
          '--heartbeat-interval=10',
          '--election-timeout=100',
          '--log-level=warn',
          ...(opts.etcdFlags ?? []),
        ],
        etcdLog,
        tmpDir,
      );
      tracked.procs.push(etcd);
      for (;;) {
        failIfExited(etcd, 'etcd', etcdLog);
        if (await etcdHealthy(etcdUrl)) break;
        if (Date.now() > deadline) throw new Error(`etcd not healthy in time; last log lines:\n${tail(etcdLog)}`);
        await sleep(50);
      }
      const etcdReadyMs = Date.now() - t0;
      client?.close();
      client = undefined;
      const apiServer = await launchApiServer(etcd);
      return { etcd, apiServer, etcdReadyMs, startupMs: Date.now() - t0, client: client! };
    };

    /** Starts kube-apiserver against the running etcd and waits until it is ready. */
    const launchApiServer = async (etcd: ChildProcess, until = deadline) => {
      const apiServer = startProcess(
        path.join(binDir, 'kube-apiserver'),
        [
          '--advertise-address=127.0.0.1',
          '--bind-address=127.0.0.1',
          `--secure-port=${apiPort}`,
          `--cert-dir=${certs.dir}`,
          `--tls-cert-file=${certs.servingCert}`,
          `--tls-private-key-file=${certs.servingKey}`,
          `--client-ca-file=${certs.caCert}`,
          `--etcd-servers=${etcdUrl}`,
          '--service-cluster-ip-range=10.0.0.0/24',
          '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
          `--service-account-key-file=${certs.serviceAccountPub}`,
          `--service-account-signing-key-file=${certs.serviceAccountKey}`,
          '--authorization-mode=RBAC',
          // No controllers run: ServiceAccount admission would wait for token/SA controllers.
          '--disable-admission-plugins=ServiceAccount',
          '--allow-privileged=true',
          '--profiling=false',
          '--endpoint-reconciler-type=none',
          ...(opts.apiServerFlags ?? []),
        ],
        apiLog,
        tmpDir,
      );
      tracked.procs.push(apiServer);

      const c = (client ??= new KubeClient({
        server,
        ca: fs.readFileSync(certs.caCert),
        cert: fs.readFileSync(certs.adminCert),
        key: fs.readFileSync(certs.adminKey),
      }));
      // kube-apiserver: /readyz (covers etcd, RBAC bootstrap, CRD informers), then the
      // default namespace, which a start-up hook creates.
      for (let ready = false; !ready; ) {
        failIfExited(apiServer, 'kube-apiserver', apiLog);
        failIfExited(etcd, 'etcd', etcdLog);
        const res = await c.request('GET', '/readyz', { timeoutMs: 2000 }).catch(() => undefined);
        if (res?.status === 200) {
          const ns = await c.get('/api/v1/namespaces/default').catch(() => undefined);
          ready = ns?.status === 200;
        }
        if (!ready) {
          if (Date.now() > until) {
            throw new Error(`kube-apiserver not ready in time (last /readyz: ${res?.status} ${res?.text.slice(0, 500)}); last log lines:\n${tail(apiLog)}`);
          }
          await sleep(100);
        }
      }
      return apiServer;
    };

    let run = await launch();
    const { startupMs, etcdReadyMs } = run;
    const kubeconfigPath = path.join(tmpDir, 'kubeconfig');
    fs.writeFileSync(kubeconfigPath, kubeconfig(server, certs), { mode: 0o600 });

    const c0 = Date.now();
    const crdTimeout = opts.crdTimeoutMs ?? 60_000;
    let how = '';
    if (fromSnapshot) {
      await installCrdObjects(run.client, crds, crdTimeout, { apply: false });
      how = ` (from etcd snapshot ${path.basename(snapshot!)})`;
    } else {
      await installCrdObjects(run.client, crds, crdTimeout);
      if (snapshot) {
        // Save etcd's data dir for the next start with the same CRDs and binaries: stop both
        // processes (a consistent copy), copy, start them again on the same ports.
        await stopAll();
        saveSnapshot(dataDir, crds, snapshot);
        run = await launch();
        await installCrdObjects(run.client, crds, crdTimeout, { apply: false });
        how = ` (etcd snapshot saved for next time)`;
      }
    }
    log(
      `kube-apiserver ready at ${server} in ${startupMs} ms (etcd ${etcdReadyMs} ms, certs: ${certs.backend})` +
        (crds.length ? `; ${crds.length} CRD(s) installed and usable in ${Date.now() - c0} ms${how}` : '; no CRDs installed'),
    );

    const c = run.client;
    return {
      kubeconfigPath,
      server,
      tmpDir,
      get pids() {
        return { etcd: run.etcd.pid!, apiServer: run.apiServer.pid! };
      },
      startupMs,
      crds: crds.map((x) => x.metadata.name),
      certs,
      client: c,
      installCrds: async (dirs: string[]) => installCrdObjects(c, readCrds(dirs.map((d) => path.resolve(d))), crdTimeout),
      restartApiServer: async (o: { downMs?: number } = {}) => {
        // SIGKILL, as a crash would: no graceful closing of watches.
        killGroupSync(run.apiServer, 'SIGKILL');
        await stopProcess(run.apiServer);
        tracked.procs = tracked.procs.filter((p) => p !== run.apiServer);
        if (o.downMs) await sleep(o.downMs);
        run = { ...run, apiServer: await launchApiServer(run.etcd, Date.now() + (opts.startTimeoutMs ?? 60_000)) };
      },
      etcdUrl,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Bumped when what goes into a snapshot changes (e.g. the flags above). */
const SNAPSHOT_FORMAT = 1;

function snapshotKey(binDir: string, files: string[], flags: string[]): string {
  const h = crypto.createHash('sha256');
  h.update(`format ${SNAPSHOT_FORMAT}\n${JSON.stringify(flags)}\n`);
  for (const b of ['etcd', 'kube-apiserver']) {
    const st = fs.statSync(path.join(binDir, b));
    h.update(`${fs.realpathSync(path.join(binDir, b))} ${st.size} ${st.mtimeMs}\n`);
  }
  for (const f of files) h.update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

function saveSnapshot(dataDir: string, crds: any[], snapshot: string, keep = 3): void {
  const parent = path.dirname(snapshot);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = `${snapshot}.tmp-${process.pid}-${Date.now()}`;
  fs.cpSync(dataDir, path.join(tmp, 'etcd'), { recursive: true });
  // What waiting for the CRDs needs, nothing more.
  const index = crds.map((c) => ({
    metadata: { name: c.metadata.name },
    spec: {
      group: c.spec.group,
      names: { plural: c.spec.names.plural },
      versions: (c.spec.versions ?? []).map((v: any) => ({ name: v.name, served: v.served })),
    },
  }));
  fs.writeFileSync(path.join(tmp, 'crds.json'), JSON.stringify(index));
  try {
    fs.renameSync(tmp, snapshot);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process saved it first
  }
  // Keep only the newest few.
  const old = fs
    .readdirSync(parent)
    .filter((n) => !n.includes('.tmp-'))
    .map((n) => ({ dir: path.join(parent, n), mtime: fs.statSync(path.join(parent, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
    .slice(keep);
  for (const o of old) fs.rmSync(o.dir, { recursive: true, force: true });
}
