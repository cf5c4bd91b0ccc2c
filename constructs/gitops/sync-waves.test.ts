import { ApiObject } from 'cdk8s';
import { synthesize } from '../../cli/synthesize';
import { contentHash, describeResource, INVENTORY_API_VERSION, isInventory, Manifest } from '../../manifest';
import { buildApp } from '../../stacks/main';
import { buildEveryKindApp } from '../../test/every-kind';
import { manifests, testStack } from '../../test/util';
import { ARGOCD_SYNC_WAVE, dependencies, deriveSyncWaves, isPrerequisite } from './sync-waves';

const waveOf = (o: Manifest) => Number(o.metadata?.annotations?.[ARGOCD_SYNC_WAVE]);

/** The stack's objects as `Kind name: wave`. */
function wavesOf(stack: any): string[] {
  deriveSyncWaves(stack);
  return stack.toJson().map((o: Manifest) => `${o.kind} ${o.metadata?.name}: ${o.metadata?.annotations?.[ARGOCD_SYNC_WAVE]}`);
}

/** The synth findings of the stack's app, as `resource: path: message`. */
function findingsOf(stack: any): string[] {
  deriveSyncWaves(stack);
  return synthesize(stack.node.root).findings.map((f) => `${f.resource}: ${f.path}: ${f.message}`);
}

