import { EnvValue, Volume } from '../core';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { PodDefault } from './pod-default';
import { Tenant } from './tenant';

describe('PodDefault', () => {
  test('selects pods by its own name label and injects env and volumes', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'team-a', { owner: 'a@b.co' });
    const pd = new PodDefault(stack, 'S3Access', {
      tenant,
      description: 'S3 credentials',
      env: { AWS_ACCESS_KEY_ID: EnvValue.fromSecret('s3', 'id') },
      mounts: [{ volume: Volume.fromSecret('gcp-sa'), path: '/secrets/gcp', readOnly: true }],
      annotations: { 'sidecar.istio.io/inject': 'false' },
    });
    expect(pd.selectorLabel).toEqual({ key: 's3-access', value: 'true' });
    const m = manifest(stack, 'PodDefault');
    expect(m.metadata).toMatchObject({ name: 's3-access', namespace: 'team-a' });
    expect(m.spec).toEqual({
      desc: 'S3 credentials',
      selector: { matchLabels: { 's3-access': 'true' } },
      env: [{ name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 's3', key: 'id' } } }],
      volumes: [{ name: 'gcp-sa', secret: { secretName: 'gcp-sa' } }],
      volumeMounts: [{ name: 'gcp-sa', mountPath: '/secrets/gcp', readOnly: true }],
      annotations: { 'sidecar.istio.io/inject': 'false' },
    });
    expectSchemaValid(stack);
  });

  test('falls back to the stack namespace; errors without any namespace or with a conflicting one', () => {
    expect(new PodDefault(testStack(), 'pd', { description: 'x' }).namespace).toBe('team');
    expect(constructError(() => new PodDefault(testStack({}), 'pd', { description: 'x' })).field).toBe('namespace');
    const stack = testStack();
    const tenant = new Tenant(stack, 'a', { owner: 'a@b.co' });
    expect(constructError(() => new PodDefault(stack, 'pd', { description: 'x', tenant, namespace: 'b' })).problem).toContain('differs from the tenant');
    expect(constructError(() => new PodDefault(stack, 'pd2', { description: ' ' })).field).toBe('description');
  });

  test('the name is at most 63 characters: it is the label that selects pods (and the instance label)', () => {
    const e = constructError(() => new PodDefault(testStack(), 'pd', { name: 'p'.repeat(64), description: 'x' }));
    expect(e.field).toBe('name');
    expect(e.problem).toContain('is 64 characters long; at most 63 are allowed');
    expect(new PodDefault(testStack(), 'pd', { name: 'p'.repeat(63), description: 'x' }).selectorLabel.key).toHaveLength(63);
  });
});
