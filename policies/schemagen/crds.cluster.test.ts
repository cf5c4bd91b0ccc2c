import * as fs from 'fs';
import * as path from 'path';
import { TEST_CLUSTER_RELEASE } from '../../test/cluster/harness';
import { sharedCluster } from '../../test/cluster/shared';
import { presetSchemasDir } from '../schema-dir';
import { SchemaValidator } from '../schema-validator';

// The schema-only CRDs of the test cluster's preset (schemas/<preset>/crds/) must be what a real API server accepts (structural,
// every upstream served version, status subresource kept), and the API server and our validator
// must agree on what is invalid, in every served version.
const cluster = sharedCluster();
const crdsDir = path.join(__dirname, '..', '..', 'schemas', TEST_CLUSTER_RELEASE, 'crds');
const validator = SchemaValidator.for(presetSchemasDir(TEST_CLUSTER_RELEASE));

const notebook = (container: Record<string, unknown>, version = 'v1') => ({
  apiVersion: `kubeflow.org/${version}`, kind: 'Notebook', metadata: { name: 'schema-check', namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'nb', image: 'jupyter', ...container }] } } },
});
const create = (body: { apiVersion: string }) =>
  cluster.client.request('POST', `/apis/${body.apiVersion}/namespaces/default/notebooks?dryRun=All&fieldValidation=Strict`, { body });

describe('schemas/crds on a real API server', () => {
  test('every CRD is installed, Established and structural', async () => {
    const { body } = await cluster.client.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    const conditions = Object.fromEntries(body.items.map((crd: any) => [crd.metadata.name,
      Object.fromEntries((crd.status.conditions ?? []).map((c: any) => [c.type, c.status]))]));
    for (const file of fs.readdirSync(crdsDir)) {
      const name = file.replace(/\.yaml$/, '');
      expect([name, conditions[name]?.Established]).toEqual([name, 'True']);
      expect([name, conditions[name]?.NonStructuralSchema]).toEqual([name, undefined]);
    }
  });

  test('the server and the validator agree: a valid object passes both', async () => {
    const object = notebook({ resources: { limits: { cpu: '2' } } });
    expect(validator.validate({ object })).toEqual([]);
    expect((await create(object)).status).toBe(201);
  });

  test.each([
    ['a bad quantity', { resources: { limits: { cpu: '2 cores' } } }, 'spec.template.spec.containers[0].resources.limits.cpu'],
    ['an unknown field', { imagePullPolicyy: 'Always' }, 'spec.template.spec.containers[0].imagePullPolicyy'],
    ['a wrong type', { ports: [{ containerPort: 'http' }] }, 'spec.template.spec.containers[0].ports[0].containerPort'],
  ])('the server and the validator agree: %s fails both, at the same field', async (_, container, field) => {
    const object = notebook(container);
    expect(validator.validate({ object }).map((f) => f.path)).toEqual([`.${field}`]);
    const res = await create(object);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.message).toContain(field);
  });

  test.each(['v1alpha1', 'v1beta1'])('a served non-storage version (Notebook %s) is served, and validated alike by both', async (version) => {
    const valid = notebook({ resources: { limits: { cpu: '2' } } }, version);
    expect(validator.validate({ object: valid })).toEqual([]);
    expect((await create(valid)).status).toBe(201);
    const invalid = notebook({ imagePullPolicyy: 'Always' }, version);
    expect(validator.validate({ object: invalid }).map((f) => f.path)).toEqual(['.spec.template.spec.containers[0].imagePullPolicyy']);
    const res = await create(invalid);
    expect([res.status, res.body.message]).toEqual([400, expect.stringContaining('spec.template.spec.containers[0].imagePullPolicyy')]);
  });

  test('status can be written through the kept status subresource', async () => {
    const base = '/apis/kubeflow.org/v1/namespaces/default/notebooks';
    const created = await cluster.client.request('POST', base, { body: { ...notebook({}), metadata: { name: 'status-check', namespace: 'default' } } });
    expect(created.status).toBe(201);
    try {
      const res = await cluster.client.request('PUT', `${base}/status-check/status`, { body: { ...created.body, status: { readyReplicas: 1, conditions: [], containerState: {} } } });
      expect(res.status).toBe(200);
      expect(res.body.status.readyReplicas).toBe(1);
    } finally {
      await cluster.client.request('DELETE', `${base}/status-check`);
    }
  });
});
