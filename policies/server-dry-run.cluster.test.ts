import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesize } from '../cli/synthesize';
import { ManifestSource } from '../manifest';
import { buildApp } from '../stacks/main';
import { expectOk } from '../test/cluster/client';
import { objectPaths, objectStates } from '../test/cluster/object-state';
import { serviceAccountKubeconfig } from '../test/cluster/service-account';
import { sharedCluster } from '../test/cluster/shared';
import { loadKubeConfig } from './kube-client';
import { serverDryRun } from './server-dry-run';

const cluster = sharedCluster();
const kc = loadKubeConfig(cluster.kubeconfigPath);

const pvc = (name: string, spec: Record<string, unknown>): ManifestSource => ({
  file: `dev/default/persistentvolumeclaim-${name}.yaml`,
  object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec },
});

describe('server-side dry run against a real API server', () => {
  test('the default stack passes, and the cluster is unchanged afterwards', async () => {
    // The Argo CD objects of dist/gitops/ go to Argo CD's namespace, which installing Argo CD creates.
    await cluster.client.ensureNamespace('argocd');
    const { sources } = synthesize(buildApp());
    // What the dry run was sent, where it was sent (other test files make objects of their own meanwhile).
    const sent = objectPaths(sources.map((s) => s.object));
    const before = await objectStates(cluster.client, sent);
    const result = await serverDryRun(kc, sources);
    expect(result.findings).toEqual([]);
    expect(result.checked).toBe(sources.length);
    // Tenant namespaces are made by the profile controller, which a bare API server lacks: those objects are checked in `default`.
    const tenantNamespaces = new Set(sources.filter((s) => s.object.kind === 'Profile' || s.object.kind === 'Namespace').map((s) => s.object.metadata?.name));
    expect(result.retargeted).toBe(sources.filter((s) => tenantNamespaces.has(s.object.metadata?.namespace)).length);
    expect(result.retargeted).toBeGreaterThan(0);
    expect(await objectStates(cluster.client, sent)).toEqual(before);
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

describe('server-side dry run: what the server says, and what to do about it', () => {
  const configMap = (name: string, labels: Record<string, string> = {}): ManifestSource => ({
    file: `dev/default/configmap-${name}.yaml`,
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels }, data: { a: 'b' } },
  });

  test.each([['Lab_1', 'lab-1'], ['UPPER', 'upper'], ['a/b', 'a-b']])('a name the server cannot address (%s) is reported as such, not sent', async (name, suggestion) => {
    const { findings } = await serverDryRun(kc, [configMap(name)]);
    expect(findings).toEqual([expect.objectContaining({
      rule: 'server/invalid-name', path: '.metadata.name',
      message: `"${name}" is not a valid name: the API server accepts lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters (some kinds allow only 63 and no ".")`,
      fix: `rename it, e.g. "${suggestion}"`,
    })]);
  });

  test('403: an identity without RBAC is told which object it may not create, and how to check', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sa-'));
    try {
      const kubeconfig = await serviceAccountKubeconfig(cluster.client, cluster.kubeconfigPath, 'default', 'no-rights', path.join(dir, 'kubeconfig'));
      const { findings } = await serverDryRun(loadKubeConfig(kubeconfig), [configMap('settings')]);
      expect(findings).toEqual([expect.objectContaining({
        rule: 'server/forbidden', resource: 'v1 ConfigMap default/settings',
        message: expect.stringContaining('User "system:serviceaccount:default:no-rights" cannot patch resource "configmaps"'),
        fix: 'the kubeconfig\'s user may not apply this ConfigMap in namespace "default": it needs patch and create on configmaps (check with `kubectl auth can-i patch configmaps --namespace default`), or the admission policy the message names denied it',
      })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('5xx: an admission webhook that cannot be reached is named, with the HTTP status', async () => {
    const hook = {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'unreachable-test-hook' },
      webhooks: [{
        name: 'deny.example.com', admissionReviewVersions: ['v1'], sideEffects: 'NoneOnDryRun', failurePolicy: 'Fail', timeoutSeconds: 2,
        clientConfig: { url: 'https://127.0.0.1:1/validate' }, // nothing listens on port 1
        objectSelector: { matchLabels: { 'test.cdk8s-kubeflow.io/webhook': 'down' } }, // only this test's object
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['configmaps'] }],
      }],
    };
    expectOk(await cluster.client.post('/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', hook), 'create webhook');
    try {
      const { findings } = await serverDryRun(kc, [configMap('hooked', { 'test.cdk8s-kubeflow.io/webhook': 'down' })]);
      expect(findings).toEqual([expect.objectContaining({
        rule: 'server/internalerror',
        message: expect.stringMatching(/failed calling webhook "deny\.example\.com".*\(HTTP 500\)$/),
        fix: 'the admission webhook "deny.example.com" could not be reached (a dry run calls webhooks too): check that its Deployment and Service run in the cluster',
      })]);
    } finally {
      await cluster.client.delete('/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/unreachable-test-hook');
    }
  });
});
