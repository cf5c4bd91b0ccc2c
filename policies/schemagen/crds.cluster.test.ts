import * as fs from 'fs';
import * as path from 'path';
import { sharedCluster } from '../../test/cluster/shared';
import { SchemaValidator } from '../schema-validator';

// The schema-only CRDs in schemas/crds/ must be what a real API server accepts (structural,
// one served+storage version, status subresource kept), and the API server and our validator
// must agree on what is invalid.
const cluster = sharedCluster();
const crdsDir = path.join(__dirname, '..', '..', 'schemas', 'crds');
const validator = SchemaValidator.for();

const notebook = (container: Record<string, unknown>) => ({
  apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'schema-check', namespace: 'default' },
  spec: { template: { spec: { containers: [{ name: 'nb', image: 'jupyter', ...container }] } } },
});
const create = (body: object) =>
  cluster.client.request('POST', '/apis/kubeflow.org/v1/namespaces/default/notebooks?dryRun=All&fieldValidation=Strict', { body });

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
