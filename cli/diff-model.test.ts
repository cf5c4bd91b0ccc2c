import { runOnceIgnoreDifferences } from '../constructs/gitops/run-once';
import { ANNOTATIONS, Manifest, ManifestSource, withContentHash } from '../manifest';
import { RECREATE_SYNC_OPTIONS } from '../manifest/immutable-fields';
import { ARGOCD_BUILD_TIMEOUT_MS, argocdHarness, argocdNormalize } from '../test/argocd-harness';
import { diffManifests, fieldChanges, ObjectDiff } from './diff-model';
import { policyChanges } from './diff-policies';
import { formatFieldPath } from './diff-report';

const src = (object: Manifest, stack = 'dev'): ManifestSource => ({ object, file: `${stack}/${object.metadata?.namespace ?? '_cluster'}/${object.kind.toLowerCase()}-${object.metadata?.name}.yaml` });

function notebook(name: string, container: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Manifest {
  return withContentHash({
    apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name, namespace: 'team', labels: { 'app.kubernetes.io/instance': name } },
    spec: { template: { spec: {
      containers: [{ name, image: 'jupyter:v1', resources: { requests: { cpu: '500m', memory: '1Gi' } }, ...container }],
      volumes: [{ name: `${name}-workspace`, persistentVolumeClaim: { claimName: `${name}-workspace` } }],
      ...extra,
    } } },
  });
}

/** The one object diff of comparing `before` with `after`. */
function one(before: Manifest, after: Manifest): ObjectDiff {
  const { objects } = diffManifests([src(before)], [src(after)]);
  expect(objects).toHaveLength(1);
  return objects[0];
}

const paths = (o: ObjectDiff) => o.changes.map((c) => formatFieldPath(c.path));

describe('objects', () => {
  test('added, removed, changed and unchanged, in file order', () => {
    const d = diffManifests([src(notebook('a')), src(notebook('b')), src(notebook('c'))], [src(notebook('a')), src(notebook('c', { image: 'jupyter:v2' })), src(notebook('d', { image: 'other:v9' }, { nodeSelector: { pool: 'gpu' } }))]);
    expect(d.objects.map((o) => [o.status, o.id.name])).toEqual([['removed', 'b'], ['changed', 'c'], ['added', 'd']]);
    expect(d.unchanged).toBe(1);
    expect(d.objects[1].changes).toEqual([{ op: 'change', path: ['spec', 'template', 'spec', 'containers', '[name=c]', 'image'], old: 'jupyter:v1', new: 'jupyter:v2' }]);
  });

  test('a new version of the same group is a change of the object, not one removed and one added', () => {
    const v1beta1 = { apiVersion: 'kubeflow.org/v1beta1', kind: 'Profile', metadata: { name: 'x' }, spec: { owner: { kind: 'User', name: 'a@example.com' } } };
    const o = one(v1beta1, { ...v1beta1, apiVersion: 'kubeflow.org/v1' });
    expect([o.status, paths(o)]).toEqual(['changed', ['.apiVersion']]);
  });

  test('another group is another object', () => {
    const d = diffManifests([src({ apiVersion: 'example.com/v1', kind: 'Notebook', metadata: { name: 'x', namespace: 'team' } })], [src({ apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'x', namespace: 'team' } })]);
    expect(d.objects.map((o) => o.status).sort()).toEqual(['added', 'removed']);
  });

  test('the same object in two stacks is two objects (two environments)', () => {
    const d = diffManifests([src(notebook('a'), 'dev')], [src(notebook('a'), 'dev'), src(notebook('a'), 'prod')]);
    expect(d.objects.map((o) => [o.status, o.file])).toEqual([['added', 'prod/team/notebook-a.yaml']]);
  });

  test('the content-hash annotation is left out: an object whose hash alone differs is unchanged', () => {
    const before = notebook('a');
    const after = { ...before, metadata: { ...before.metadata, annotations: { [ANNOTATIONS.contentHash]: 'sha256:other' } } };
    expect(diffManifests([src(before)], [src(after)])).toEqual({ objects: [], unchanged: 1 });
  });
});

