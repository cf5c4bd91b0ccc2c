// A long-running local test cluster (kube-apiserver + etcd, CRDs installed, no controllers).
//
//   tsx scripts/cluster.ts up [--crds DIR ...]   start in the background (state in .cache/cluster/)
//   tsx scripts/cluster.ts status                 show what is running
//   tsx scripts/cluster.ts down                   stop it and clean up
//
// `up` prints the kubeconfig path on its last stdout line:
//   kubectl --kubeconfig "$(npm run -s cluster:up | tail -1)" get crds
// Jest cluster tests reuse it when CDK8S_KUBEFLOW_TEST_KUBECONFIG names that kubeconfig.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cluster, findBinaries, projectRoot, startCluster, TEST_CLUSTER_RELEASE } from '../test/cluster/harness';

interface State {
  readonly pid: number;
  readonly status: 'starting' | 'ready' | 'failed';
  readonly error?: string;
  readonly server?: string;
  readonly kubeconfigPath?: string;
  readonly tmpDir?: string;
  readonly pids?: { etcd: number; apiServer: number };
  readonly startupMs?: number;
  readonly crds?: string[];
  readonly startedAt?: string;
}

const ROOT = projectRoot(__dirname);
const DIR = path.join(ROOT, '.cache', 'cluster');
const STATE = path.join(DIR, 'state.json');
const KUBECONFIG = path.join(DIR, 'kubeconfig');
const LOG = path.join(DIR, 'cluster.log');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readState(): State | undefined {
  try {
    return JSON.parse(fs.readFileSync(STATE, 'utf8'));
  } catch {
    return undefined;
  }
}
function writeState(s: State): void {
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(`${STATE}.tmp`, JSON.stringify(s, null, 2) + '\n');
  fs.renameSync(`${STATE}.tmp`, STATE);
}
function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}
/** True if `pid` is alive and its command line mentions `needle` (guards against pid reuse). */
function isOurs(pid: number, needle: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
  } catch {
    return false;
  }
}

function crdArgs(args: string[]): string[] {
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--crds' && args[i + 1]) dirs.push(path.resolve(args[++i]));
    else if (args[i].startsWith('--crds=')) dirs.push(path.resolve(args[i].slice('--crds='.length)));
    else throw new Error(`unknown argument: ${args[i]}`);
  }
  return dirs.length ? dirs : [path.join(ROOT, 'schemas', TEST_CLUSTER_RELEASE, 'crds')];
}

async function up(args: string[]): Promise<void> {
  const crdDirs = crdArgs(args);
  const old = readState();
  if (old && isAlive(old.pid) && old.status === 'ready') {
    console.log(`cluster already running at ${old.server} (pid ${old.pid}); \`down\` stops it`);
    console.log(`kubectl --kubeconfig ${old.kubeconfigPath} get crds`);
    console.log(old.kubeconfigPath);
    return;
  }
  if (old) await down(true);

  const binDir = findBinaries(undefined, (m) => console.error(`[cluster] ${m}`)); // builds on first use, in the foreground
  fs.mkdirSync(DIR, { recursive: true });
  const logFd = fs.openSync(LOG, 'w');
  const daemon = spawn(process.execPath, [...process.execArgv, __filename, 'serve', ...crdDirs.flatMap((d) => ['--crds', d])], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, KUBEBUILDER_ASSETS: binDir },
  });
  fs.closeSync(logFd);
  daemon.unref();
  writeState({ pid: daemon.pid!, status: 'starting' });

  const deadline = Date.now() + 180_000;
  for (;;) {
    const s = readState();
    if (s?.status === 'ready') {
      console.log(`cluster ready at ${s.server} in ${s.startupMs} ms (pid ${s.pid}; ${s.crds?.length ?? 0} CRDs; log ${path.relative(ROOT, LOG)})`);
      console.log(`kubectl --kubeconfig ${s.kubeconfigPath} get crds`);
      console.log(`export CDK8S_KUBEFLOW_TEST_KUBECONFIG=${s.kubeconfigPath}   # cluster tests reuse it`);
      console.log(s.kubeconfigPath);
      return;
    }
    if (s?.status === 'failed' || !isAlive(daemon.pid) || Date.now() > deadline) {
      const log = fs.existsSync(LOG) ? fs.readFileSync(LOG, 'utf8').trimEnd().split('\n').slice(-30).join('\n') : '';
      await down(true);
      throw new Error(`cluster did not start${s?.error ? `: ${s.error}` : ''}\n${log}`);
    }
    await sleep(200);
  }
}

async function serve(args: string[]): Promise<void> {
  let cluster: Cluster | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await cluster?.stop().catch(() => undefined);
    for (const f of [STATE, KUBECONFIG]) fs.rmSync(f, { force: true });
    process.exit(code);
  };
  // Registered before startCluster()'s own handlers, so those see a listener and leave exiting to us.
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));
  try {
    cluster = await startCluster({ crdDirs: crdArgs(args), log: (m) => console.error(`[cluster] ${m}`) });
  } catch (e: any) {
    writeState({ pid: process.pid, status: 'failed', error: String(e?.message ?? e) });
    console.error(e);
    process.exit(1);
  }
  fs.copyFileSync(cluster.kubeconfigPath, KUBECONFIG);
  fs.chmodSync(KUBECONFIG, 0o600);
  writeState({
    pid: process.pid,
    status: 'ready',
    server: cluster.server,
    kubeconfigPath: KUBECONFIG,
    tmpDir: cluster.tmpDir,
    pids: cluster.pids,
    startupMs: cluster.startupMs,
    crds: cluster.crds,
    startedAt: new Date().toISOString(),
  });
  setInterval(() => {
    // Exit (and clean up) if etcd or kube-apiserver died.
    if (cluster && (!isAlive(cluster.pids.etcd) || !isAlive(cluster.pids.apiServer))) {
      console.error('[cluster] etcd or kube-apiserver exited; shutting down');
      void shutdown(1);
    }
  }, 2000);
}

async function down(quiet = false): Promise<void> {
  const s = readState();
  if (!s) {
    if (!quiet) console.log('no cluster running');
    return;
  }
  if (isAlive(s.pid) && isOurs(s.pid, 'cluster')) {
    process.kill(s.pid, 'SIGTERM');
    for (let i = 0; i < 150 && isAlive(s.pid); i++) await sleep(100);
    if (isAlive(s.pid)) process.kill(s.pid, 'SIGKILL');
  }
  // If the daemon was killed hard, its children may remain: kill their process groups.
  for (const pid of Object.values(s.pids ?? {})) {
    if (s.tmpDir && isOurs(pid, s.tmpDir)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  if (s.tmpDir) fs.rmSync(s.tmpDir, { recursive: true, force: true });
  for (const f of [STATE, KUBECONFIG]) fs.rmSync(f, { force: true });
  if (!quiet) console.log(`cluster stopped${s.server ? ` (${s.server})` : ''}`);
}

function status(): void {
  const s = readState();
  if (!s) {
    console.log('no cluster running');
    return;
  }
  console.log(JSON.stringify({ ...s, daemonAlive: isAlive(s.pid) }, null, 2));
}

async function main(): Promise<void> {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case 'up':
      return up(args);
    case 'down':
      return down();
    case 'status':
      return status();
    case 'serve':
      return serve(args);
    default:
      console.error('usage: cluster.ts up [--crds DIR ...] | down | status');
      process.exit(2);
  }
}

main().catch((e) => {
  console.error(e?.message ?? e);
  process.exit(1);
});
