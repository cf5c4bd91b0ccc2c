import { sharedCluster } from '../test/cluster/shared';
import { synthesize } from '../cli/synthesize';
import { buildApp } from '../stacks/main';
import { ManifestSource } from './findings';
import { loadKubeConfig } from './kube-client';
import { serverDryRun } from './server-dry-run';

const cluster = sharedCluster();
const kc = loadKubeConfig(cluster.kubeconfigPath);

/** Names of every namespace, Profile and PVC: what a dry run must leave as it was. */
async function clusterState(): Promise<string[]> {
  const names = async (path: string) => ((await cluster.client.request('GET', path)).body.items ?? []).map((i: any) => `${path} ${i.metadata.namespace ?? ''}/${i.metadata.name}`);
  return [
    ...(await names('/api/v1/namespaces')),
    ...(await names('/api/v1/persistentvolumeclaims')),
    ...(await names('/apis/kubeflow.org/v1/profiles')),
    ...(await names('/apis/kubeflow.org/v1/notebooks')),
  ].sort();
}

const pvc = (name: string, spec: Record<string, unknown>): ManifestSource => ({
  file: `dev/default/persistentvolumeclaim-${name}.yaml`,
  object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec },
});

describe('server-side dry run against a real API server', () => {
  test('the default stack passes, and the cluster is unchanged afterwards', async () => {
    const before = await clusterState();
    const { sources } = synthesize(buildApp());
    const result = await serverDryRun(kc, sources);
    expect(result.findings).toEqual([]);
    expect(result.checked).toBe(sources.length);
    // Tenant namespaces are made by the profile controller, which a bare API server lacks.
    expect(result.retargeted).toBe(sources.filter((s) => s.object.metadata?.namespace).length);
    expect(await clusterState()).toEqual(before);
  });

  test('an invalid quantity is rejected with the server\'s own message and field', async () => {
    const { findings } = await serverDryRun(kc, [pvc('bad-size', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 'ten gigs' } } })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', file: 'dev/default/persistentvolumeclaim-bad-size.yaml', resource: 'v1 PersistentVolumeClaim default/bad-size' });
    expect(findings[0].message).toMatch(/quantities must match the regular expression/);
  });

  test('a required value the schema cannot see is rejected by the server', async () => {
    // The OpenAPI schema makes resources.requests optional; the server's validation requires storage.
    const { findings } = await serverDryRun(kc, [pvc('no-size', { accessModes: ['ReadWriteOnce'] })]);
    expect(findings).toHaveLength(1);
    expect(findings[0].rule).toBe('server/invalid');
    expect(findings[0].message).toContain('spec.resources[storage]: Required value');
    expect(findings[0].path).toBe('.spec.resources[storage]');
  });

  test.each([
    ['an unknown group', 'example.com/v1', 'Widget'],
    ['a known group', 'kubeflow.org/v1', 'Widget'],
  ])('a kind whose CRD is not installed (%s) is reported as unknown to the server', async (_, apiVersion, kind) => {
    const { findings } = await serverDryRun(kc, [{ object: { apiVersion, kind, metadata: { name: 'w', namespace: 'default' } } }]);
    expect(findings).toHaveLength(1);
    expect(findings[0].rule).toBe('server/unknown-kind');
    expect(findings[0].message).toBe(`the server does not serve ${apiVersion} ${kind}`);
  });

  test('a namespace that neither exists nor is created by the set is an error', async () => {
    const { findings } = await serverDryRun(kc, [{ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'nowhere' } } }]);
    expect(findings.map((f) => f.rule)).toEqual(['server/namespace']);
  });
});