describe('fields', () => {
  test.each([
    ['1Gi', '1024Mi'], ['500m', '0.5'], ['2', 2], ['1000m', '1'], ['1.5Gi', '1536Mi'],
  ])('resource quantities are compared by value: %s equals %s', (a, b) => {
    const o = diffManifests([src(notebook('a', { resources: { requests: { memory: a } } }))], [src(notebook('a', { resources: { requests: { memory: b } } }))]);
    expect(o.objects).toEqual([]);
  });

  test('a different quantity is a change, shown as written', () => {
    const o = one(notebook('a'), notebook('a', { resources: { requests: { cpu: '500m', memory: '2Gi' } } }));
    expect(o.changes).toEqual([{ op: 'change', path: ['spec', 'template', 'spec', 'containers', '[name=a]', 'resources', 'requests', 'memory'], old: '1Gi', new: '2Gi' }]);
  });

  test('strings that only look like quantities, outside resources, are compared as strings', () => {
    const o = one(notebook('a', { env: [{ name: 'SIZE', value: '1k' }] }), notebook('a', { env: [{ name: 'SIZE', value: '1000' }] }));
    expect(paths(o)).toEqual(['.spec.template.spec.containers[name=a].env[name=SIZE].value']);
  });

  test('list items with a name are matched by name: a new order is no change, a changed item is named', () => {
    const two = (order: string[], image = 'sidecar:v1') => notebook('a', {}, { initContainers: order.map((n) => ({ name: n, image: n === 'b' ? image : 'x:v1' })) });
    expect(diffManifests([src(two(['a', 'b']))], [src(two(['b', 'a']))]).objects).toEqual([]);
    expect(paths(one(two(['a', 'b']), two(['b', 'a'], 'sidecar:v2')))).toEqual(['.spec.template.spec.initContainers[name=b].image']);
  });

  test('lists without names are compared by index', () => {
    const o = one(notebook('a', { args: ['--a', '--b'] }), notebook('a', { args: ['--a', '--c'] }));
    expect(o.changes).toEqual([{ op: 'change', path: ['spec', 'template', 'spec', 'containers', '[name=a]', 'args', 1], old: '--b', new: '--c' }]);
  });

  test('added and removed values are whole, lists again as they are written', () => {
    const o = one(notebook('a'), notebook('a', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }));
    expect(o.changes).toEqual([{ op: 'add', path: ['spec', 'template', 'spec', 'containers', '[name=a]', 'env'], new: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
  });
});

describe('renames', () => {
  test('a removed and an added object of one kind with the same content but the name are one renamed object', () => {
    const o = one(notebook('lab'), notebook('lab2'));
    expect([o.status, o.renamedFrom?.name, o.id.name, o.oldFile, o.file]).toEqual(['renamed', 'lab', 'lab2', 'dev/team/notebook-lab.yaml', 'dev/team/notebook-lab2.yaml']);
    // The container, volume and label named after the notebook are renamed with it: no other change.
    expect(o.changes).toEqual([]);
  });

  test('a renamed object lists what changed besides its name', () => {
    const o = one(notebook('lab'), notebook('lab2', { image: 'jupyter:v2' }));
    expect([o.status, paths(o)]).toEqual(['renamed', ['.spec.template.spec.containers[name=lab2].image']]);
  });

  test('objects of another kind, stack or content are not renames', () => {
    expect(diffManifests([src(notebook('a'))], [src(notebook('b', { image: 'x', resources: { limits: { cpu: '8' } }, command: ['run'] }, { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k' }] }))]).objects.map((o) => o.status).sort()).toEqual(['added', 'removed']);
    expect(diffManifests([src(notebook('a'), 'dev')], [src(notebook('b'), 'prod')]).objects.map((o) => o.status)).toEqual(['removed', 'added']);
    const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    expect(diffManifests([src(ns('a'))], [src(ns('b'))]).objects.map((o) => o.status).sort()).toEqual(['added', 'removed']);
  });

  test('a renamed or removed claim warns that its data goes with it', () => {
    const pvc = (name: string) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'team' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } });
    expect(one(pvc('a'), pvc('b')).onDelete).toMatch(/data is lost/);
    expect(diffManifests([src(pvc('a'))], []).objects[0].onDelete).toMatch(/data is lost/);
  });
});

describe('immutable fields', () => {
  const experiment = (spec: Record<string, unknown>, annotations?: Record<string, string>): Manifest => ({
    apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune', namespace: 'team', ...(annotations ? { annotations } : {}) },
    spec: { maxTrialCount: 12, parallelTrialCount: 2, objective: { type: 'maximize', goal: 0.9, objectiveMetricName: 'acc' }, ...spec },
  });

  test('a Katib experiment: a changed objective is refused, with the remedies in order (new name, then re-create)', () => {
    const o = one(experiment({}), experiment({ objective: { type: 'maximize', goal: 0.95, objectiveMetricName: 'acc' } }));
    expect(o.immutable).toHaveLength(1);
    const [v] = o.immutable;
    expect(v.changes.map((c) => formatFieldPath(c.path))).toEqual(['.spec.objective.goal']);
    expect(v.field.enforcedBy).toBe('webhook');
    expect(v.remedies.map((r) => r.kind)).toEqual(['new-name', 'recreate']);
    expect(v.remedies[1].syncOptions).toBe(RECREATE_SYNC_OPTIONS);
    expect(o.recreated).toBe(false);
  });

  test('a Katib experiment: the three counts may change (except)', () => {
    const o = one(experiment({}), experiment({ maxTrialCount: 20, parallelTrialCount: 4, maxFailedTrialCount: 3 }));
    expect(o.immutable).toEqual([]);
    expect(o.cautions.map((c) => c.caution.effect)).toEqual(['may-be-refused']);
  });

  test('an object annotated to be re-created (Force=true,Replace=true) may change immutable fields', () => {
    const annotations = { 'argocd.argoproj.io/sync-options': RECREATE_SYNC_OPTIONS };
    const o = one(experiment({}, annotations), experiment({ objective: { type: 'minimize', goal: 0.1, objectiveMetricName: 'loss' } }, annotations));
    expect([o.immutable.length > 0, o.recreated]).toEqual([true, true]);
    // Replace=true alone is an update, which the API server refuses as well.
    const replaceOnly = { 'argocd.argoproj.io/sync-options': 'Replace=true' };
    expect(one(experiment({}, replaceOnly), experiment({ objective: { type: 'minimize', goal: 0.1, objectiveMetricName: 'loss' } }, replaceOnly)).recreated).toBe(false);
  });

  const pvc = (storage: string, storageClassName = 'fast') => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'ws', namespace: 'team' }, spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } });

  const texts = (o: ObjectDiff) => o.immutable.map((v) => ({ field: formatFieldPath(v.field.path), message: v.field.message, unless: v.field.unless, remedies: v.remedies.map((r) => `${r.kind}: ${r.text}`) }));
  const NEW_CLAIM = 'new-name: give it a new name: a new, empty claim is created (the data is not moved): copy the data over before the old claim is pruned';

  test('a claim may grow (grow-only), with the caution that it grows only once bound; equal sizes are no change', () => {
    const grow = one(pvc('10Gi'), pvc('20Gi'));
    expect(grow.immutable).toEqual([]);
    expect(grow.cautions.map((c) => [c.caution.effect, c.caution.message])).toEqual([['may-be-refused', 'a claim grows only once it is bound, and only if its StorageClass has allowVolumeExpansion: true']]);
    expect(diffManifests([src(pvc('10Gi'))], [src(pvc('10240Mi'))]).objects).toEqual([]);
  });

  test('a claim that shrinks is refused: keep the size, or a new claim; no "unless", no growth caution', () => {
    const shrink = one(pvc('10Gi'), pvc('5Gi'));
    expect(texts(shrink)).toEqual([{
      field: '.spec.resources.requests.storage', message: 'a claim cannot shrink (spec.resources.requests.storage: field can not be less than status.capacity)', unless: undefined,
      remedies: ['edit: keep the size as it was (a claim can grow, never shrink)', NEW_CLAIM],
    }]);
    expect(shrink.cautions).toEqual([]);
    // A size removed is refused the same way.
    const noSize = { ...pvc('10Gi'), spec: { ...pvc('10Gi').spec, resources: { requests: {} } } };
    expect(texts(one(pvc('10Gi'), noSize)).map((t) => [t.field, t.remedies[0]])).toEqual([['.spec.resources.requests.storage', 'edit: keep the size as it was (a claim can grow, never shrink)']]);
  });

  test.each([
    ['storageClassName', { storageClassName: 'slow' }],
    ['accessModes', { accessModes: ['ReadWriteMany'] }],
    ['volumeName', { volumeName: 'pv-0001' }],
    ['selector', { selector: { matchLabels: { tier: 'gold' } } }],
  ])('a claim whose %s changes is refused: a new claim (the data is not moved), never "keep the size", no caution', (field, spec) => {
    const o = one(pvc('10Gi'), { ...pvc('10Gi'), spec: { ...pvc('10Gi').spec, ...spec } });
    expect(o.immutable.map((v) => v.changes.map((c) => formatFieldPath(c.path)))).toEqual([[expect.stringMatching(new RegExp(`^\\.spec\\.${field}`))]]);
    expect(texts(o)).toEqual([{ field: '.spec', message: 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims', unless: undefined, remedies: [NEW_CLAIM] }]);
    expect(o.cautions).toEqual([]);
  });

  test('a claim whose storage class changes while it grows: the class is refused with its remedy, the growth keeps its caution', () => {
    const o = one(pvc('10Gi'), pvc('20Gi', 'slow'));
    expect(texts(o).map((t) => [t.field, t.remedies])).toEqual([['.spec', [NEW_CLAIM]]]);
    expect(o.cautions.map((c) => c.changes.map((x) => formatFieldPath(x.path)))).toEqual([['.spec.resources.requests.storage']]);
  });

  test('ConfigMap data is immutable only when the ConfigMap was (onlyIf)', () => {
    const cm = (data: Record<string, string>, immutable?: boolean) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' }, data, ...(immutable === undefined ? {} : { immutable }) });
    expect(one(cm({ a: '1' }), cm({ a: '2' })).immutable).toEqual([]);
    expect(one(cm({ a: '1' }, true), cm({ a: '2' }, true)).immutable.map((v) => formatFieldPath(v.field.path))).toEqual(['.data']);
    // Making it immutable is allowed; making it mutable again is not.
    expect(one(cm({ a: '1' }), cm({ a: '1' }, true)).immutable).toEqual([]);
    expect(one(cm({ a: '1' }, true), cm({ a: '1' }, false)).immutable.map((v) => formatFieldPath(v.field.path))).toEqual(['.immutable']);
  });

  test('a Service\'s clusterIP may be left out (set-once) but not changed, with the edit remedy first', () => {
    const svc = (clusterIP?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'team' }, spec: { ports: [{ name: 'http', port: 80 }], ...(clusterIP ? { clusterIP } : {}) } });
    expect(one(svc('10.0.0.1'), svc()).immutable).toEqual([]);
    const changed = one(svc('10.0.0.1'), svc('10.0.0.2'));
    expect(changed.immutable.map((v) => v.field.rule)).toEqual(['set-once']);
    expect(changed.immutable[0].remedies[0].kind).toBe('edit');
  });

  const isvc = (mode: string | undefined, predictor: Record<string, unknown>) => ({
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
    metadata: { name: 'm', namespace: 'team', ...(mode ? { annotations: { 'serving.kserve.io/deploymentMode': mode } } : {}) },
    spec: { predictor },
  });

  test('an InferenceService\'s deployment mode may not change, but its legacy names are the same mode (aliases)', () => {
    const model = { model: { modelFormat: { name: 'sklearn' }, storageUri: 's3://m/1' } };
    expect(one(isvc('RawDeployment', model), isvc('Standard', model)).immutable).toEqual([]);
    expect(one(isvc('Standard', model), isvc('Knative', model)).immutable.map((v) => formatFieldPath(v.field.path))).toEqual(['.metadata.annotations["serving.kserve.io/deploymentMode"]']);
  });

  test('an InferenceService\'s predictor name changes only with its model (unlessAlsoChanged, through *)', () => {
    const p = (name: string, uri: string) => ({ name, model: { modelFormat: { name: 'sklearn' }, storageUri: uri } });
    const renamedOnly = one(isvc(undefined, p('a', 's3://m/1')), isvc(undefined, p('b', 's3://m/1')));
    expect(renamedOnly.immutable).toHaveLength(1);
    // Its own remedy first (keep the name, or change the model too), then the kind's.
    expect(renamedOnly.immutable[0].remedies.map((r) => r.kind)).toEqual(['edit', 'new-name', 'recreate']);
    expect(renamedOnly.immutable[0].remedies[0].text).toMatch(/keep the predictor's name, or rename it together with a new model/);
    expect(one(isvc(undefined, p('a', 's3://m/1')), isvc(undefined, p('b', 's3://m/2'))).immutable).toEqual([]);
    // The deployment mode has the kind's remedies.
    const model = { model: { modelFormat: { name: 'sklearn' }, storageUri: 's3://m/1' } };
    expect(one(isvc('Standard', model), isvc('Knative', model)).immutable[0].remedies.map((r) => r.kind)).toEqual(['new-name', 'recreate']);
  });

  test('a change the cluster refuses gets no caution; the accepted changes beside it keep theirs', () => {
    const o = one(experiment({}), experiment({ maxTrialCount: 20, objective: { type: 'maximize', goal: 0.95, objectiveMetricName: 'acc' } }));
    expect(o.immutable.map((v) => v.changes.map((c) => formatFieldPath(c.path)))).toEqual([['.spec.objective.goal']]);
    expect(o.cautions.map((c) => c.changes.map((x) => formatFieldPath(x.path)))).toEqual([['.spec.maxTrialCount']]);
    expect(one(experiment({}), experiment({ objective: { type: 'maximize', goal: 0.95, objectiveMetricName: 'acc' } })).cautions).toEqual([]);
  });

  test('a path with * reaches into list items matched by name (a runtime\'s replicated jobs)', () => {
    const runtime = (dependsOn: unknown[]) => ({
      apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainingRuntime', metadata: { name: 'r', namespace: 'team' },
      spec: { template: { spec: { replicatedJobs: [{ name: 'init', replicas: 1 }, { name: 'node', replicas: 1, dependsOn }] } } },
    });
    const o = one(runtime([{ name: 'init', status: 'Complete' }]), runtime([{ name: 'init', status: 'Ready' }]));
    expect(o.immutable.map((v) => v.changes.map((c) => formatFieldPath(c.path)))).toEqual([['.spec.template.spec.replicatedJobs[name=node].dependsOn[name=init].status']]);
  });

  test('a Job\'s template is immutable even when the change is deep inside it; a kind we know nothing of is never flagged', () => {
    const job = (image: string, apiVersion = 'batch/v1') => ({ apiVersion, kind: 'Job', metadata: { name: 'j', namespace: 'team' }, spec: { template: { spec: { containers: [{ name: 'main', image }] } } } });
    expect(one(job('a'), job('b')).immutable.map((v) => formatFieldPath(v.field.path))).toEqual(['.spec.template']);
    expect(one(job('a', 'example.com/v1'), job('b', 'example.com/v1')).immutable).toEqual([]);
  });
});

describe('policy findings', () => {
  const broken = (name: string) => ({ ...notebook(name), spec: { template: { spec: { containers: [] } } } });

  test('findings only in the new side are new, findings gone from it are fixed', () => {
    const p = policyChanges([src(notebook('a')), src(broken('b'))], [src(broken('a')), src(notebook('b'))]);
    expect(p.new.map((f) => [f.rule, f.resource])).toEqual([['kubeflow/notebook-containers', 'kubeflow.org/v1 Notebook team/a']]);
    expect(p.fixed.map((f) => [f.rule, f.resource])).toEqual([['kubeflow/notebook-containers', 'kubeflow.org/v1 Notebook team/b']]);
  });

  test('a finding that stays (same rule, object and field) is neither new nor fixed, across a new version or a rename', () => {
    expect(policyChanges([src(broken('a'))], [src(broken('a'))])).toEqual({ new: [], fixed: [] });
    const v2 = { ...broken('a'), apiVersion: 'kubeflow.org/v1beta1' };
    expect(policyChanges([src(broken('a'))], [src(v2)])).toEqual({ new: [], fixed: [] });
    expect(policyChanges([src(broken('a'))], [src(broken('b'))], { renamed: new Map([['kubeflow.org/v1 Notebook team/a', 'kubeflow.org/v1 Notebook team/b']]) })).toEqual({ new: [], fixed: [] });
  });

  test('each stack is checked with its configuration', () => {
    const stacks = new Map([['dev', { rules: { 'kubeflow/notebook-containers': 'off' as const } }], ['prod', undefined]]);
    const p = policyChanges([], [src(broken('a'), 'dev'), src(broken('a'), 'prod')], { stacks });
    expect(p.new.map((f) => f.file)).toEqual(['prod/team/notebook-a.yaml']);
  });
});

describe('changes Argo CD ignores (the delivering Application\'s ignoreDifferences)', () => {
  const experiment = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): Manifest => ({
    apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune', namespace: 'team', ...(annotations ? { annotations } : {}) },
    spec: { maxTrialCount: 12, parallelTrialCount: 2, objective: { type: 'maximize', goal: 0.9, objectiveMetricName: 'acc' }, ...spec },
  });
  const goal = (g: number) => ({ objective: { type: 'maximize', goal: g, objectiveMetricName: 'acc' } });
  const pytorch = (image: string): Manifest => ({
    apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'train', namespace: 'team' },
    spec: { pytorchReplicaSpecs: { Master: { replicas: 1, template: { spec: { containers: [{ name: 'pytorch', image }] } } } } },
  });
  /** The entries ArgoCdDelivery gives an Application for these kinds (RunOnce.KEEP_FINISHED). */
  const RUN_ONCE = runOnceIgnoreDifferences([experiment(), pytorch('x')]);
  const application = (spec: Record<string, unknown>, name = 'dev'): ManifestSource => ({
    object: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' }, spec },
    file: `gitops/argocd/application-${name}.yaml`,
  });
  const delivering = (ignoreDifferences: unknown[], { path = 'dist/dev', respect = true } = {}) => application({
    source: { repoURL: 'https://example.com/r.git', path }, ignoreDifferences,
    syncPolicy: { syncOptions: respect ? ['CreateNamespace=true', 'RespectIgnoreDifferences=true'] : ['CreateNamespace=true'] },
  });

  /** The one object diff of `before` → `after` in stack dev, delivered by `app` from dist/. */
  function delivered(before: Manifest, after: Manifest, app: ManifestSource): ObjectDiff {
    const { objects } = diffManifests([src(before), app], [src(after), app], { delivery: { out: 'dist' } });
    expect(objects).toHaveLength(1);
    return objects[0];
  }

  test('the run-once entries use JSON pointers only', () => {
    expect(RUN_ONCE.every((e) => e.jsonPointers?.length && !e.jqPathExpressions)).toBe(true);
  });

  test('an Experiment\'s changed goal is ignored, not refused: the cluster keeps the old value; the Application is named with the remedy', () => {
    const o = delivered(experiment(goal(0.9)), experiment(goal(0.95)), delivering(RUN_ONCE));
    expect(paths(o)).toEqual(['.spec.objective.goal']);
    expect(o.argocd).toEqual({ application: 'dev', respected: true, ignored: o.changes, unevaluated: [], remedy: expect.stringMatching(/^give it a new name: /) });
    expect([o.immutable, o.cautions]).toEqual([[], []]);
    // The same change without the delivery is refused.
    expect(one(experiment(goal(0.9)), experiment(goal(0.95))).immutable).toHaveLength(1);
  });

  test('a changed maxTrialCount is a normal change (Katib lets it change, and Argo CD applies it)', () => {
    const o = delivered(experiment(), experiment({ maxTrialCount: 20 }), delivering(RUN_ONCE));
    expect([o.argocd, o.immutable, o.cautions.map((c) => c.caution.effect)]).toEqual([undefined, [], ['may-be-refused']]);
    // With the goal in the same change, only the goal is ignored.
    const both = delivered(experiment(), experiment({ maxTrialCount: 20, ...goal(0.95) }), delivering(RUN_ONCE));
    expect(both.argocd!.ignored.map((c) => formatFieldPath(c.path))).toEqual(['.spec.objective.goal']);
    expect(both.cautions.map((c) => c.changes.map((x) => formatFieldPath(x.path)))).toEqual([['.spec.maxTrialCount']]);
  });

  test('a PyTorchJob\'s spec change is ignored under /spec, and so is its caution', () => {
    const o = delivered(pytorch('a:v1'), pytorch('a:v2'), delivering(RUN_ONCE));
    expect(o.argocd!.ignored.map((c) => formatFieldPath(c.path))).toEqual(['.spec.pytorchReplicaSpecs.Master.template.spec.containers[name=pytorch].image']);
    expect([o.immutable, o.cautions]).toEqual([[], []]);
  });

  test('without RespectIgnoreDifferences the change is only hidden from Argo CD\'s diff: the next sync applies it, so it is still refused', () => {
    const o = delivered(experiment(goal(0.9)), experiment(goal(0.95)), delivering(RUN_ONCE, { respect: false }));
    expect([o.argocd?.respected, o.argocd?.ignored.length]).toEqual([false, 1]);
    expect(o.immutable).toHaveLength(1);
  });

  test('only the Application that delivers the object\'s stack counts: its path, trailing slashes and ./ aside, or any of its sources', () => {
    const change = [experiment(goal(0.9)), experiment(goal(0.95))] as const;
    expect(delivered(...change, delivering(RUN_ONCE, { path: 'dist/prod' })).argocd).toBeUndefined();
    expect(delivered(...change, delivering(RUN_ONCE, { path: 'other/dev' })).argocd).toBeUndefined();
    expect(delivered(...change, delivering(RUN_ONCE, { path: 'dist/prod' })).immutable).toHaveLength(1);
    expect(delivered(...change, delivering(RUN_ONCE, { path: './dist//dev/' })).argocd?.application).toBe('dev');
    const multi = application({
      sources: [{ repoURL: 'https://example.com/values.git', ref: 'values' }, { repoURL: 'https://example.com/r.git', path: 'dist/dev/' }],
      ignoreDifferences: RUN_ONCE, syncPolicy: { syncOptions: ['RespectIgnoreDifferences=true'] },
    }, 'multi');
    expect(delivered(...change, multi).argocd?.application).toBe('multi');
    // An Application only in the base says nothing of the new side.
    const { objects } = diffManifests([src(change[0]), delivering(RUN_ONCE)], [src(change[1])], { delivery: { out: 'dist' } });
    expect(objects.find((o) => o.id.kind === 'Experiment')!.argocd).toBeUndefined();
  });

  test('an entry matches by group and kind (globs), and by name and namespace when it gives them', () => {
    const change = [experiment(goal(0.9)), experiment(goal(0.95))] as const;
    const entry = (e: Record<string, unknown>) => delivering([{ jsonPointers: ['/spec/objective'], ...e }]);
    expect(delivered(...change, entry({ group: 'kubeflow.org', kind: 'Experiment', name: 'tune', namespace: 'team' })).argocd?.ignored).toHaveLength(1);
    expect(delivered(...change, entry({ group: '*', kind: 'Exp*' })).argocd?.ignored).toHaveLength(1);
    expect(delivered(...change, entry({ group: 'kubeflow.org', kind: 'Experiment', name: 'other' })).argocd).toBeUndefined();
    expect(delivered(...change, entry({ group: 'kubeflow.org', kind: 'Experiment', namespace: 'other' })).argocd).toBeUndefined();
    expect(delivered(...change, entry({ group: 'trainer.kubeflow.org', kind: 'Experiment' })).argocd).toBeUndefined();
  });

  test('jq path expressions and managed-fields managers are not evaluated: said once per object, and the change is still refused', () => {
    const o = delivered(experiment(goal(0.9)), experiment(goal(0.95)), delivering([
      { group: 'kubeflow.org', kind: 'Experiment', jqPathExpressions: ['.spec.objective'] },
      { group: 'kubeflow.org', kind: 'Experiment', managedFieldsManagers: ['katib-controller'] },
    ]));
    expect(o.argocd).toEqual({
      application: 'dev', respected: true, ignored: [], remedy: expect.any(String),
      unevaluated: [{ entry: 'jqPathExpressions', value: '.spec.objective' }, { entry: 'managedFieldsManagers', value: 'katib-controller' }],
    });
    expect(o.immutable).toHaveLength(1);
  });

  test('RFC 6901 pointers: ~1 is /, ~0 is ~; list indices are those of the new object, for named items too', () => {
    const labelled = (labels: Record<string, string>) => ({ ...notebook('a'), metadata: { ...notebook('a').metadata, labels } });
    const escaped = delivering([{ group: 'kubeflow.org', kind: 'Notebook', jsonPointers: ['/metadata/labels/example.com~1team', '/metadata/labels/a~0b'] }]);
    const o = delivered(labelled({ 'example.com/team': 'x', 'a~b': '1', keep: '1' }), labelled({ 'example.com/team': 'y', 'a~b': '2', keep: '2' }), escaped);
    expect(o.argocd!.ignored.map((c) => formatFieldPath(c.path))).toEqual(['.metadata.labels["example.com/team"]', '.metadata.labels["a~b"]']);
    expect(o.changes).toHaveLength(3);
    // The sidecar is the second container: /initContainers/1 is it, /initContainers/0 is not.
    const two = (image: string, order: string[]) => notebook('a', {}, { initContainers: order.map((n) => ({ name: n, image: n === 'side' ? image : 'x' })) });
    const at = (i: number) => delivering([{ group: 'kubeflow.org', kind: 'Notebook', jsonPointers: [`/spec/template/spec/initContainers/${i}/image`] }]);
    expect(delivered(two('v1', ['main', 'side']), two('v2', ['main', 'side']), at(1)).argocd!.ignored).toHaveLength(1);
    expect(delivered(two('v1', ['main', 'side']), two('v2', ['main', 'side']), at(0)).argocd).toBeUndefined();
    // Moved to index 1: Argo CD would remove the main container's image from the old side, the sidecar's from the new one.
    expect(delivered(two('v1', ['side', 'main']), two('v2', ['main', 'side']), at(1)).argocd).toBeUndefined();
  });

  test('a field added or removed above a pointer is not ignored: Argo CD still sees its (emptied) parent come or go', () => {
    const withExtra = (extra?: Record<string, unknown>) => experiment(extra ? { extra } : {});
    const at = delivering([{ group: 'kubeflow.org', kind: 'Experiment', jsonPointers: ['/spec/extra/x'] }]);
    expect(delivered(withExtra({ x: 1 }), withExtra({ x: 2 }), at).argocd!.ignored).toHaveLength(1);
    expect(delivered(withExtra(), withExtra({ x: 1 }), at).argocd).toBeUndefined();
    expect(delivered(withExtra({ x: 1 }), withExtra(), at).argocd).toBeUndefined();
  });

  test('an object Argo CD re-creates (Force=true,Replace=true) keeps its handling', () => {
    const annotations = { 'argocd.argoproj.io/sync-options': RECREATE_SYNC_OPTIONS };
    const o = delivered(experiment(goal(0.9), annotations), experiment(goal(0.95), annotations), delivering(RUN_ONCE));
    expect([o.argocd, o.recreated, o.immutable.length]).toEqual([undefined, true, 1]);
  });

  test('what diff ignores is what Argo CD\'s own normalizer leaves equal, change by change', () => {
    argocdHarness();
    const extra = (x?: unknown) => experiment(x === undefined ? {} : { extra: { x } });
    const labelled = (labels: Record<string, string>) => ({ ...notebook('a'), metadata: { ...notebook('a').metadata, labels } });
    const two = (image: string, order: string[]) => notebook('a', {}, { initContainers: order.map((n) => ({ name: n, image: n === 'side' ? image : 'x' })) });
    const nb = (pointers: string[]) => [{ group: 'kubeflow.org', kind: 'Notebook', jsonPointers: pointers }];
    const cases: [string, Manifest, Manifest, unknown[]][] = [
      ['goal', experiment(goal(0.9)), experiment(goal(0.95)), RUN_ONCE],
      ['goal and count', experiment(), experiment({ maxTrialCount: 20, ...goal(0.95) }), RUN_ONCE],
      ['trialTemplate removed', experiment({ trialTemplate: { primaryContainerName: 'c' } }), experiment(), RUN_ONCE],
      ['pytorch image', pytorch('a:v1'), pytorch('a:v2'), RUN_ONCE],
      ['escaped labels', labelled({ 'example.com/team': 'x', 'a~b': '1', keep: '1' }), labelled({ 'example.com/team': 'y', 'a~b': '2', keep: '2' }), nb(['/metadata/labels/example.com~1team', '/metadata/labels/a~0b'])],
      ['named item by new index', two('v1', ['side', 'main']), two('v2', ['main', 'side']), nb(['/spec/template/spec/initContainers/1/image'])],
      ['other index', two('v1', ['side', 'main']), two('v2', ['main', 'side']), nb(['/spec/template/spec/initContainers/0/image'])],
      ['named item in place', two('v1', ['main', 'side']), two('v2', ['main', 'side']), nb(['/spec/template/spec/initContainers/1/image'])],
      ['named item appended', two('v1', ['main']), two('v1', ['main', 'side']), nb(['/spec/template/spec/initContainers/1'])],
      ['named item removed from the end', two('v1', ['main', 'side']), two('v1', ['main']), nb(['/spec/template/spec/initContainers/1'])],
      ['below a pointer', extra(1), extra(2), [{ group: 'kubeflow.org', kind: 'Experiment', jsonPointers: ['/spec/extra/x'] }]],
      ['parent added', extra(), extra(1), [{ group: 'kubeflow.org', kind: 'Experiment', jsonPointers: ['/spec/extra/x'] }]],
    ];
    const unhashed = (m: Manifest): Manifest => {
      const copy = structuredClone(m) as Manifest & { metadata: { annotations?: Record<string, string> } };
      delete copy.metadata.annotations?.[ANNOTATIONS.contentHash];
      return copy;
    };
    for (const [name, before, after, entries] of cases) {
      const o = delivered(before, after, delivering(entries));
      // A pointer one side lacks is skipped there (the harness reports it as `error`), as Argo CD does.
      const [b, a] = argocdNormalize(entries, [unhashed(before), unhashed(after)]);
      // Each of our changes is ignored exactly when Argo CD no longer sees it (a moved item may show Argo CD more: our diff matches items by name).
      const seen = new Set(fieldChanges(b.object, a.object).map((c) => formatFieldPath(c.path)));
      const verdicts = o.changes.map((c) => [formatFieldPath(c.path), o.argocd?.ignored.includes(c) ?? false]);
      expect({ name, verdicts }).toEqual({ name, verdicts: o.changes.map((c) => [formatFieldPath(c.path), !seen.has(formatFieldPath(c.path))]) });
    }
  }, ARGOCD_BUILD_TIMEOUT_MS);

  test('two folders (where they lie in the repository unknown): an Application whose path ends with /<stack>, whatever the folders\' names', () => {
    const before = experiment(goal(0.9));
    const after = experiment(goal(0.95));
    const diff = (path: string, out?: string) => diffManifests([src(before)], [src(after), delivering(RUN_ONCE, { path })], { delivery: out === undefined ? {} : { out } }).objects[0];
    for (const path of ['deploy/dist/dev', 'dev', './clusters//dev/', 'manifests/dev']) expect([path, diff(path).argocd?.application]).toEqual([path, 'dev']);
    for (const path of ['deploy/dist/prod', 'dist/devx', 'dev/team', '.', './']) expect([path, diff(path).argocd]).toEqual([path, undefined]);
    // Against git the output folder is known: the path must be <out>/<stack>.
    expect(diff('deploy/dist/dev', 'dist').argocd).toBeUndefined();
    expect(diff('deploy/dist/dev', 'deploy/dist').argocd?.application).toBe('dev');
  });

  test('the stacks of changed objects that no Application delivers, when the new side has Applications (for a notice)', () => {
    const change = (stack: string) => [src(experiment(goal(0.9)), stack), src(experiment(goal(0.95)), stack)] as const;
    const [devBefore, devAfter] = change('dev');
    const [prodBefore, prodAfter] = change('prod');
    const app = delivering(RUN_ONCE, { path: 'x/dev' });
    const d = diffManifests([devBefore, prodBefore], [devAfter, prodAfter, app], { delivery: {} });
    expect(d.undelivered).toEqual(['prod']);
    expect(d.objects.find((o) => o.file?.startsWith('dev/'))!.argocd?.application).toBe('dev');
    // No Application on the new side: nothing to notice (the objects are not delivered by Argo CD, or not from here).
    expect(diffManifests([devBefore, prodBefore], [devAfter, prodAfter], { delivery: {} }).undelivered).toBeUndefined();
    // Every stack delivered, or only added objects in the others: nothing either.
    expect(diffManifests([devBefore], [devAfter, app], { delivery: {} }).undelivered).toBeUndefined();
    expect(diffManifests([devBefore], [devAfter, prodAfter, app], { delivery: {} }).undelivered).toBeUndefined();
    // An Application only in the base counts for nothing.
    expect(diffManifests([devBefore, app], [devAfter], { delivery: {} }).undelivered).toBeUndefined();
  });
});
