import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { EnvValue, Probe, ProjectedSource, Volume } from '../core';
import { EnvFrom, PodDefault, PodDefaultProps } from './pod-default';
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
    expect(pd.selectorLabels).toEqual({ 's3-access': 'true' });
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
    expect(Object.keys(new PodDefault(testStack(), 'pd', { name: 'p'.repeat(63), description: 'x' }).selectorLabels)[0]).toHaveLength(63);
  });

  test('a selector of its own, and every other field the PodDefault CRD has', () => {
    const stack = testStack();
    const pd = new PodDefault(stack, 'gpu-team', {
      description: 'GPU team defaults',
      selector: {
        matchLabels: { team: 'vision' },
        matchExpressions: [{ key: 'accelerator', operator: 'In', values: ['a100', 'h100'] }, { key: 'tier', operator: 'NotIn', values: ['dev'] }, { key: 'gpu', operator: 'Exists' }],
      },
      envFrom: [EnvFrom.configMap('team-settings'), EnvFrom.secret('s3-creds', { prefix: 'S3_', optional: true })],
      volumes: [Volume.fromConfigMap('pip-conf')],
      imagePullSecrets: ['registry-creds'],
      automountServiceAccountToken: false,
      command: ['/bin/sh', '-c'],
      args: ['exec jupyter lab'],
    });
    expect(pd.selectorLabels).toEqual({ team: 'vision', accelerator: 'a100', gpu: 'true' });
    expect(manifest(stack, 'PodDefault').spec).toEqual({
      desc: 'GPU team defaults',
      selector: {
        matchLabels: { team: 'vision' },
        matchExpressions: [{ key: 'accelerator', operator: 'In', values: ['a100', 'h100'] }, { key: 'tier', operator: 'NotIn', values: ['dev'] }, { key: 'gpu', operator: 'Exists' }],
      },
      envFrom: [{ configMapRef: { name: 'team-settings' } }, { prefix: 'S3_', secretRef: { name: 's3-creds', optional: true } }],
      volumes: [{ name: 'pip-conf', configMap: { name: 'pip-conf' } }],
      imagePullSecrets: [{ name: 'registry-creds' }],
      automountServiceAccountToken: false,
      command: ['/bin/sh', '-c'],
      args: ['exec jupyter lab'],
    });
    expectSchemaValid(stack);
    // Not one the notebook form can apply: synth says so, as a warning.
    expect(policyFindings(stack, 'kubeflow/').map((f) => [f.severity, f.rule])).toEqual([['warning', 'kubeflow/poddefault-selector']]);
  });

  test('an In value excluded by a NotIn is skipped when choosing the labels that select it', () => {
    const pd = new PodDefault(testStack(), 'pd', { description: 'x', selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'zone', operator: 'NotIn', values: ['a'] }] } });
    expect(pd.selectorLabels).toEqual({ zone: 'b' });
  });

  test('an existing PodDefault is selected by its own labels', () => {
    const stack = testStack();
    expect(PodDefault.fromName(stack, 'A', 'access-ml-pipeline', { namespace: 'team' }).selectorLabels).toEqual({ 'access-ml-pipeline': 'true' });
    expect(PodDefault.fromName(stack, 'B', 'gpu', { namespace: 'team', selectorLabels: { pool: 'gpu' } }).selectorLabels).toEqual({ pool: 'gpu' });
    expect(constructError(() => PodDefault.fromName(stack, 'C', 'x', { namespace: 'team', selectorLabels: { 'bad key!': 'x' } })).field).toBe('selectorLabels.bad key!');
  });

  test.each<[string, Partial<PodDefaultProps>, string, string]>([
    ['a selector operator that does not exist', { selector: { matchExpressions: [{ key: 'a', operator: 'Equals' as never, values: ['x'] }] } }, 'selector.matchExpressions[0].operator', '"Equals" is not a selector operator'],
    ['In without values', { selector: { matchExpressions: [{ key: 'a', operator: 'In' }] } }, 'selector.matchExpressions[0].values', 'is empty; operator In needs at least one value'],
    ['Exists with values', { selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] } }, 'selector.matchExpressions[0].values', 'is set; operator Exists takes no values'],
    ['a bad selector key', { selector: { matchLabels: { 'a b': 'x' } } }, 'selector.matchLabels.a b', 'is not a valid label key'],
    ['a bad selector value', { selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['not ok'] }] } }, 'selector.matchExpressions[0].values.a', 'label value "not ok" is not valid'],
    ['a selector no pod meets', { selector: { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] } }, 'selector',
      'selects no pod: no labels meet both "team DoesNotExist" and the selector\'s other requirements on "team"'],
    ['a bad envFrom name', { envFrom: [EnvFrom.secret('S3_Creds')] }, 'envFrom[0].name', 'is not a valid DNS-1123 subdomain'],
    ['a bad envFrom prefix', { envFrom: [EnvFrom.configMap('c', { prefix: '1X' })] }, 'envFrom[0].prefix.1X', 'is not a valid environment variable name'],
    ['a bad image pull secret', { imagePullSecrets: ['Registry'] }, 'imagePullSecrets', 'is not a valid DNS-1123 subdomain'],
    ['two volumes of one name', { volumes: [Volume.fromConfigMap('a', { name: 'v' })], mounts: [{ volume: Volume.fromSecret('b', { name: 'v' }), path: '/b' }] }, 'volumes',
      'two different volumes are named "v"'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new PodDefault(testStack(), 'pd', { description: 'x', ...props }));
    expect([e.constructPath, e.field]).toEqual(['test/pd', field]);
    expect(e.problem).toContain(problem);
  });
});

describe('PodDefault containers', () => {
  test('init containers and sidecars, validated and hardened like a pod\'s own, their volumes declared', () => {
    const stack = testStack();
    const token = Volume.projected('vault-token', [ProjectedSource.serviceAccountToken({ path: 'token', audience: 'vault' })]);
    new PodDefault(stack, 'Vault', {
      description: 'Vault agent',
      initContainers: [{ name: 'vault-init', image: 'hashicorp/vault:1.17', args: ['agent', '-exit-after-auth'], mounts: [{ volume: token, path: '/var/run/secrets/vault' }] }],
      sidecars: [{ name: 'vault-agent', image: 'hashicorp/vault:1.17', args: ['agent'], mounts: [{ volume: token, path: '/var/run/secrets/vault' }] }],
    });
    const spec = manifest(stack, 'PodDefault').spec;
    expect(spec.initContainers).toMatchObject([{ name: 'vault-init', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }]);
    expect(spec.sidecars).toMatchObject([{ name: 'vault-agent' }]);
    expect(spec.sidecars[0].restartPolicy).toBeUndefined();
    expect(spec.volumes).toEqual([{ name: 'vault-token', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault' } }] } }]);
    expectSchemaValid(stack);
  });

  test('container names are unique; an init container takes no probes', () => {
    const c = { name: 'x', image: 'busybox:1.36' };
    expect(constructError(() => new PodDefault(testStack(), 'P', { description: 'p', initContainers: [c], sidecars: [c] })).field).toBe('sidecars[0].name');
    expect(constructError(() => new PodDefault(testStack(), 'P', { description: 'p', initContainers: [{ ...c, liveness: Probe.fromCommand(['true']) }] })).field)
      .toBe('initContainers[0].liveness');
  });
});
