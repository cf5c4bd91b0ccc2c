// dist/ synced as Argo CD syncs it, against a real kube-apiserver with our CRDs and no
// controllers: wave by wave, the next wave only once every object of the previous one is
// Healthy by our health models, with the test playing the controllers (the profile controller
// makes namespaces; claims stay Pending as on a WaitForFirstConsumer class; jobs and experiments
// run for hours, or fail), so the sync must reach the last wave whatever the workloads do; in
// file order, without waves, the first object of a tenant namespace fails as the issue reports;
// and the Argo CD objects of dist/gitops/ apply.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ARGOCD_SYNC_WAVE } from '../constructs/gitops/sync-waves';
import { assessHealth } from '../health';
import { Manifest } from '../manifest';
import { SchemaValidator } from '../policies/schema-validator';
import { sharedCluster } from './cluster/shared';

const DIST = join(__dirname, '..', 'dist');
const { client } = sharedCluster();
const validator = SchemaValidator.for();

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The stack's objects in file order, renamed so that each test has its own and no other test
 * file (on the same cluster, at the same time) applies or dry-runs the same: every namespace is
 * `<ns>-<suffix>`, and so is the name of every cluster-scoped object (Profiles, Namespaces, the
 * Inventory).
 */
function stackObjects(stack: string, suffix: string): Array<{ file: string; object: any }> {
  return files(join(DIST, stack)).map((f) => {
    const o = parse(readFileSync(f, 'utf8'));
    if (o.metadata.namespace) o.metadata.namespace = `${o.metadata.namespace}-${suffix}`;
    if (validator.entry(o.apiVersion, o.kind)?.scope === 'Cluster') o.metadata.name = `${o.metadata.name}-${suffix}`;
    return { file: relative(DIST, f), object: o };
  });
}

function pathOf(o: Manifest): string {
  const plural = validator.entry(o.apiVersion, o.kind)?.plural;
  if (!plural) throw new Error(`no plural known for ${o.apiVersion} ${o.kind}`);
  const ns = o.metadata?.namespace ? `/namespaces/${o.metadata.namespace}` : '';
  return `${o.apiVersion.includes('/') ? '/apis' : '/api'}/${o.apiVersion}${ns}/${plural}/${o.metadata!.name}`;
}

async function apply(o: Manifest): Promise<{ status: number; message: string }> {
  const res = await client.apply(pathOf(o), o, 'argocd-controller');
  return { status: res.status, message: res.body?.message ?? '' };
}

async function createNamespace(name: string): Promise<void> {
  const res = await client.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (res.status !== 201 && res.status !== 409) throw new Error(`creating namespace ${name}: ${res.status} ${res.text}`);
}

/** Merge-patches `o` (its `/status` subresource when `status`). */
async function patch(o: Manifest, body: unknown, status = false): Promise<void> {
  const res = await client.request('PATCH', `${pathOf(o)}${status ? '/status' : ''}`, { body, contentType: 'application/merge-patch+json' });
  if (res.status !== 200) throw new Error(`patching ${o.kind} ${o.metadata!.name}: ${res.status} ${res.text}`);
}

/** A training-operator / Katib status whose last condition (True) is `type`. */
function statusWith(type: 'Running' | 'Failed', kind: string): unknown {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const condition = (t: string, status: string) => ({ type: t, status, reason: `${kind}${t}`, message: `${kind} is ${t.toLowerCase()}`, lastTransitionTime: now, lastUpdateTime: now });
  return { status: { conditions: [condition('Created', 'True'), condition('Running', type === 'Running' ? 'True' : 'False'), ...(type === 'Failed' ? [condition('Failed', 'True')] : [])] } };
}

/**
 * The controllers, played once an object is applied. Kubeflow's profile controller creates a
 * Profile's namespace, then adds its `profile-finalizer` (what health/kubeflow.org/Profile
 * reads as Healthy). The training operator and Katib mark jobs and experiments Running (or
 * Failed, per `failed`). Nothing binds claims: they stay Pending, as on a WaitForFirstConsumer
 * class until their pod exists.
 */
async function playControllers(o: Manifest, failed: ReadonlySet<string>): Promise<void> {
  const name = o.metadata!.name!;
  if (o.kind === 'Profile') {
    await createNamespace(name);
    await patch(o, { metadata: { finalizers: ['profile-finalizer'] } });
  }
  if (o.kind === 'PyTorchJob' || o.kind === 'Experiment') await patch(o, statusWith(failed.has(name) ? 'Failed' : 'Running', o.kind), true);
}

interface SyncResult {
  /** `file: status` of every apply. */
  readonly applied: string[];
  /** The waves applied, in order. */
  readonly waves: number[];
  /** Why the sync stopped before the last wave: the objects of a wave that are not Healthy. */
  readonly stopped?: string;
}

/**
 * One Argo CD sync: the waves in order; each is applied, the controllers played, every object
 * read back, and the next wave applied only when all are Healthy (assessHealth). A Degraded
 * object fails the sync; any other status holds it (Argo CD would wait; no controller here
 * changes anything later, so the test stops there).
 */
