// dist/ applied as Argo CD applies it, against a real kube-apiserver with our CRDs and no
// controllers: in sync-wave order, with the test playing Kubeflow's profile controller, every
// object of dist/dev/ applies; in file order, without waves, the first object of a tenant
// namespace fails as the issue reports; and the Argo CD objects of dist/gitops/ apply.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ARGOCD_SYNC_WAVE } from '../constructs/gitops/sync-waves';
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

/** The stack's objects in file order, with every tenant namespace renamed `<ns>-<suffix>` so each test has its own. */
function stackObjects(stack: string, suffix: string): Array<{ file: string; object: any }> {
  return files(join(DIST, stack)).map((f) => {
    const o = parse(readFileSync(f, 'utf8'));
    if (o.metadata.namespace) o.metadata.namespace = `${o.metadata.namespace}-${suffix}`;
    if (o.kind === 'Profile' || o.kind === 'Namespace') o.metadata.name = `${o.metadata.name}-${suffix}`;
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

/**
 * What Kubeflow's profile controller does for a Profile: creates its namespace, then adds its
 * `profile-finalizer`, which is what the Profile health model (health/kubeflow.org/Profile)
 * reads as Healthy, so Argo CD moves on to the next wave.
 */
async function playProfileController(profile: Manifest): Promise<void> {
  const name = profile.metadata!.name!;
  await createNamespace(name);
  const res = await client.request('PATCH', `/apis/kubeflow.org/v1/profiles/${name}`, {
    body: { metadata: { finalizers: ['profile-finalizer'] } },
    contentType: 'application/merge-patch+json',
  });
  if (res.status !== 200) throw new Error(`profile ${name}: ${res.status} ${res.text}`);
}

test('dist/dev/ applied in sync-wave order, while the test plays the profile controller: every object applies', async () => {
  const objects = stackObjects('dev', 'waves');
  const waves = [...new Set(objects.map((o) => Number(o.object.metadata.annotations[ARGOCD_SYNC_WAVE])))].sort((a, b) => a - b);
  expect(waves).toEqual([0, 1, 2]);
  const results: string[] = [];
  for (const wave of waves) {
    // Argo CD applies a wave, then waits until it is healthy (a Profile: until its namespace exists) before the next one.
    const inWave = objects.filter((o) => Number(o.object.metadata.annotations[ARGOCD_SYNC_WAVE]) === wave);
    for (const { file, object } of inWave) {
      const { status, message } = await apply(object);
      results.push(`${file}: ${status}${status >= 300 ? ` ${message}` : ''}`);
    }
    for (const { object } of inWave.filter((o) => o.object.kind === 'Profile')) await playProfileController(object);
  }
  expect(results.filter((r) => !/: 20[01]$/.test(r))).toEqual([]);
  expect(results).toHaveLength(objects.length);
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
  await createNamespace('argocd');
  const objects = files(join(DIST, 'gitops')).map((f) => ({ file: relative(DIST, f), object: parse(readFileSync(f, 'utf8')) }));
  expect(objects.map((o) => o.object.kind).sort()).toEqual(['AppProject', 'AppProject', 'Application', 'Application', 'Application', 'ConfigMap']);
  const results: string[] = [];
  for (const { file, object } of objects) {
    const { status, message } = await apply(object);
    results.push(`${file}: ${status}${status >= 300 ? ` ${message}` : ''}`);
  }
  expect(results.filter((r) => !/: 20[01]$/.test(r))).toEqual([]);
});
