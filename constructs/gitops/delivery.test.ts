import { isDeepStrictEqual } from 'node:util';
import { ApiObject, App } from 'cdk8s';
import { synthesize } from '../../cli/synthesize';
import { groupOf, Manifest } from '../../manifest';
import { buildApp } from '../../stacks/main';
import { ARGOCD_BUILD_TIMEOUT_MS, argocdHarness, argocdNormalize, argocdPermitted } from '../../test/argocd-harness';
import { buildEveryKindApp, EVERY_KIND_STACK } from '../../test/every-kind';
import { expectSchemaValid } from '../../test/schema';
import { constructError } from '../../test/util';
import { Stack } from '../core';
import { Tenant } from '../tenancy';
import { ArgoCdDelivery, IN_CLUSTER } from './delivery';
import { HEALTH_LUA } from './health-lua';
import { EXPERIMENT_IGNORED_SPEC_FIELDS, RUN_ONCE_KINDS, RunOnce } from './run-once';
import { ARGOCD_SYNC_OPTIONS } from './sync-options';
import { SyncOption } from './sync-policy';
import { ARGOCD_SYNC_WAVE } from './sync-waves';

const REPO = 'https://github.com/example/ml-platform.git';
const obj = (stack: Stack, id: string, body: Record<string, unknown>) => new ApiObject(stack, id, body as any);
const find = (stack: Stack, kind: string, name: string): any => stack.toJson().find((o: any) => o.kind === kind && o.metadata.name === name);

function twoStacks() {
  const app = new App();
  const dev = new Stack(app, 'dev');
  obj(dev, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  obj(dev, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } });
  const ops = new Stack(app, 'ops');
  obj(ops, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] });
  obj(ops, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'ops' } });
  return { app, dev, ops };
}