async function sync(objects: Array<{ file: string; object: any }>, failed: ReadonlySet<string> = new Set()): Promise<SyncResult> {
  const waveOf = (o: Manifest) => Number(o.metadata!.annotations![ARGOCD_SYNC_WAVE]);
  const waves = [...new Set(objects.map((o) => waveOf(o.object)))].sort((a, b) => a - b);
  const applied: string[] = [];
  for (const [n, wave] of waves.entries()) {
    const inWave = objects.filter((o) => waveOf(o.object) === wave);
    for (const { file, object } of inWave) {
      const { status, message } = await apply(object);
      applied.push(`${file}: ${status}${status >= 300 ? ` ${message}` : ''}`);
      if (status < 300) await playControllers(object, failed);
    }
    if (n === waves.length - 1) break;
    const health = await Promise.all(inWave.map(async ({ object }) => ({ object, health: assessHealth((await client.get(pathOf(object))).body) })));
    const unhealthy = health.filter((h) => h.health.status !== 'Healthy');
    if (unhealthy.length) {
      const verb = unhealthy.some((h) => h.health.status === 'Degraded') ? 'fails' : 'waits';
      return { applied, waves: waves.slice(0, n + 1), stopped: `wave ${wave} ${verb}: ${unhealthy.map((h) => `${h.object.kind} ${h.object.metadata.name}: ${h.health.status}`).join(', ')}` };
    }
  }
  return { applied, waves };
}

/** The live health of the stack's objects of `kind`, as `name: status (message)`. */
async function healthOf(objects: Array<{ object: any }>, kind: string): Promise<string[]> {
  const ofKind = objects.filter((o) => o.object.kind === kind);
  return Promise.all(ofKind.map(async ({ object }) => {
    const health = assessHealth((await client.get(pathOf(object))).body);
    return `${object.metadata.name}: ${health.status} (${health.message})`;
  }));
}

test('dist/dev/ synced wave by wave on health, claims Pending and jobs running for hours: the sync reaches the last wave, and again with a failed job', async () => {
  const objects = stackObjects('dev', 'waves');
  const first = await sync(objects);
  expect(first.stopped).toBeUndefined();
  expect(first.waves).toEqual([0, 1, 2]);
  expect(first.applied.filter((r) => !/: 20[01]$/.test(r))).toEqual([]);
  expect(first.applied).toHaveLength(objects.length);
  // They never get Healthy here: they would hold any wave after theirs, and there is none.
  expect((await healthOf(objects, 'PersistentVolumeClaim')).sort()).toEqual(['explore-workspace', 'gpu-lab-workspace', 'reports-workspace'].map((n) => `${n}: Progressing (waiting for a volume (Pending))`));
  expect(await healthOf(objects, 'PyTorchJob')).toEqual(['resnet-finetune: Progressing (running: PyTorchJob is running)']);
  expect(await healthOf(objects, 'Experiment')).toEqual(['resnet-tuning: Progressing (running: Experiment is running)']);

  // The job fails (Degraded, forever: its spec is ignored); the next sync must still get through.
  const job = objects.find((o) => o.object.kind === 'PyTorchJob')!.object;
  await patch(job, statusWith('Failed', 'PyTorchJob'), true);
  expect(await healthOf(objects, 'PyTorchJob')).toEqual(['resnet-finetune: Degraded (failed: PyTorchJob is failed)']);
  const second = await sync(objects, new Set(['resnet-finetune']));
  expect(second.stopped).toBeUndefined();
  expect(second.waves).toEqual([0, 1, 2]);
  expect(second.applied.filter((r) => !/: 200$/.test(r))).toEqual([]);
});

test('the health gate is real: with the claims moved into a wave before the notebooks (the old derivation), the sync waits there', async () => {
  const objects = stackObjects('dev', 'stall').map(({ file, object }) => ({
    file, object: object.kind === 'PersistentVolumeClaim' ? { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [ARGOCD_SYNC_WAVE]: '1' } } } : object,
  }));
  const result = await sync(objects);
  expect(result.waves).toEqual([0, 1]);
  expect(result.stopped).toMatch(/^wave 1 waits: (PersistentVolumeClaim [\w-]+: Progressing(, |$))+/);
  expect(result.applied.some((r) => r.includes('/notebook-'))).toBe(false);
});

test('dist/dev/ applied in file order without waves fails: the tenant namespace does not exist yet (the issue\'s bug)', async () => {
  const objects = stackObjects('dev', 'nowave');
  const failures: string[] = [];
  for (const { file, object } of objects) {
    const { status, message } = await apply(object);
    if (status >= 300) failures.push(`${file}: ${message}`);
  }
  // The Profiles apply (cluster-scoped), but nothing makes the analytics namespace without the controller.
  expect(failures[0]).toBe('dev/analytics/notebook-reports.yaml: namespaces "analytics-nowave" not found');
  expect(failures.every((f) => f.includes('not found'))).toBe(true);
});

test('the Argo CD objects of dist/gitops/ (AppProjects, Applications, the argocd-cm patch) apply', async () => {
  // In a namespace of this test's own (argocd-apply): the dry-run tests send the same objects to argocd.
  const objects = stackObjects('gitops', 'apply');
  for (const ns of new Set(objects.map((o) => o.object.metadata.namespace).filter(Boolean))) await createNamespace(ns);
  const kinds = objects.map((o) => o.object.kind);
  // One Application per folder of dist/ (the root one included), their AppProjects, the argocd-cm patch and the stack's Inventory.
  expect([...new Set(kinds)].sort()).toEqual(['AppProject', 'Application', 'ConfigMap', 'Inventory']);
  expect(kinds.filter((k) => k === 'Application')).toHaveLength(readdirSync(DIST, { withFileTypes: true }).filter((e) => e.isDirectory()).length);
  const results: string[] = [];
  for (const { file, object } of objects) {
    const { status, message } = await apply(object);
    results.push(`${file}: ${status}${status >= 300 ? ` ${message}` : ''}`);
  }
  expect(results.filter((r) => !/: 20[01]$/.test(r))).toEqual([]);
});