const configMap = (stack: any, name: string, extra: Record<string, unknown> = {}, annotations?: Record<string, string>) =>
  new ApiObject(stack, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team', annotations }, ...extra });

describe('derived sync waves', () => {
  const dev = synthesize(buildApp()).sources.filter((s) => s.file!.startsWith('dev/')).map((s) => s.object);
  const wave = (kind: string) => [...new Set(dev.filter((o) => o.kind === kind).map(waveOf))];

  test('the default stack: namespaces and Profiles, then what pods use, then every workload in one last wave', () => {
    expect(wave('Profile')).toEqual([0]);
    expect(wave('Namespace')).toEqual([0]);
    for (const kind of ['ServiceAccount', 'RoleBinding', 'PodDefault']) expect({ kind, waves: wave(kind) }).toEqual({ kind, waves: [1] });
    // Nothing long-running gates a wave: claims (Pending until their pod exists), jobs and experiments (Progressing for their run) are all last.
    for (const kind of ['PersistentVolumeClaim', 'Notebook', 'InferenceService', 'PyTorchJob', 'Experiment']) expect({ kind, waves: wave(kind) }).toEqual({ kind, waves: [2] });
    expect(Math.max(...dev.map(waveOf))).toBe(2);
    // The stack's Inventory (kstatus: Progressing while a job runs) is in the last wave, gating nothing.
    expect(wave('Inventory')).toEqual([2]);
  });

  test('every-kind app: prerequisites after the prerequisites they need, every leaf in one wave after all of them', () => {
    const stack = buildEveryKindApp().node.children[0] as any;
    deriveSyncWaves(stack);
    const objects: Manifest[] = stack.toJson();
    const deps = dependencies(objects);
    const violations = objects.flatMap((o, i) => deps[i].filter((j) => isPrerequisite(objects[j]) && waveOf(objects[j]) >= waveOf(o))
      .map((j) => `${describeResource(o)} needs ${describeResource(objects[j])}`));
    expect(violations).toEqual([]);
    const last = Math.max(...objects.filter(isPrerequisite).map(waveOf)) + 1;
    const leaves = objects.filter((o) => !isPrerequisite(o));
    expect([...new Set(leaves.map((o) => o.kind))]).toEqual(expect.arrayContaining(['PersistentVolumeClaim', 'Notebook', 'TrainJob', 'PyTorchJob', 'Experiment', 'InferenceService', 'InferenceGraph']));
    expect([...new Set(leaves.map(waveOf))]).toEqual([last]);
    expect(leaves.filter(isInventory).map(waveOf)).toEqual([last]);
    // The edges the order stands on exist: each kind below needs one of the prerequisites beside it.
    const needs = (kind: string, needed: string[]) => objects.some((o, i) => o.kind === kind && deps[i].some((j) => needed.includes(objects[j].kind)));
    expect(needs('TrainJob', ['TrainingRuntime', 'ClusterTrainingRuntime'])).toBe(true);
    expect(needs('Experiment', ['TrainingRuntime', 'ClusterTrainingRuntime'])).toBe(true); // a TrainJob trial
    expect(needs('InferenceService', ['ServingRuntime', 'ClusterServingRuntime'])).toBe(true);
    expect(needs('Notebook', ['PodDefault'])).toBe(true);
    expect(needs('RoleBinding', ['Profile'])).toBe(true);
  });

  test('a leaf never gates anything: a PodDefault mounting a claim stays before it; unknown kinds and a disabled runtime are leaves', () => {
    const stack = testStack();
    new ApiObject(stack, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'team' } });
    new ApiObject(stack, 'pd', { apiVersion: 'kubeflow.org/v1alpha1', kind: 'PodDefault', metadata: { name: 'pd', namespace: 'team' }, spec: { selector: { matchLabels: { a: 'b' } }, volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    new ApiObject(stack, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner', namespace: 'team' } });
    new ApiObject(stack, 'rb', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'team' }, roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: 'runner' }] });
    new ApiObject(stack, 'off', { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ServingRuntime', metadata: { name: 'off', namespace: 'team' }, spec: { disabled: true } });
    new ApiObject(stack, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team' } });
    expect(wavesOf(stack)).toEqual(['PersistentVolumeClaim data: 2', 'PodDefault pd: 0', 'ServiceAccount runner: 0', 'RoleBinding rb: 1', 'ServingRuntime off: 2', 'Widget w: 2', 'Inventory test: 2']);
  });

  test('a stack of leaves only is wave 0', () => {
    const stack = testStack();
    new ApiObject(stack, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'team' } });
    expect(wavesOf(stack)).toEqual(['PersistentVolumeClaim data: 0', 'Inventory test: 0']);
  });

  test('a hand-set wave is kept; what needs it comes after it (derived waves never below 0), and the leaves after every prerequisite', () => {
    const stack = testStack();
    configMap(stack, 'early', {}, { [ARGOCD_SYNC_WAVE]: '-5' });
    configMap(stack, 'late', {}, { [ARGOCD_SYNC_WAVE]: '3' });
    configMap(stack, 'user', { spec: { volumes: [{ configMap: { name: 'early' } }] } });
    new ApiObject(stack, 'pvc', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'team', annotations: { [ARGOCD_SYNC_WAVE]: '1' } } });
    new ApiObject(stack, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' } });
    deriveSyncWaves(stack); // idempotent
    expect(wavesOf(stack)).toEqual(['ConfigMap early: -5', 'ConfigMap late: 3', 'ConfigMap user: 0', 'PersistentVolumeClaim data: 1', 'Job j: 4', 'Inventory test: 4']);
  });

  test('a hand-set wave that is not a whole number is a synth error naming the object', () => {
    const stack = testStack();
    configMap(stack, 'c', {}, { [ARGOCD_SYNC_WAVE]: 'first' });
    expect(findingsOf(stack)).toEqual([`test: sync-waves: v1 ConfigMap team/c has ${ARGOCD_SYNC_WAVE}: "first", which is not a whole number`]);
  });

  test('a cycle among prerequisites is a synth error naming the objects in order; a hand-set wave on one breaks it', () => {
    const stack = testStack();
    // Hand-written objects (escape hatch) that each mount the other's config map.
    configMap(stack, 'a', { spec: { volumes: [{ configMap: { name: 'b' } }] } });
    configMap(stack, 'b', { spec: { volumes: [{ configMap: { name: 'a' } }] } });
    const findings = synthesize((deriveSyncWaves(stack), stack.node.root as any)).findings;
    expect(findings.map((f) => `${f.resource}: ${f.path}: ${f.message}`)).toEqual([
      'test: sync-waves: the objects depend on each other in a cycle, so no order applies them: v1 ConfigMap team/a → v1 ConfigMap team/b → v1 ConfigMap team/a',
    ]);
    expect(findings[0].fix).toContain('remove one of the references');

    const broken = testStack();
    configMap(broken, 'a', { spec: { volumes: [{ configMap: { name: 'b' } }] } }, { [ARGOCD_SYNC_WAVE]: '0' });
    configMap(broken, 'b', { spec: { volumes: [{ configMap: { name: 'a' } }] } });
    expect(wavesOf(broken)).toEqual(['ConfigMap a: 0', 'ConfigMap b: 1', 'Inventory test: 1']);
  });

  test('the Inventory is in the highest wave of the stack, a hand-set one above the leaves included, and its content hash covers it', () => {
    const stack = testStack();
    new ApiObject(stack, 'late', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'late', namespace: 'team', annotations: { [ARGOCD_SYNC_WAVE]: '7' } } });
    configMap(stack, 'c');
    new ApiObject(stack, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' } });
    expect(wavesOf(stack)).toEqual(['Job late: 7', 'ConfigMap c: 0', 'Job j: 1', 'Inventory test: 7']);
    const inventory: any = stack.toJson().find(isInventory);
    expect(inventory.metadata.annotations[ARGOCD_SYNC_WAVE]).toBe('7');
    expect(inventory.metadata.annotations['cdk8s-kubeflow.io/content-hash']).toBe(contentHash(inventory));
  });

  test('an Inventory carries no wave when no object of its stack does (a stack not delivered by Argo CD)', () => {
    const stack = testStack();
    new ApiObject(stack, 'job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' } });
    const inventory: any = stack.toJson().find(isInventory);
    expect(inventory.metadata.annotations).not.toHaveProperty([ARGOCD_SYNC_WAVE]);
    expect(manifests(stack).map((o) => o.metadata.annotations?.[ARGOCD_SYNC_WAVE])).toEqual([undefined]);
  });

  test('a CustomResourceDefinition is a prerequisite (before the custom resources of its stack); an Inventory is not', () => {
    expect(isPrerequisite({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' } })).toBe(true);
    expect(isPrerequisite({ apiVersion: INVENTORY_API_VERSION, kind: 'Inventory', metadata: { name: 'test' } })).toBe(false);
  });
});
