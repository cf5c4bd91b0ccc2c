import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, manifests, testStack } from '../../test/util';
import { Cpu, Gpu, Size } from '../core';
import { Notebook } from '../notebooks';
import { PyTorchJob } from '../training';
import { Tenant, TenantPlugin, TenantProps, TenantRole } from './tenant';

describe('Tenant', () => {
  test('renders a Profile with owner and quota, and a KFAM-style RoleBinding per contributor', () => {
    const stack = testStack();
    const t = new Tenant(stack, 'TeamA', {
      owner: 'alice@example.com',
      quota: { cpu: Cpu.units(32), memory: Size.gibibytes(128), gpu: Gpu.nvidia(4), storage: Size.tebibytes(1), persistentVolumeClaims: 20, pods: 100 },
      contributors: [{ email: 'bob@example.com' }],
    });
    t.addContributor({ email: 'Carol.X@example.com', role: TenantRole.VIEW });
    expect(t.namespace).toBe('team-a');
    const profile = manifest(stack, 'Profile');
    expect(profile.apiVersion).toBe('kubeflow.org/v1');
    expect(profile.metadata.namespace).toBeUndefined();
    expect(profile.spec).toEqual({
      owner: { kind: 'User', name: 'alice@example.com' },
      resourceQuotaSpec: { hard: {
        'requests.cpu': '32', 'requests.memory': '128Gi', 'requests.nvidia.com/gpu': '4', 'requests.storage': '1Ti', 'persistentvolumeclaims': '20', 'pods': '100',
      } },
    });
    const rb = manifest(stack, 'RoleBinding', 'user-carol-x-example-com-clusterrole-view');
    expect(rb.metadata.namespace).toBe('team-a');
    expect(rb.metadata.annotations).toMatchObject({ role: 'view', user: 'Carol.X@example.com' });
    expect(rb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kubeflow-view' });
    expect(manifests(stack).filter((m) => m.kind === 'RoleBinding')).toHaveLength(2);
    expect(t.contributorList).toEqual([{ email: 'bob@example.com', role: 'edit' }, { email: 'Carol.X@example.com', role: 'view' }]);
    expectSchemaValid(stack);
  });

  test('container defaults: a LimitRange in the namespace, which the quota rule accepts for containers that state nothing', () => {
    const stack = testStack();
    const t = new Tenant(stack, 'TeamA', {
      owner: 'alice@example.com',
      quota: { cpu: Cpu.units(8), memory: Size.gibibytes(32) },
      containerDefaults: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) } },
    });
    expect(manifest(stack, 'LimitRange')).toMatchObject({
      metadata: { name: 'container-defaults', namespace: 'team-a' },
      spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '256Mi' }, default: { memory: '512Mi' } }] },
    });
    expect(t._defaultsMissing).toEqual([]);
    // A job without requests would be rejected under the quota (the rule says so without the defaults); the defaults fill them in.
    new PyTorchJob(stack, 'Job', { tenant: t, worker: { image: 'ghcr.io/example/train:1.0' } });
    expect(policyFindings(stack, 'kubeflow/profile-quota-requests')).toEqual([]);
    const bare = testStack();
    new PyTorchJob(bare, 'Job', { tenant: new Tenant(bare, 'TeamA', { owner: 'alice@example.com', quota: { cpu: Cpu.units(8) } }), worker: { image: 'ghcr.io/example/train:1.0' } });
    expect(policyFindings(bare, 'kubeflow/profile-quota-requests').map((f) => f.message)).toEqual([expect.stringContaining('sets no request for cpu')]);
    expectSchemaValid(stack);
    expect(new Tenant(testStack(), 'B', { owner: 'b@example.com', quota: { cpu: Cpu.units(1), memory: Size.gibibytes(1) } })._defaultsMissing).toEqual(['requests.cpu', 'requests.memory']);
    // The same keys as the quota rule's, bare `cpu` given through `other` included.
    expect(new Tenant(testStack(), 'D', { owner: 'd@example.com', quota: { other: { cpu: '4' } } })._defaultsMissing).toEqual(['cpu']);
    expect(constructError(() => new Tenant(testStack(), 'C', { owner: 'c@example.com', containerDefaults: {} })).message).toMatch(/containerDefaults: gives no request or limit/);
  });

  test('contributor emails with characters a name cannot hold still give valid RoleBinding names', () => {
    const stack = testStack();
    new Tenant(stack, 'team', { owner: 'a@b.co', contributors: [{ email: 'First_Last+ml@Example.org' }] });
    expect(manifest(stack, 'RoleBinding').metadata.name).toBe('user-first-last-ml-example-org-clusterrole-edit');
    expectSchemaValid(stack);
  });

  test('a zero GPU quota forbids GPUs instead of failing', () => {
    const stack = testStack();
    new Tenant(stack, 'cpu-only', { owner: 'a@b.co', quota: { gpu: Gpu.nvidia(0) } });
    expect(manifest(stack, 'Profile').spec.resourceQuotaSpec.hard).toEqual({ 'requests.nvidia.com/gpu': '0' });
  });

  test('namespace labels: emits the Namespace the profile controller adopts, once, only when asked', () => {
    const stack = testStack();
    const t = new Tenant(stack, 'TeamA', { owner: 'alice@example.com' });
    expect(manifests(stack).filter((m) => m.kind === 'Namespace')).toHaveLength(0);
    t.addNamespaceLabel('katib.kubeflow.org/metrics-collector-injection', 'enabled');
    t.addNamespaceLabel('katib.kubeflow.org/metrics-collector-injection', 'enabled');
    t.addNamespaceLabel('pipelines.kubeflow.org/enabled', 'true');
    const ns = manifest(stack, 'Namespace');
    expect(ns.metadata.name).toBe('team-a');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.metadata.labels).toMatchObject({
      'app.kubernetes.io/part-of': 'kubeflow-profile',
      'katib.kubeflow.org/metrics-collector-injection': 'enabled',
      'pipelines.kubeflow.org/enabled': 'true',
    });
    expect(ns.metadata.annotations).toMatchObject({ owner: 'alice@example.com' });
    expect(ns.metadata.annotations['argocd.argoproj.io/sync-options']).toBeUndefined(); // GitOps is not the tenant's business: see gitops/
    expectSchemaValid(stack);
    // The profile controller adopts the Namespace only when its owner annotation names the profile's owner.
    expect(policyFindings(stack, 'kubeflow/')).toEqual([]);
    expect(constructError(() => t.addNamespaceLabel('pipelines.kubeflow.org/enabled', 'false')).problem).toContain('is already "true"');
    expect(constructError(() => t.addNamespaceLabel('bad key!', 'x')).problem).toBe('"bad key!" is not a valid label key');
    expect(constructError(() => t.addNamespaceLabel('ok', '-bad')).problem).toBe('label value "-bad" is not valid');
    expect(constructError(() => t.addNamespaceLabel('ok', '-bad')).field).toBe('namespaceLabels.ok');
  });

  test('with platform/quota-fit on, what the tenant runs beyond its quota is a synth finding on the Tenant', () => {
    const stack = testStack({ namespace: 'team', policies: { rules: { 'platform/quota-fit': 'error' } } });
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co', quota: { cpu: Cpu.units(8), gpu: Gpu.nvidia(1) } });
    new Notebook(stack, 'a', { tenant, resources: { cpu: { request: Cpu.units(2) }, memory: { request: Size.gibibytes(8) }, gpu: Gpu.nvidia(1) } });
    new Notebook(stack, 'b', { tenant, resources: { cpu: { request: Cpu.units(2) }, memory: { request: Size.gibibytes(8) }, gpu: Gpu.nvidia(1) } });
    expect(policyFindings(stack, 'platform/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([[
      'platform/quota-fit', 'test/ml', '.spec.resourceQuotaSpec.hard["requests.nvidia.com/gpu"]',
      'the namespace\'s objects need 2 of requests.nvidia.com/gpu, but the quota allows 1: always on 2: notebook a 1, notebook b 1',
    ]]);
    // Off by default, like every platform policy.
    const plain = testStack();
    new Notebook(plain, 'a', { tenant: new Tenant(plain, 'ml', { owner: 'a@b.co', quota: { gpu: Gpu.nvidia(0) } }), resources: { gpu: Gpu.nvidia(1) } });
    expect(policyFindings(plain, 'platform/')).toEqual([]);
  });

  test('two emails that give the same RoleBinding name are an error at once, naming both', () => {
    for (const [a, b] of [['Bob@x.co', 'bob@x.co'], ['a.b@x.co', 'a-b@x.co']]) {
      const t = new Tenant(testStack(), 'team', { owner: 'o@x.co', contributors: [{ email: a }] });
      const e = constructError(() => t.addContributor({ email: b, role: TenantRole.VIEW }));
      expect(e.field).toBe('contributors');
      expect(e.problem).toBe(`${b} and ${a} give the same RoleBinding name "user-${a.toLowerCase().replace(/[@.]/g, '-')}-clusterrole-…"`);
    }
  });

  test.each([
    [{ owner: 'not-an-email' }, 'owner', 'is not an email address'],
    [{ owner: 'a@b.co', name: 'Team_A' }, 'name', 'is not a valid DNS-1123 label'],
    [{ owner: 'a@b.co', quota: { gpu: Gpu.nvidia(1.5) } }, 'quota.gpu', 'GPU count must be a whole number ≥ 1, got 1.5'],
    [{ owner: 'a@b.co', quota: { pods: -1 } }, 'quota.pods', 'must be a whole number ≥ 0'],
    [{ owner: 'a@b.co', quota: { cpu: Cpu.units(0) } }, 'quota.cpu', 'must be greater than zero, got 0'],
    [{ owner: 'a@b.co', quota: { memory: Size.gibibytes(0) } }, 'quota.memory', 'must be greater than zero, got 0'],
    [{ owner: 'a@b.co', quota: { storage: Size.mebibytes(0) } }, 'quota.storage', 'must be greater than zero, got 0'],
    [{ owner: 'a@b.co', contributors: [{ email: 'a@b.co' }] }, 'contributors', 'is the owner'],
    [{ owner: 'a@b.co', contributors: [{ email: 'x@b.co' }, { email: 'x@b.co', role: TenantRole.VIEW }] }, 'contributors', 'listed twice'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => new Tenant(testStack(), 'team', props));
    expect(e.constructPath).toBe('test/team');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('cloud credentials for the tenant\'s service account: AWS IAM roles for service accounts and GCP Workload Identity', () => {
    const stack = testStack();
    new Tenant(stack, 'team-a', {
      owner: 'alice@example.com',
      plugins: [
        TenantPlugin.awsIamForServiceAccount({ roleArn: 'arn:aws:iam::123456789012:role/kubeflow/team-a', annotateOnly: true }),
        TenantPlugin.gcpWorkloadIdentity('team-a@ml-project.iam.gserviceaccount.com'),
      ],
    });
    expect(manifest(stack, 'Profile').spec.plugins).toEqual([
      { kind: 'AwsIamForServiceAccount', spec: { awsIamRole: 'arn:aws:iam::123456789012:role/kubeflow/team-a', annotateOnly: true } },
      { kind: 'WorkloadIdentity', spec: { gcpServiceAccount: 'team-a@ml-project.iam.gserviceaccount.com' } },
    ]);
    expectSchemaValid(stack);
  });

  test('limits and any other ResourceQuota entry', () => {
    const stack = testStack();
    new Tenant(stack, 'team-a', {
      owner: 'alice@example.com',
      quota: { cpu: Cpu.units(16), cpuLimit: Cpu.units(32), memoryLimit: Size.gibibytes(256), other: { 'count/jobs.batch': '20', 'services.loadbalancers': '0', 'requests.amd.com/gpu': '2' } },
    });
    expect(manifest(stack, 'Profile').spec.resourceQuotaSpec.hard).toEqual({
      'requests.cpu': '16', 'limits.cpu': '32', 'limits.memory': '256Gi', 'count/jobs.batch': '20', 'services.loadbalancers': '0', 'requests.amd.com/gpu': '2',
    });
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<TenantProps>, string, string]>([
    ['a malformed role ARN', { plugins: [TenantPlugin.awsIamForServiceAccount({ roleArn: 'arn:aws:iam::1234:user/alice' })] }, 'plugins[0].roleArn',
      '"arn:aws:iam::1234:user/alice" is not an IAM role ARN'],
    ['a Google account that is not a service account', { plugins: [TenantPlugin.gcpWorkloadIdentity('alice@example.com')] }, 'plugins[0].gcpServiceAccount',
      '"alice@example.com" is not a Google service account of the form <name>@<project>.iam.gserviceaccount.com'],
    ['two plugins of one kind', { plugins: [TenantPlugin.gcpWorkloadIdentity('a@p-1.iam.gserviceaccount.com'), TenantPlugin.gcpWorkloadIdentity('b@p-1.iam.gserviceaccount.com')] },
      'plugins[1]', 'is a second WorkloadIdentity plugin'],
    ['a zero CPU limit', { quota: { cpuLimit: Cpu.units(0) } }, 'quota.cpuLimit', 'must be greater than zero, got 0'],
    ['another entry that is not a quantity', { quota: { other: { 'count/jobs.batch': 'twenty' } } }, 'quota.other.count/jobs.batch', '"twenty" is not a quantity'],
    ['another entry with a bad name', { quota: { other: { 'count jobs': '1' } } }, 'quota.other.count jobs', '"count jobs" is not a resource name'],
    ['another entry a typed field sets', { quota: { pods: 10, other: { pods: '20' } } }, 'quota.other.pods', 'is set by another quota field too'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new Tenant(testStack(), 'team-a', { owner: 'a@b.co', ...props }));
    expect([e.constructPath, e.field]).toEqual(['test/team-a', field]);
    expect(e.problem).toContain(problem);
  });
});
