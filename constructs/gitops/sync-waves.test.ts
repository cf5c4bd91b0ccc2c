import { ApiObject } from 'cdk8s';
import { synthesize } from '../../cli/synthesize';
import { describeResource, Manifest } from '../../manifest';
import { buildApp } from '../../stacks/main';
import { buildEveryKindApp } from '../../test/every-kind';
import { testStack } from '../../test/util';
import { ARGOCD_SYNC_WAVE, dependencies, deriveSyncWaves } from './sync-waves';

const waveOf = (o: Manifest) => Number(o.metadata?.annotations?.[ARGOCD_SYNC_WAVE]);

describe('derived sync waves', () => {
  const dev = synthesize(buildApp()).sources.filter((s) => s.file!.startsWith('dev/')).map((s) => s.object);
  const wave = (kind: string, name?: string) => [...new Set(dev.filter((o) => o.kind === kind && (!name || o.metadata?.name === name)).map(waveOf))];

  test('the default stack: namespaces and Profiles, then what pods use, then the workloads that use it', () => {
    expect(wave('Profile')).toEqual([0]);
    expect(wave('Namespace')).toEqual([0]);
    for (const kind of ['ServiceAccount', 'RoleBinding', 'PersistentVolumeClaim', 'PodDefault']) expect({ kind, waves: wave(kind) }).toEqual({ kind, waves: [1] });
    // Notebooks mount their workspace claim and are mutated by the PodDefault; the InferenceService runs as its storage account.
    expect(wave('Notebook')).toEqual([2]);
    expect(wave('InferenceService')).toEqual([2]);
    // The job and the experiment need only their namespace here (their claim "shared-datasets" is made outside the stack).
    expect(wave('PyTorchJob')).toEqual([1]);
    expect(wave('Experiment')).toEqual([1]);
  });

  test('every object is in a higher wave than everything it needs (the every-kind app: runtimes, TrainJobs, trials, graphs)', () => {
    const app = buildEveryKindApp();
    const stack = app.node.children[0] as any;
    deriveSyncWaves(stack);
    const objects: Manifest[] = stack.toJson();
    const deps = dependencies(objects);
    const violations = objects.flatMap((o, i) => deps[i].filter((j) => waveOf(objects[j]) >= waveOf(o)).map((j) => `${describeResource(o)} needs ${describeResource(objects[j])}`));
    expect(violations).toEqual([]);
    // The edges the test stands on exist: each kind below needs one of the kinds beside it.
    const needs = (kind: string, needed: string[]) => objects.some((o, i) => o.kind === kind && deps[i].some((j) => needed.includes(objects[j].kind)));
    expect(needs('TrainJob', ['TrainingRuntime', 'ClusterTrainingRuntime'])).toBe(true);
    expect(needs('Experiment', ['TrainingRuntime', 'ClusterTrainingRuntime'])).toBe(true); // a TrainJob trial
    expect(needs('InferenceGraph', ['InferenceService'])).toBe(true);
    expect(needs('InferenceService', ['ServingRuntime', 'ClusterServingRuntime'])).toBe(true);
    expect(needs('Notebook', ['PodDefault'])).toBe(true);
    expect(needs('RoleBinding', ['Profile'])).toBe(true);
  });

  test('an explicit wave is kept; derived ones count from it being elsewhere', () => {
    const stack = testStack();
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team', annotations: { [ARGOCD_SYNC_WAVE]: '-5' } } });
    deriveSyncWaves(stack);
    deriveSyncWaves(stack); // idempotent
    expect(stack.toJson()[0].metadata.annotations[ARGOCD_SYNC_WAVE]).toBe('-5');
  });

  test('a dependency cycle is a synth error naming the objects in order', () => {
    const stack = testStack();
    // Hand-written objects (escape hatch) that each mount the other's config map.
    new ApiObject(stack, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'team' }, spec: { volumes: [{ configMap: { name: 'b' } }] } });
    new ApiObject(stack, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'team' }, spec: { volumes: [{ configMap: { name: 'a' } }] } });
    deriveSyncWaves(stack);
    const findings = synthesize(stack.node.root as any).findings;
    expect(findings.map((f) => `${f.resource}: ${f.path}: ${f.message}`)).toEqual([
      'test: sync-waves: the objects depend on each other in a cycle, so no order applies them: v1 ConfigMap team/a → v1 ConfigMap team/b → v1 ConfigMap team/a',
    ]);
    expect(findings[0].fix).toContain('remove one of the references');
  });
});
