import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { EnvValue, Volume } from '../core';
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
    // Its selector is the one the notebook UI offers and applies: `<name>: "true"`.
    expect(policyFindings(stack, 'kubeflow/')).toEqual([]);
  });

  test('with platform/secret-env on, a literal secret in its env is a synth finding on the PodDefault', () => {
    const stack = testStack({ namespace: 'team', policies: { rules: { 'platform/secret-env': 'error' } } });
    new PodDefault(stack, 'S3Access', { description: 'S3', env: { AWS_ACCESS_KEY_ID: EnvValue.fromSecret('s3', 'id'), AWS_SECRET_ACCESS_KEY: 'abc123' } });
    expect(policyFindings(stack, 'platform/').map((f) => [f.rule, f.construct, f.path])).toEqual([['platform/secret-env', 'test/S3Access', '.spec.env[1].value']]);
  });

  test('falls back to the stack namespace; errors without any namespace or with a conflicting one', () => {
    expect(new PodDefault(testStack(), 'pd', { description: 'x' }).namespace).toBe('team');
    expect(constructError(() => new PodDefault(testStack({}), 'pd', { description: 'x' })).field).toBe('namespace');
    const stack = testStack();
    const tenant = new Tenant(stack, 'a', { owner: 'a@b.co' });
    expect(constructError(() => new PodDefault(stack, 'pd', { description: 'x', tenant, namespace: 'b' })).problem).toContain('differs from the tenant');
    expect(constructError(() => new PodDefault(stack, 'pd2', { description: ' ' })).field).toBe('description');
  });

  test('tolerations get the same default operator as a pod\'s', () => {
    const stack = testStack();
    new PodDefault(stack, 'gpu', { description: 'x', tolerations: [{ key: 'dedicated' }, { key: 'pool', value: 'ml', effect: 'NoSchedule' }] });
    expect(manifest(stack, 'PodDefault').spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Exists' },
      { key: 'pool', value: 'ml', effect: 'NoSchedule', operator: 'Equal' },
    ]);
  });

  // The webhook injects these into pods at creation: unchecked, they would surface only as pods the API server rejects.
  test.each([
    [{ env: { '1BAD': 'x' } }, 'env.1BAD', '"1BAD" is not a valid environment variable name'],
    [{ mounts: [{ volume: Volume.fromSecret('s'), path: 'secrets' }] }, 'mounts', 'mount path "secrets" of volume "s" is not absolute'],
    [{ mounts: [{ volume: Volume.fromSecret('a', { name: 'v' }), path: '/a' }, { volume: Volume.fromConfigMap('b', { name: 'v' }), path: '/b' }] }, 'volumes', 'two different volumes are named "v"'],
    [{ labels: { 'bad key!': 'x' } }, 'labels.bad key!', '"bad key!" is not a valid label key'],
    [{ annotations: { 'a/b/c': 'x' } }, 'annotations.a/b/c', '"a/b/c" is not a valid annotation key'],
    [{ serviceAccountName: 'Bad_SA' }, 'serviceAccountName', 'is not a valid DNS-1123 subdomain'],
    [{ tolerations: [{ key: 'k', operator: 'Exists' as const, value: 'v' }] }, 'tolerations', 'toleration "k" has operator Exists and a value'],
    [{ tolerations: [{ tolerationSeconds: 60, effect: 'NoSchedule' as const }] }, 'tolerations', 'has tolerationSeconds but effect NoSchedule'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => new PodDefault(testStack(), 'pd', { description: 'x', ...props }));
    expect(e.constructPath).toBe('test/pd');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('the name is at most 63 characters: it is the label that selects pods (and the instance label)', () => {
    const e = constructError(() => new PodDefault(testStack(), 'pd', { name: 'p'.repeat(64), description: 'x' }));
    expect(e.field).toBe('name');
    expect(e.problem).toContain('is 64 characters long; at most 63 are allowed');
    expect(new PodDefault(testStack(), 'pd', { name: 'p'.repeat(63), description: 'x' }).selectorLabel.key).toHaveLength(63);
  });
});
