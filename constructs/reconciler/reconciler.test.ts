import { App, Testing } from 'cdk8s';
import { INVENTORY_CRD, LABELS } from '../../manifest';
import { constructError, manifest, manifests } from '../../test/util';
import { Stack } from '../core';
import { Notebook } from '../notebooks';
import { Reconciler, ReconcilerProps } from './reconciler';

/** An app with a notebooks stack (one Notebook and its workspace claim) and a reconciler stack. */
function build(props: ReconcilerProps | ((nb: Stack) => ReconcilerProps) = {}): { app: App; nb: Stack; stack: Stack; reconciler: Reconciler } {
  const app = Testing.app();
  const nb = new Stack(app, 'notebooks', { namespace: 'team' });
  new Notebook(nb, 'Lab');
  const stack = new Stack(app, 'reconciler');
  const reconciler = new Reconciler(stack, 'Reconciler', typeof props === 'function' ? props(nb) : props);
  return { app, nb, stack, reconciler };
}

describe('Reconciler', () => {
  test('a reconciler for a notebooks stack reads exactly notebooks, their claims and Inventories; writes only Inventory status and Events', () => {
    const { nb, stack } = build((s) => ({ stacks: [s] }));
    expect([...new Set(manifests(nb).map((m) => m.kind))].sort()).toEqual(['Notebook', 'PersistentVolumeClaim']);
    expect(manifest(stack, 'ClusterRole').rules).toEqual([
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['cdk8s-kubeflow.io'], resources: ['inventories'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['kubeflow.org'], resources: ['notebooks'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['cdk8s-kubeflow.io'], resources: ['inventories/status'], verbs: ['patch'] },
      { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
    ]);
  });

  test('by default it reads the kinds of every stack of the app, its own included', () => {
    const { stack } = build();
    const read = Object.fromEntries(manifest(stack, 'ClusterRole').rules.filter((r: any) => r.verbs.includes('get')).map((r: any) => [r.apiGroups[0], r.resources]));
    expect(read).toEqual({
      '': ['namespaces', 'persistentvolumeclaims', 'serviceaccounts', 'services'],
      'apiextensions.k8s.io': ['customresourcedefinitions'],
      'apps': ['deployments'],
      'cdk8s-kubeflow.io': ['inventories'],
      'kubeflow.org': ['notebooks'],
      'rbac.authorization.k8s.io': ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'],
    });
  });

  test('nothing but reads, its own status and Events cluster-wide: no secrets, no write verb on a tracked kind', () => {
    const { stack } = build();
    const rules: any[] = manifest(stack, 'ClusterRole').rules;
    expect(rules.flatMap((r) => r.resources).filter((r: string) => r === 'secrets' || r === '*')).toEqual([]);
    expect(rules.flatMap((r) => r.apiGroups).filter((g: string) => g === '*')).toEqual([]);
    const writes = rules.filter((r) => r.verbs.some((v: string) => !['get', 'list', 'watch'].includes(v)));
    expect(writes.map((r) => [r.apiGroups, r.resources, r.verbs])).toEqual([
      [['cdk8s-kubeflow.io'], ['inventories/status'], ['patch']],
      [['events.k8s.io'], ['events'], ['create', 'patch']],
    ]);
    expect(rules.every((r) => r.resourceNames === undefined)).toBe(true);
  });

  test('the Lease Role: create leases, and get/update only its own Lease, in its namespace; bound to its ServiceAccount', () => {
    const { stack } = build({ name: 'research-reconciler', namespace: 'ops' });
    const role = manifest(stack, 'Role');
    expect(role.metadata).toMatchObject({ name: 'research-reconciler', namespace: 'ops' });
    expect(role.rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['research-reconciler'], verbs: ['get', 'update'] },
    ]);
    const subjects = [{ kind: 'ServiceAccount', name: 'research-reconciler', namespace: 'ops' }];
    expect(manifest(stack, 'RoleBinding')).toMatchObject({ metadata: { namespace: 'ops' }, roleRef: { kind: 'Role', name: 'research-reconciler' }, subjects });
    expect(manifest(stack, 'ClusterRoleBinding')).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'research-reconciler' }, subjects });
    expect(manifest(stack, 'ServiceAccount').metadata).toMatchObject({ name: 'research-reconciler', namespace: 'ops' });
    expect(manifest(stack, 'Namespace').metadata.name).toBe('ops');
  });

  test('the Deployment: non-root, read-only root file system, probes on /healthz and /readyz at its port, its arguments and POD_NAME', () => {
    const { stack } = build({ port: 9090, stackSelector: 'team=research', replicas: 3, image: 'registry.example.com/reconciler:1.0.0' });
    const deployment = manifest(stack, 'Deployment');
    expect(deployment.metadata).toMatchObject({ name: 'cdk8s-kubeflow-reconciler', namespace: 'cdk8s-kubeflow' });
    expect(deployment.spec.replicas).toBe(3);
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe('cdk8s-kubeflow-reconciler');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.containers).toHaveLength(1);
    const [c] = pod.containers;
    expect(c.image).toBe('registry.example.com/reconciler:1.0.0');
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(c.ports).toEqual([{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
    expect(c.args).toEqual(['reconcile', '--namespace', 'cdk8s-kubeflow', '--port', '9090', '--lease-name', 'cdk8s-kubeflow-reconciler', '--stacks', 'team=research']);
    expect(c.env).toEqual([{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
    // The selector picks its pods only, by the labels every object gets.
    expect(deployment.spec.selector.matchLabels).toEqual({ [LABELS.name]: 'reconciler', [LABELS.instance]: 'cdk8s-kubeflow-reconciler' });
    expect(deployment.spec.template.metadata.labels).toEqual(deployment.spec.selector.matchLabels);
  });

  test('defaults: 2 replicas, the package image, port 8080, no --stacks', () => {
    const { stack } = build();
    const deployment = manifest(stack, 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    const [c] = deployment.spec.template.spec.containers;
    expect(c.image).toMatch(/^ghcr\.io\/example\/cdk8s-kubeflow:\d+\.\d+\.\d+/);
    expect(c.args).toEqual(['reconcile', '--namespace', 'cdk8s-kubeflow', '--port', '8080', '--lease-name', 'cdk8s-kubeflow-reconciler']);
  });

  test('a Service for its metrics, selecting its pods', () => {
    const { stack } = build({ port: 9090 });
    const service = manifest(stack, 'Service');
    expect(service.metadata).toMatchObject({ name: 'cdk8s-kubeflow-reconciler', namespace: 'cdk8s-kubeflow' });
    expect(service.spec).toEqual({
      selector: manifest(stack, 'Deployment').spec.selector.matchLabels,
      ports: [{ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' }],
    });
  });

  test('emits the Inventory CRD exactly as manifest/ defines it', () => {
    const { stack } = build();
    const crd = manifest(stack, 'CustomResourceDefinition');
    expect({ apiVersion: crd.apiVersion, kind: crd.kind, name: crd.metadata.name, spec: crd.spec })
      .toEqual({ apiVersion: INVENTORY_CRD.apiVersion, kind: INVENTORY_CRD.kind, name: INVENTORY_CRD.metadata!.name, spec: INVENTORY_CRD.spec });
    expect(crd.metadata.namespace).toBeUndefined();
  });

  test('exposes its Deployment and ClusterRole', () => {
    const { reconciler } = build();
    expect(reconciler.apiObject.kind).toBe('Deployment');
    expect(reconciler.clusterRole.kind).toBe('ClusterRole');
    expect({ name: reconciler.name, namespace: reconciler.namespace }).toEqual({ name: 'cdk8s-kubeflow-reconciler', namespace: 'cdk8s-kubeflow' });
  });

  describe('bad props name the construct, the field, the problem and the fix', () => {
    const cases: Array<[string, (nb: Stack) => ReconcilerProps, string, RegExp, RegExp]> = [
      ['a bad image', () => ({ image: 'Not An Image' }), 'image', /"Not An Image" is not a valid image reference/, /registry\/repository:tag/],
      ['a bad name', () => ({ name: 'My_Reconciler' }), 'name', /"My_Reconciler" is not a valid/, /rename it, e\.g\. "my-reconciler"/],
      ['a bad namespace', () => ({ namespace: 'Ops!' }), 'namespace', /"Ops!" is not a valid/, /rename it/],
      ['replicas < 1', () => ({ replicas: 0 }), 'replicas', /must be a whole number ≥ 1, got 0/, /give 2/],
      ['fractional replicas', () => ({ replicas: 1.5 }), 'replicas', /got 1\.5/, /give 2/],
      ['a privileged port', () => ({ port: 80 }), 'port', /from 1024 to 65535 .*got 80/, /8080/],
      ['an invalid label selector', () => ({ stackSelector: 'team in (ml' }), 'stackSelector', /"team in \(ml" is not a label selector: its parentheses are unbalanced/, /team=research/],
      ['a selector with a bad value', () => ({ stackSelector: 'team=a b' }), 'stackSelector', /is not a label selector: requirement "team=a b" is not key/, /team=research/],
      ['a selector with a bad key', () => ({ stackSelector: 'Bad_/x=1' }), 'stackSelector', /invalid label key "Bad_\/x"/, /team=research/],
      ['an empty selector', () => ({ stackSelector: ' ' }), 'stackSelector', /it is empty/, /leave it out/],
      ['an empty stack list', () => ({ stacks: [] }), 'stacks', /is empty: the reconciler could read no kind but Inventories/, /list the stacks/],
    ];
    test.each(cases)('%s', (_name, props, field, problem, fix) => {
      const e = constructError(() => build(props));
      expect(e.constructPath).toBe('reconciler/Reconciler');
      expect(e.field).toBe(field);
      expect(e.problem).toMatch(problem);
      expect(e.fix).toMatch(fix);
    });
  });

  test('valid selectors pass: equality, inequality, sets and existence', () => {
    for (const stackSelector of ['team=research', 'team==research', 'tier in (ml, dl),env!=dev', 'example.com/team notin (a)', '!legacy', 'team']) {
      expect(() => build({ stackSelector })).not.toThrow();
    }
  });
});