describe('ArgoCdDelivery', () => {
  test('one Application per stack, pointing at dist/<stack>/ recursively, in its own project computed from what that stack emits', () => {
    const { app, dev } = twoStacks();
    const gitops = new ArgoCdDelivery(app, 'gitops', { repoURL: REPO, destinations: { ops: { name: 'ops-cluster' } } });
    // Added after the delivery: counted too (the projects are computed at synth).
    obj(dev, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'late' }, spec: {} });
    const appDev = find(gitops, 'Application', 'dev');
    expect(appDev.spec.source).toEqual({ repoURL: REPO, targetRevision: 'HEAD', path: 'dist/dev', directory: { recurse: true } });
    expect(appDev.spec.project).toBe('dev');
    expect(appDev.spec.destination).toEqual({ server: IN_CLUSTER, namespace: 'late' });
    expect(find(gitops, 'Application', 'ops').spec).toMatchObject({ project: 'ops', destination: { name: 'ops-cluster', namespace: 'ops' } });
    const dp = find(gitops, 'AppProject', 'dev').spec;
    expect(dp.destinations).toEqual([{ server: IN_CLUSTER, namespace: 'late' }, { server: IN_CLUSTER, namespace: 'team' }]);
    // The stack's Inventory (cluster-scoped) is one of its objects: Argo CD applies it with them.
    expect(dp.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }, { group: 'cdk8s-kubeflow.io', kind: 'Inventory' }]);
    expect(dp.namespaceResourceWhitelist).toEqual([{ group: '', kind: 'ConfigMap' }, { group: '', kind: 'PersistentVolumeClaim' }]);
    expect(dp.namespaceResourceBlacklist).toBeUndefined();
    expect(dp.sourceRepos).toEqual([REPO]);
    // ops's project: only its cluster, namespace and kinds; nothing of dev's.
    const op = find(gitops, 'AppProject', 'ops').spec;
    expect(op.destinations).toEqual([{ name: 'ops-cluster', namespace: 'ops' }]);
    expect(op.clusterResourceWhitelist).toEqual([{ group: 'cdk8s-kubeflow.io', kind: 'Inventory' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }]);
    expect(op.namespaceResourceWhitelist).toEqual([{ group: '', kind: 'ServiceAccount' }]);
    expect(Object.keys(gitops.projects)).toEqual(['dev', 'ops']);
    expect(gitops.applications.dev.name).toBe('dev');
    expectSchemaValid(gitops);
  });

  test('a stack whose constructs emit no cluster-scoped object gets no cluster-scoped permission but its Inventory', () => {
    const app = new App();
    const dev = new Stack(app, 'dev');
    obj(dev, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } });
    const gitops = new ArgoCdDelivery(app, 'gitops', { repoURL: REPO });
    expect(find(gitops, 'AppProject', 'dev').spec.clusterResourceWhitelist).toEqual([{ group: 'cdk8s-kubeflow.io', kind: 'Inventory' }]);
  });

  test('Applications are not ordered on each other: a stack\'s Inventory skips the dry run while its CRD is missing, and goes last', () => {
    const { app } = twoStacks();
    const crds = new Stack(app, 'crds');
    obj(crds, 'crd', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: {} });
    const gitops = new ArgoCdDelivery(app, 'gitops', { repoURL: REPO });
    const annotations = (kind: string, name: string) => find(gitops, kind, name).metadata.annotations;
    // Every Application in the one derived leaf wave: none waits for another's health (a broken reconciler must not hold the platform).
    expect(['crds', 'dev', 'ops', 'gitops'].map((name) => annotations('Application', name)[ARGOCD_SYNC_WAVE])).toEqual(['1', '1', '1', '1']);
    // The delivery stack's own Inventory: its last wave, and no dry-run failure before the Inventory CRD exists.
    expect(annotations('Inventory', 'gitops')).toMatchObject({ [ARGOCD_SYNC_WAVE]: '1', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
  });

  test('a destination namespace given for a stack is permitted by its project, next to the namespaces its objects use', () => {
    const { app } = twoStacks();
    const gitops = new ArgoCdDelivery(app, 'gitops', { repoURL: REPO, destinations: { dev: { server: IN_CLUSTER, namespace: 'landing' } } });
    expect(find(gitops, 'Application', 'dev').spec.destination).toEqual({ server: IN_CLUSTER, namespace: 'landing' });
    expect(find(gitops, 'AppProject', 'dev').spec.destinations.map((d: any) => d.namespace)).toEqual(['landing', 'team']);
  });

  test('a stack named "default" is refused: its project would replace Argo CD\'s built-in one', () => {
    const app = new App();
    obj(new Stack(app, 'default'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } });
    const e = constructError(() => new ArgoCdDelivery(app, 'gitops', { repoURL: REPO }));
    expect([e.field, e.problem]).toEqual(['stacks', expect.stringContaining('built-in "default" project')]);
  });

  test('the delivered Applications sync automatically by default; automated: false makes them manual', () => {
    const auto = find(new ArgoCdDelivery(twoStacks().app, 'gitops', { repoURL: REPO, syncPolicy: { retry: false } }), 'Application', 'dev').spec.syncPolicy;
    expect(auto.automated).toEqual({ prune: true, selfHeal: true });
    expect(auto.retry).toBeUndefined();
    const manual = find(new ArgoCdDelivery(twoStacks().app, 'gitops', { repoURL: REPO, syncPolicy: { automated: false } }), 'Application', 'dev').spec.syncPolicy;
    expect(manual.automated).toBeUndefined();
  });

  test('a root app-of-apps applies the delivery\'s own folder, in its own project limited to Argo CD\'s namespace', () => {
    const { app } = twoStacks();
    const gitops = new ArgoCdDelivery(app, 'gitops', { repoURL: REPO, targetRevision: 'main' });
    const root = find(gitops, 'Application', 'gitops');
    expect(root.spec).toMatchObject({ project: 'gitops', source: { path: 'dist/gitops', targetRevision: 'main', directory: { recurse: true } }, destination: { server: IN_CLUSTER, namespace: 'argocd' } });
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    const bootstrap = find(gitops, 'AppProject', 'gitops').spec;
    expect(bootstrap.destinations).toEqual([{ server: IN_CLUSTER, namespace: 'argocd' }]);
    expect(bootstrap.clusterResourceWhitelist).toBeUndefined();
    // Projects in an earlier wave than the Applications that name them.
    const wave = (kind: string, name: string) => Number(find(gitops, kind, name).metadata.annotations[ARGOCD_SYNC_WAVE] ?? 0);
    for (const [project, application] of [['gitops', 'gitops'], ['dev', 'dev'], ['ops', 'ops']]) expect(wave('AppProject', project)).toBeLessThan(wave('Application', application));
  });

  test('argocd-cm holds only the health customizations, server-side applied, never pruned or deleted, and no tracking settings', () => {
    const { app } = twoStacks();
    const cm = find(new ArgoCdDelivery(app, 'gitops', { repoURL: REPO }), 'ConfigMap', 'argocd-cm');
    expect(cm.metadata.namespace).toBe('argocd');
    // No instance/name/component/managed-by: a Helm-installed argocd-cm has its own, and server-side apply would conflict.
    expect(cm.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'argocd', 'cdk8s-kubeflow.io/stack': 'gitops' });
    expect(Object.keys(cm.metadata.annotations).sort()).toEqual([ARGOCD_SYNC_OPTIONS, ARGOCD_SYNC_WAVE, 'cdk8s-kubeflow.io/content-hash'].sort());
    expect(Object.keys(cm).sort()).toEqual(['apiVersion', 'data', 'kind', 'metadata']);
    expect(cm.metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBe('ServerSideApply=true,Prune=false,Delete=false');
    expect(Object.keys(cm.data).sort()).toEqual(Object.keys(HEALTH_LUA).map((k) => `resource.customizations.health.${k}`).sort());
    for (const [key, lua] of Object.entries(HEALTH_LUA)) expect(cm.data[`resource.customizations.health.${key}`]).toBe(lua);
  });

  test('healthConfig: false leaves argocd-cm out (Helm or the operator owns it), and ConfigMaps out of the root project', () => {
    const gitops = new ArgoCdDelivery(twoStacks().app, 'gitops', { repoURL: REPO, healthConfig: false });
    expect(gitops.healthConfig).toBeUndefined();
    expect(gitops.toJson().map((o: any) => o.kind)).not.toContain('ConfigMap');
    expect(find(gitops, 'AppProject', 'gitops').spec.namespaceResourceWhitelist).toEqual([{ group: 'argoproj.io', kind: 'Application' }, { group: 'argoproj.io', kind: 'AppProject' }]);
  });

  test('the default app delivers dev and prod; prod to the cluster registered as "prod"', () => {
    const result = synthesize(buildApp());
    expect(result.findings).toEqual([]);
    const gitopsFiles = [...result.files.keys()].filter((f) => f.startsWith('gitops/'));
    expect(gitopsFiles).toEqual([
      'gitops/_cluster/inventory-gitops.yaml',
      'gitops/argocd/application-dev.yaml', 'gitops/argocd/application-gitops.yaml', 'gitops/argocd/application-prod.yaml',
      'gitops/argocd/application-reconciler-prod.yaml', 'gitops/argocd/application-reconciler.yaml',
      'gitops/argocd/appproject-dev.yaml', 'gitops/argocd/appproject-gitops.yaml', 'gitops/argocd/appproject-prod.yaml',
      'gitops/argocd/appproject-reconciler-prod.yaml', 'gitops/argocd/appproject-reconciler.yaml', 'gitops/argocd/configmap-argocd-cm.yaml',
    ]);
    const application = (name: string) => result.sources.find((s) => s.file === `gitops/argocd/application-${name}.yaml`)!.object as any;
    expect(application('prod').spec.destination).toEqual({ name: 'prod', namespace: 'analytics' });
    expect(application('reconciler-prod').spec.destination).toMatchObject({ name: 'prod' });
    // No Application waits for another: the platform does not depend on the reconciler's health.
    const wave = (name: string) => application(name).metadata.annotations[ARGOCD_SYNC_WAVE];
    expect(['reconciler', 'reconciler-prod', 'dev', 'prod'].map(wave)).toEqual(['1', '1', '1', '1']);
  });

  test.each([
    [{ stacks: [] }, 'stacks', 'is empty'],
    [{ destinations: { staging: { server: IN_CLUSTER } } }, 'destinations.staging', 'names no delivered stack'],
    [{ destination: { server: IN_CLUSTER, name: 'in-cluster' } }, 'destination.name', 'is given with server'],
    [{ argoCdNamespace: 'Argo CD' }, 'argoCdNamespace', 'is not a valid'],
  ])('rejects %j at %s', (props, field, problem) => {
    const { app } = twoStacks();
    const e = constructError(() => new ArgoCdDelivery(app, 'gitops', { repoURL: REPO, ...props } as any));
    expect(e.constructPath).toBe('gitops');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('an app with no other stack has nothing to deliver', () => {
    expect(constructError(() => new ArgoCdDelivery(new App(), 'gitops', { repoURL: REPO })).problem).toContain('nothing to deliver');
  });

  test('a stack created after the delivery (by default, every earlier stack is delivered) is a synth error', () => {
    const { app } = twoStacks();
    new ArgoCdDelivery(app, 'gitops', { repoURL: REPO });
    new Stack(app, 'late');
    expect(synthesize(app).findings.map((f) => `${f.resource}: ${f.path}: ${f.message}`)).toEqual(['gitops: stacks: stack late was created after the delivery and is not delivered']);
  });
});

