import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Release, Size, Volume, VolumeAccessMode } from '../core';
import { MlPolicy } from './ml-policy';
import { StepDependency } from './step-graph';
import { TrainJob } from './train-job';
import { ClusterTrainingRuntime, INITIALIZER_VOLUME, TrainingRuntimeBaseProps } from './training-runtime';
import { VolumeClaimPolicy } from './volume-claim-policy';

const image = 'ghcr.io/org/trainer:1.2.0';
const initializer = { volume: Volume.fromPersistentVolumeClaim('workspace', { name: INITIALIZER_VOLUME }), path: '/workspace' };
const trainerAt = (trainer: string) => testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ trainer }) });

/** The rendered replicated jobs: name and what each waits for, in order. */
function graph(props: Partial<TrainingRuntimeBaseProps>, stack = testStack()): Array<[string, string[]]> {
  new ClusterTrainingRuntime(stack, 'rt', { trainer: { image }, ...props });
  return manifest(stack, 'ClusterTrainingRuntime').spec.template.spec.replicatedJobs
    .map((j: any) => [j.name, (j.dependsOn ?? []).map((d: any) => `${d.name}:${d.status}`)]);
}

const dataset = { image, mounts: [initializer] };
const model = { image, mounts: [initializer] };

describe('runtime steps: a free dependsOn graph', () => {
  test('by default the initializers run side by side and the trainer waits for both (as Kubeflow\'s runtimes)', () => {
    expect(graph({ datasetInitializer: dataset, modelInitializer: model })).toEqual([
      ['dataset-initializer', []], ['model-initializer', []], ['node', ['dataset-initializer:Complete', 'model-initializer:Complete']],
    ]);
  });

  test('with Trainer 2.0 (JobSet takes one dependency) they run in turn by default', () => {
    expect(graph({ datasetInitializer: dataset, modelInitializer: model }, trainerAt('2.0.0'))).toEqual([
      ['dataset-initializer', []], ['model-initializer', ['dataset-initializer:Complete']], ['node', ['model-initializer:Complete']],
    ]);
  });

  test('MPI: the nodes wait for the initializers, the launcher for the nodes to be ready', () => {
    expect(graph({ mlPolicy: MlPolicy.mpi(), mpiNodes: { image }, datasetInitializer: dataset })).toEqual([
      ['dataset-initializer', []], ['node', ['dataset-initializer:Complete']], ['launcher', ['node:Ready']],
    ]);
  });

  test('an explicit graph: the model after the dataset, the trainer only after the model; steps are ordered to fit', () => {
    const stack = testStack();
    expect(graph({
      // Given out of order on purpose: the model waits for the dataset, which starts at once.
      datasetInitializer: { ...dataset, dependsOn: [] },
      modelInitializer: { ...model, dependsOn: [StepDependency.complete('dataset-initializer')] },
      trainer: { image, dependsOn: [StepDependency.complete('model-initializer')] },
    }, stack)).toEqual([
      ['dataset-initializer', []], ['model-initializer', ['dataset-initializer:Complete']], ['node', ['model-initializer:Complete']],
    ]);
    expectSchemaValid(stack);
  });

  test('the order follows the graph: a step declared first that waits for a later one moves after it', () => {
    expect(graph({
      datasetInitializer: { ...dataset, dependsOn: [StepDependency.complete('model-initializer')] },
      modelInitializer: model,
    })).toEqual([
      ['model-initializer', []], ['dataset-initializer', ['model-initializer:Complete']], ['node', ['dataset-initializer:Complete', 'model-initializer:Complete']],
    ]);
  });

  test('a trainer that starts at once, beside the initializers', () => {
    expect(graph({ datasetInitializer: dataset, trainer: { image, dependsOn: [] } })).toEqual([['dataset-initializer', []], ['node', []]]);
  });

  test.each<[string, Partial<TrainingRuntimeBaseProps>, string, string]>([
    ['an unknown step', { trainer: { image, dependsOn: [StepDependency.complete('data-loader')] } }, 'trainer.dependsOn', '"data-loader" is not a step of this runtime; its steps are "node"'],
    ['a self-dependency', { trainer: { image, dependsOn: [StepDependency.ready('node')] } }, 'trainer.dependsOn', 'step "node" depends on itself'],
    ['a step listed twice', { datasetInitializer: dataset, trainer: { image, dependsOn: [StepDependency.complete('dataset-initializer'), StepDependency.ready('dataset-initializer')] } },
      'trainer.dependsOn', 'lists step "dataset-initializer" twice'],
    ['a cycle', {
      datasetInitializer: { ...dataset, dependsOn: [StepDependency.complete('model-initializer')] },
      modelInitializer: { ...model, dependsOn: [StepDependency.complete('dataset-initializer')] },
    }, 'datasetInitializer.dependsOn', 'the steps depend on each other in a cycle: dataset-initializer → model-initializer → dataset-initializer'],
    ['a cycle through the trainer', {
      datasetInitializer: { ...dataset, dependsOn: [StepDependency.ready('node')] },
    }, 'datasetInitializer.dependsOn', 'cycle: dataset-initializer → node → dataset-initializer'],
    ['a status JobSet does not know', { datasetInitializer: dataset, trainer: { image, dependsOn: [{ step: 'dataset-initializer', status: 'Running' } as never] } },
      'trainer.dependsOn', 'is not a StepDependency'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => graph(props));
    expect(e.constructPath).toBe('test/rt');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('Trainer 2.0 takes one dependency per step: two are an error naming the release that takes more', () => {
    const e = constructError(() => graph({
      datasetInitializer: dataset, modelInitializer: { ...model, dependsOn: [] },
      trainer: { image, dependsOn: [StepDependency.complete('dataset-initializer'), StepDependency.complete('model-initializer')] },
    }, trainerAt('2.0.0')));
    expect(e.field).toBe('trainer.dependsOn');
    expect(e.problem).toContain('JobSet takes at most 1 with Kubeflow Trainer 2.0.0');
    expect(e.fix).toContain('Kubeflow Trainer 2.1.0 or later');
  });
});

describe('runtime volumeClaimPolicies', () => {
  test('a claim per TrainJob, mounted by the steps; JobSet adds the pod volume, so the runtime has none; schema-valid', () => {
    const stack = testStack();
    const workspace = VolumeClaimPolicy.claim(INITIALIZER_VOLUME, { size: Size.gibibytes(20) });
    const cache = VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(1.5), accessModes: [VolumeAccessMode.READ_WRITE_MANY], storageClass: 'nfs', retain: true });
    const rt = new ClusterTrainingRuntime(stack, 'rt', {
      volumeClaimPolicies: [workspace, cache],
      datasetInitializer: { image, mounts: [{ volume: workspace.volume, path: '/workspace/dataset' }] },
      modelInitializer: { image, mounts: [{ volume: workspace.volume, path: '/workspace/model' }] },
      trainer: { image, mounts: [{ volume: workspace.volume, path: '/workspace' }, { volume: cache.volume, path: '/cache' }] },
    });
    const spec = manifest(stack, 'ClusterTrainingRuntime').spec.template.spec;
    expect(spec.volumeClaimPolicies).toEqual([
      { templates: [{ metadata: { name: 'initializer' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }] },
      { templates: [{ metadata: { name: 'cache' }, spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1536Mi' } }, storageClassName: 'nfs' } }], retentionPolicy: { whenDeleted: 'Retain' } },
    ]);
    for (const job of spec.replicatedJobs) expect(job.template.spec.template.spec.volumes).toBeUndefined();
    expect(spec.replicatedJobs[2].template.spec.template.spec.containers[0].volumeMounts).toEqual([
      { name: 'initializer', mountPath: '/workspace' }, { name: 'cache', mountPath: '/cache' },
    ]);
    // The initializers mount the "initializer" volume, so TrainJobs may set their storageUri.
    expect(rt.details.datasetInitializer).toEqual({ mountsInitializerVolume: true });
    expect(rt.details.sharedClaims).toEqual(['initializer', 'cache']);
    expectSchemaValid(stack);
  });

  test('a TrainJob\'s name leaves room for the claims JobSet names "<claim>-<job>"', () => {
    const stack = testStack();
    const claim = VolumeClaimPolicy.claim('a-rather-long-claim-name', { size: Size.gibibytes(1) });
    const runtime = new ClusterTrainingRuntime(stack, 'rt', { volumeClaimPolicies: [claim], trainer: { image, mounts: [{ volume: claim.volume, path: '/c' }] } });
    const name = 'j'.repeat(63 - 'a-rather-long-claim-name-'.length);
    expect(() => new TrainJob(stack, 'ok', { runtime, name })).not.toThrow();
    const e = constructError(() => new TrainJob(stack, 'long', { runtime, name: `${name}x` }));
    expect(e.field).toBe('name');
    expect(e.problem).toContain(`"a-rather-long-claim-name-${name}x" (64 characters)`);
  });

  test.each<[string, () => Partial<TrainingRuntimeBaseProps>, string, string]>([
    ['an unmounted claim', () => ({ volumeClaimPolicies: [VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(1) })] }), 'volumeClaimPolicies.cache', 'no step mounts claim "cache"'],
    ['a claim twice', () => {
      const c = VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(1) });
      return { volumeClaimPolicies: [c, c], trainer: { image, mounts: [{ volume: c.volume, path: '/c' }] } };
    }, 'volumeClaimPolicies.cache', 'is listed twice'],
    ['a pod volume of a claim\'s name', () => {
      const c = VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(1) });
      return { volumeClaimPolicies: [c], trainer: { image, mounts: [{ volume: Volume.emptyDir('cache'), path: '/c' }] } };
    }, 'trainer.pod.volumes', 'volume "cache" has the name of a claim of volumeClaimPolicies'],
    ['a zero size', () => {
      const c = VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(0) });
      return { volumeClaimPolicies: [c], trainer: { image, mounts: [{ volume: c.volume, path: '/c' }] } };
    }, 'volumeClaimPolicies.cache.size', 'is zero'],
    ['ReadWriteOncePod with another mode', () => {
      const c = VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(1), accessModes: [VolumeAccessMode.READ_WRITE_ONCE_POD, VolumeAccessMode.READ_WRITE_ONCE] });
      return { volumeClaimPolicies: [c], trainer: { image, mounts: [{ volume: c.volume, path: '/c' }] } };
    }, 'volumeClaimPolicies.cache.accessModes', 'combines ReadWriteOncePod'],
    ['a name too long for JobSet\'s claim names', () => {
      const c = VolumeClaimPolicy.claim('c'.repeat(62), { size: Size.gibibytes(1) });
      return { volumeClaimPolicies: [c], trainer: { image, mounts: [{ volume: c.volume, path: '/c' }] } };
    }, `volumeClaimPolicies.${'c'.repeat(62)}`, 'at most 61 are allowed'],
    ['no claims', () => ({ volumeClaimPolicies: [] }), 'volumeClaimPolicies', 'is empty'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new ClusterTrainingRuntime(testStack(), 'rt', { trainer: { image }, ...props() }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('needs Kubeflow Trainer 2.2.0: the error names the version and how to target it', () => {
    const c = VolumeClaimPolicy.claim('cache', { size: Size.gibibytes(1) });
    const e = constructError(() => new ClusterTrainingRuntime(trainerAt('2.1.0'), 'rt', { volumeClaimPolicies: [c], trainer: { image, mounts: [{ volume: c.volume, path: '/c' }] } }));
    expect(e.field).toBe('volumeClaimPolicies');
    expect(e.problem).toContain('needs Kubeflow Trainer 2.2.0 or later');
  });
});