describe('run-once stance', () => {
  function withJobs(runOnce?: RunOnce) {
    const app = new App();
    const dev = new Stack(app, 'dev');
    obj(dev, 'job', { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'train', namespace: 'team' }, spec: { pytorchReplicaSpecs: {} } });
    obj(dev, 'exp', { apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune', namespace: 'team' }, spec: { maxTrialCount: 4 } });
    obj(dev, 'hook', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'team', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }, spec: {} });
    const gitops = new ArgoCdDelivery(app, 'gitops', { repoURL: REPO, runOnce });
    return { dev, app: find(gitops, 'Application', 'dev') };
  }

  test('by default, finished work is kept: the spec is ignored (an Experiment\'s counts excepted) and the sync respects it; hook Jobs are not run-once', () => {
    const { dev, app } = withJobs();
    expect(app.spec.syncPolicy.syncOptions).toEqual(['RespectIgnoreDifferences=true']);
    expect(app.spec.ignoreDifferences).toEqual([
      { group: 'kubeflow.org', kind: 'PyTorchJob', jsonPointers: ['/spec'] },
      { group: 'kubeflow.org', kind: 'Experiment', jsonPointers: EXPERIMENT_IGNORED_SPEC_FIELDS.map((f) => `/spec/${f}`) },
    ]);
    expect(find(dev, 'PyTorchJob', 'train').metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBeUndefined();
  });

  test('RunOnce.RECREATE_ON_CHANGE re-runs changed work: Force=true,Replace=true on each run-once object, nothing ignored, only out-of-sync objects applied', () => {
    const { dev, app } = withJobs(RunOnce.RECREATE_ON_CHANGE);
    expect(app.spec.ignoreDifferences).toBeUndefined();
    // Without it, every sync applies (so deletes and re-creates) every job, changed or not.
    expect(app.spec.syncPolicy.syncOptions).toEqual(['ApplyOutOfSyncOnly=true']);
    expect(find(dev, 'PyTorchJob', 'train').metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBe('Force=true,Replace=true');
    expect(find(dev, 'Experiment', 'tune').metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBe('Force=true,Replace=true');
    expect(find(dev, 'Job', 'migrate').metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBeUndefined();
  });
});

test('RunOnce.RECREATE_ON_CHANGE keeps the user\'s sync options, and refuses ApplyOutOfSyncOnly=false', () => {
  const app = () => { const { app: a } = twoStacks(); return a; };
  const spec = (syncOptions: SyncOption[]) => find(new ArgoCdDelivery(app(), 'gitops', { repoURL: REPO, runOnce: RunOnce.RECREATE_ON_CHANGE, syncPolicy: { syncOptions } }), 'Application', 'dev').spec;
  expect(spec([SyncOption.pruneLast()]).syncPolicy.syncOptions).toEqual(['PruneLast=true', 'ApplyOutOfSyncOnly=true']);
  expect(spec([SyncOption.applyOutOfSyncOnly()]).syncPolicy.syncOptions).toEqual(['ApplyOutOfSyncOnly=true']);
  const e = constructError(() => spec([SyncOption.of('ApplyOutOfSyncOnly=false')]));
  expect([e.constructPath, e.field]).toEqual(['gitops', 'syncPolicy.syncOptions']);
  expect(e.problem).toContain('would delete and re-run every job');
});

// A stack of only cluster-scoped objects (Tenants without contributors emit only a Profile)
// next to a namespaced one: each Application and its objects checked against its project by
// Argo CD's own AppProject code (tools/argocd-lua permitted).
describe("the computed projects, checked by Argo CD's AppProject code", () => {
  let result: ReturnType<typeof synthesize>;
  beforeAll(() => {
    argocdHarness();
    const app = new App();
    const tenants = new Stack(app, 'tenants');
    new Tenant(tenants, 'Research', { owner: 'lead@example.com' });
    new Tenant(tenants, 'Analytics', { owner: 'analyst@example.com' });
    const notebooks = new Stack(app, 'notebooks');
    obj(notebooks, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'research' } });
    obj(notebooks, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'analytics' } });
    new ArgoCdDelivery(app, 'gitops', { repoURL: REPO, destinations: { notebooks: { name: 'ml' } } });
    result = synthesize(app);
    expect(result.findings).toEqual([]);
  }, ARGOCD_BUILD_TIMEOUT_MS);
  const gitops = (kind: string, name: string) => result.sources.find((s) => s.object.kind === kind && s.object.metadata?.name === name && s.file?.startsWith('gitops/'))!.object as any;
  const objectsOf = (stack: string) => result.sources.filter((s) => s.file?.startsWith(`${stack}/`)).map((s) => s.object);

  test('the cluster-scoped-only stack: its Application is accepted, its Profiles permitted, and no namespaced kind at all', () => {
    const [project, application] = [gitops('AppProject', 'tenants'), gitops('Application', 'tenants')];
    expect(objectsOf('tenants').map((o) => o.kind)).toEqual(['Inventory', 'Profile', 'Profile']);
    expect(application.spec.destination).toEqual({ server: IN_CLUSTER, namespace: 'default' });
    expect(project.spec.namespaceResourceBlacklist).toEqual([{ group: '*', kind: '*' }]);
    expect(argocdPermitted(project, application, objectsOf('tenants'))).toEqual({ destination: true, objects: [true, true, true] });
    // Nothing namespaced, not even in the destination namespace; and none of the other stack's kinds.
    const stray = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'default' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } },
    ];
    expect(argocdPermitted(project, application, stray).objects).toEqual([false, false, false]);
  });

  test('the namespaced stack: accepted, its objects permitted, only in its namespaces and on its cluster', () => {
    const [project, application] = [gitops('AppProject', 'notebooks'), gitops('Application', 'notebooks')];
    expect(application.spec.destination).toEqual({ name: 'ml', namespace: 'analytics' });
    expect(objectsOf('notebooks').map((o) => o.kind)).toEqual(['Inventory', 'ServiceAccount', 'ConfigMap']);
    expect(argocdPermitted(project, application, objectsOf('notebooks'))).toEqual({ destination: true, objects: [true, true, true] });
    const elsewhere = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'kube-system' } },
      { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'x' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'research' } },
    ];
    expect(argocdPermitted(project, application, elsewhere).objects).toEqual([false, false, false]);
    expect(argocdPermitted(project, { spec: { destination: { server: IN_CLUSTER, namespace: 'analytics' } } }, []).destination).toBe(false);
  });

  test('the check itself: an Application without a destination namespace is refused, and a project without the */* blacklist permits any namespaced kind', () => {
    const application = gitops('Application', 'tenants');
    const withoutNamespace = { spec: { destination: { server: IN_CLUSTER } } };
    expect(argocdPermitted(gitops('AppProject', 'tenants'), withoutNamespace, []).destination).toBe(false);
    // An empty whitelist left out of the YAML would permit every namespaced kind.
    const noBlacklist = { spec: { ...gitops('AppProject', 'tenants').spec, namespaceResourceBlacklist: undefined } };
    expect(argocdPermitted(noBlacklist, application, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'default' } }]).objects).toEqual([true]);
  });
});

// What the run-once ignoreDifferences remove, checked with Argo CD's own normalizer
// (util/argo/normalizers; tools/argocd-lua), on the objects our
// constructs emit: the default app (dist/) and one of every kind.
describe("run-once ignoreDifferences, applied by Argo CD's normalizer", () => {
  /** The Experiment fields Katib lets change, which Argo CD must keep comparing. */
  const COUNTS = ['maxTrialCount', 'parallelTrialCount', 'maxFailedTrialCount'];
  const isRunOnceKind = (o: Manifest) => RUN_ONCE_KINDS.some((k) => k.kind === o.kind && k.group === groupOf(o.apiVersion));

  /** What Argo CD should compare of `o`: a run-once object loses its spec, an Experiment all but its counts. */
  function expectedCompared(o: Manifest): Manifest {
    if (!isRunOnceKind(o)) return o;
    const { spec, ...rest } = o as Manifest & { spec?: Record<string, unknown> };
    if (o.kind !== 'Experiment') return rest as Manifest;
    return { ...rest, spec: Object.fromEntries(Object.entries(spec ?? {}).filter(([k]) => COUNTS.includes(k))) } as Manifest;
  }

  /** Each delivered stack of a synthesized app: its Application's ignoreDifferences and its objects. */
  function delivered(app: App) {
    const result = synthesize(app);
    const applications = result.sources.filter((s) => s.object.kind === 'Application' && s.file?.startsWith('gitops/')).map((s) => s.object as any);
    return applications.filter((a) => a.metadata.name !== 'gitops').map((a) => ({
      stack: a.metadata.name as string,
      ignore: a.spec.ignoreDifferences ?? [],
      objects: result.sources.filter((s) => s.file?.startsWith(`${a.metadata.name}/`)).map((s) => s.object),
    }));
  }

  let defaultApp: ReturnType<typeof delivered>;
  let everyKind: ReturnType<typeof delivered>[number];
  beforeAll(() => {
    argocdHarness();
    defaultApp = delivered(buildApp());
    const app = buildEveryKindApp();
    const stack = app.node.findChild(EVERY_KIND_STACK) as Stack;
    // No construct emits a batch Job: a plain one stands for the user's own.
    obj(stack, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'export', namespace: 'team' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } });
    new ArgoCdDelivery(app, 'gitops', { repoURL: REPO });
    [everyKind] = delivered(app);
  }, ARGOCD_BUILD_TIMEOUT_MS);

  test('the inputs hold every run-once kind, and the default app\'s Experiment and PyTorchJob', () => {
    expect(defaultApp.map((d) => d.stack)).toEqual(['dev', 'prod', 'reconciler-prod', 'reconciler']);
    const kinds = (objects: readonly Manifest[]) => new Set(objects.filter(isRunOnceKind).map((o) => `${groupOf(o.apiVersion)}/${o.kind}`));
    expect([...kinds(everyKind.objects)].sort()).toEqual(RUN_ONCE_KINDS.map((k) => `${k.group}/${k.kind}`).sort());
    const runOnceKinds = Object.fromEntries(defaultApp.map(({ stack, objects }) => [stack, [...kinds(objects)].sort()]));
    const platform = ['kubeflow.org/Experiment', 'kubeflow.org/PyTorchJob'];
    expect(runOnceKinds).toEqual({ 'dev': platform, 'prod': platform, 'reconciler-prod': [], 'reconciler': [] });
  });

  test('each Application removes exactly the spec of its run-once objects (an Experiment keeps its three counts), and nothing of any other object', () => {
    for (const { stack, ignore, objects } of [...defaultApp, everyKind]) {
      const normalized = argocdNormalize(ignore, objects);
      expect({ stack, errors: normalized.filter((n) => n.error !== undefined) }).toEqual({ stack, errors: [] });
      expect({ stack, objects: normalized.map((n) => n.object) }).toEqual({ stack, objects: objects.map(expectedCompared) });
    }
    // The counts are really there to keep (set by the Experiment construct), not merely absent.
    expect(Object.keys(defaultApp[0].objects.find((o) => o.kind === 'Experiment')!.spec as object)).toEqual(expect.arrayContaining(COUNTS));
  });

  test('a changed count is still seen; any other spec change to a run-once object is not; metadata changes are', () => {
    const dev = defaultApp[0];
    const pick = (kind: string, from: readonly Manifest[]): any => from.find((o) => o.kind === kind);
    const edit = (o: any, f: (copy: any) => void) => { const copy = structuredClone(o); f(copy); return copy; };
    const [experiment, pytorch] = [pick('Experiment', dev.objects), pick('PyTorchJob', dev.objects)];
    const [trainJob, job] = [pick('TrainJob', everyKind.objects), pick('Job', everyKind.objects)];
    // [which Application, desired, live]
    const cases: Record<string, [typeof dev, any, any]> = {
      ...Object.fromEntries(COUNTS.map((c) => [`Experiment ${c} + 1`, [dev, experiment, edit(experiment, (e) => { e.spec[c] += 1; })]])),
      'Experiment algorithm': [dev, experiment, edit(experiment, (e) => { e.spec.algorithm = { algorithmName: 'random' }; })],
      'Experiment objective goal': [dev, experiment, edit(experiment, (e) => { e.spec.objective.goal = 0.5; })],
      'Experiment trialTemplate removed': [dev, experiment, edit(experiment, (e) => { delete e.spec.trialTemplate; })],
      'Experiment label': [dev, experiment, edit(experiment, (e) => { e.metadata.labels.team = 'x'; })],
      'PyTorchJob replica specs': [dev, pytorch, edit(pytorch, (j) => { j.spec.pytorchReplicaSpecs = {}; })],
      'PyTorchJob label': [dev, pytorch, edit(pytorch, (j) => { j.metadata.labels.team = 'x'; })],
      'TrainJob runtimeRef': [everyKind, trainJob, edit(trainJob, (j) => { j.spec.runtimeRef.name = 'other'; })],
      'Job template': [everyKind, job, edit(job, (j) => { j.spec.template.spec.containers[0].image = 'alpine'; })],
      'Job label': [everyKind, job, edit(job, (j) => { j.metadata.labels = { team: 'x' }; })],
    };
    const seen: Record<string, boolean> = {};
    for (const source of [dev, everyKind]) {
      const names = Object.keys(cases).filter((name) => cases[name][0] === source);
      const normalized = argocdNormalize(source.ignore, names.flatMap((name) => cases[name].slice(1)));
      expect(normalized.filter((n) => n.error !== undefined)).toEqual([]);
      names.forEach((name, i) => { seen[name] = !isDeepStrictEqual(normalized[2 * i].object, normalized[2 * i + 1].object); });
    }
    expect(seen).toEqual({
      'Experiment maxTrialCount + 1': true, 'Experiment parallelTrialCount + 1': true, 'Experiment maxFailedTrialCount + 1': true,
      'Experiment algorithm': false, 'Experiment objective goal': false, 'Experiment trialTemplate removed': false, 'Experiment label': true,
      'PyTorchJob replica specs': false, 'PyTorchJob label': true, 'TrainJob runtimeRef': false, 'Job template': false, 'Job label': true,
    });
  });

  test('an Experiment whose spec is not an object: the pointers find nothing to remove, so Argo CD compares it whole (a missing path is no error)', () => {
    const { ignore } = defaultApp[0];
    const [result] = argocdNormalize(ignore, [{ apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'x' }, spec: 'oops' }]);
    expect(result).toEqual({ object: expect.objectContaining({ spec: 'oops' }) });
  });
});
