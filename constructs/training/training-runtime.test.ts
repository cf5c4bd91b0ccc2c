import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { collectWarnings, Gpu, Size, Volume } from '../core';
import { Tenant } from '../tenancy';
import { MlPolicy, PodGroupPolicy } from './ml-policy';
import { ClusterTrainingRuntime, TrainingRuntime, TrainingRuntimeBaseProps } from './training-runtime';

const image = 'pytorch/pytorch:2.7.1-cuda12.6-cudnn9-runtime';
const initializerVolume = Volume.fromPersistentVolumeClaim('workspace', { name: 'initializer' });

describe('ClusterTrainingRuntime', () => {
  test('torch with initializers: side by side, then the trainer; ancestor labels, required container names, gang policy; cluster-scoped; schema-valid', () => {
    const stack = testStack();
    const rt = new ClusterTrainingRuntime(stack, 'TorchDistributedGpu', {
      mlPolicy: MlPolicy.torch({ numNodes: 2 }),
      podGroupPolicy: PodGroupPolicy.coscheduling({ scheduleTimeout: Duration.minutes(2) }),
      datasetInitializer: { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.0.0', mounts: [{ volume: initializerVolume, path: '/workspace/dataset' }] },
      modelInitializer: { image: 'ghcr.io/kubeflow/trainer/model-initializer:v2.0.0', mounts: [{ volume: initializerVolume, path: '/workspace/model' }] },
      trainer: { image, resources: { gpu: Gpu.nvidia(4) }, sharedMemory: Size.gibibytes(8), pod: { priorityClassName: 'training' } },
    });
    const m = manifest(stack, 'ClusterTrainingRuntime');
    expect(m.apiVersion).toBe('trainer.kubeflow.org/v1alpha1');
    expect(m.metadata.namespace).toBeUndefined();
    expect(m.metadata.name).toBe('torch-distributed-gpu');
    expect(m.metadata.labels['trainer.kubeflow.org/framework']).toBe('torch');
    expect(m.spec.mlPolicy).toEqual({ numNodes: 2, torch: {} });
    expect(m.spec.podGroupPolicy).toEqual({ coscheduling: { scheduleTimeoutSeconds: 120 } });
    const jobs = m.spec.template.spec.replicatedJobs;
    expect(jobs.map((j: any) => [j.name, j.template.metadata.labels['trainer.kubeflow.org/trainjob-ancestor-step'], j.template.spec.template.spec.containers[0].name, j.dependsOn]))
      .toEqual([
        // As Kubeflow's own runtimes (torchtune): the initializers in parallel, the nodes after both.
        ['dataset-initializer', 'dataset-initializer', 'dataset-initializer', undefined],
        ['model-initializer', 'model-initializer', 'model-initializer', undefined],
        ['node', 'trainer', 'node', [{ name: 'dataset-initializer', status: 'Complete' }, { name: 'model-initializer', status: 'Complete' }]],
      ]);
    expect(jobs[2].template.spec.template.spec).toMatchObject({ priorityClassName: 'training', tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(rt.details).toEqual({
      framework: 'torch', numNodes: 2, numProcPerNode: undefined, trainerGpu: Gpu.nvidia(4),
      datasetInitializer: { mountsInitializerVolume: true }, modelInitializer: { mountsInitializerVolume: true },
      steps: ['dataset-initializer', 'model-initializer', 'node'],
    });
    expect(rt.kind).toBe('ClusterTrainingRuntime');
    expect(rt.primaryContainerName).toBe('node');
    expect(collectWarnings(stack)).toEqual([]);
    expectSchemaValid(stack);
  });

  test('synth warns of an initializer step without the "initializer" volume: TrainJobs that set its storageUri are rejected', () => {
    const stack = testStack();
    const rt = new ClusterTrainingRuntime(stack, 'rt', {
      trainer: { image },
      modelInitializer: { image, mounts: [{ volume: Volume.fromPersistentVolumeClaim('models'), path: '/workspace/model' }] },
    });
    expect(rt.details.modelInitializer).toEqual({ mountsInitializerVolume: false });
    expect(collectWarnings(stack)).toEqual([]);
    expect(policyFindings(stack, 'trainer/')).toEqual([expect.objectContaining({
      severity: 'warning', rule: 'trainer/runtime-initializer-volume', construct: 'test/rt',
      path: '.spec.template.spec.replicatedJobs[0].template.spec.template.spec.containers[0].volumeMounts',
      message: 'include no volume named "initializer", so the trainer rejects every TrainJob that sets spec.initializer.model',
    })]);
  });

  test('the runtimes it renders pass the runtime webhook\'s rules', () => {
    const stack = testStack();
    new ClusterTrainingRuntime(stack, 'torch', { mlPolicy: MlPolicy.torch(), trainer: { image }, datasetInitializer: { image, mounts: [{ volume: initializerVolume, path: '/d' }] } });
    new TrainingRuntime(stack, 'mpi', { mlPolicy: MlPolicy.mpi(), trainer: { image }, mpiNodes: { image } });
    expect(policyFindings(stack, 'trainer/')).toEqual([]);
  });
});

describe('TrainingRuntime', () => {
  test('MPI: sshd nodes, then the launcher (trainer ancestor, container "node") once they are Ready; namespaced; schema-valid', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'research', { owner: 'a@b.co' });
    const rt = new TrainingRuntime(stack, 'deepspeed', {
      tenant,
      mlPolicy: MlPolicy.mpi({ numNodes: 2, numProcPerNode: 4, sshAuthMountPath: '/home/mpiuser/.ssh' }),
      podGroupPolicy: PodGroupPolicy.volcano(),
      trainer: { image: 'ghcr.io/kubeflow/trainer/deepspeed-runtime:v2.0.0', securityContext: { runAsUser: 1000 } },
      mpiNodes: { image: 'ghcr.io/kubeflow/trainer/deepspeed-runtime:v2.0.0', command: ['/usr/sbin/sshd', '-De'], securityContext: { runAsUser: 1000, capabilities: { add: ['SYS_CHROOT'] } } },
      istioSidecar: true,
    });
    const m = manifest(stack, 'TrainingRuntime');
    expect(m.metadata.namespace).toBe('research');
    expect(rt.namespace).toBe('research');
    expect(m.spec.template.spec.network).toEqual({ publishNotReadyAddresses: true });
    expect(m.spec.template.spec.successPolicy).toEqual({ operator: 'All', targetReplicatedJobs: ['launcher'] });
    const [node, launcher] = m.spec.template.spec.replicatedJobs;
    expect(node.name).toBe('node');
    expect(node.template.metadata).toBeUndefined();
    expect(node.template.spec.template.spec.containers[0]).toMatchObject({ name: 'node', command: ['/usr/sbin/sshd', '-De'] });
    expect(launcher).toMatchObject({ name: 'launcher', dependsOn: [{ name: 'node', status: 'Ready' }], template: { metadata: { labels: { 'trainer.kubeflow.org/trainjob-ancestor-step': 'trainer' } } } });
    expect(launcher.template.spec.template.spec.containers[0].name).toBe('node');
    expect(launcher.template.spec.template.metadata).toBeUndefined();
    expect(rt.details.steps).toEqual(['node', 'launcher']);
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<TrainingRuntimeBaseProps>, string, string]>([
    ['MPI without nodes', { mlPolicy: MlPolicy.mpi() }, 'mpiNodes', 'is required with MlPolicy.mpi()'],
    ['nodes without MPI', { mlPolicy: MlPolicy.torch(), mpiNodes: { image } }, 'mpiNodes', 'is only for MPI runtimes, and this one is torch'],
    ['a priority class on an initializer', { datasetInitializer: { image, pod: { priorityClassName: 'high' } } }, 'datasetInitializer.pod.priorityClassName', 'only the trainer step may set a priority class'],
    ['a bad initializer image', { modelInitializer: { image: 'Bad Image' } }, 'modelInitializer.image', 'is not a valid image reference'],
    ['a bad trainer volume mount', { trainer: { image, mounts: [{ volume: initializerVolume, path: 'workspace' }] } }, 'trainer.mounts', 'is not absolute'],
    ['zero nodes', { mlPolicy: MlPolicy.torch({ numNodes: 0 }) }, 'mlPolicy.numNodes', 'must be a whole number ≥ 1'],
    ['an invalid name', { name: 'Torch_Runtime' }, 'name', 'is not a valid DNS-1123 subdomain'],
    ['a name longer than a label value', { name: 'r'.repeat(64) }, 'name', 'at most 63 are allowed, because it is also the value of the app.kubernetes.io/instance label'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new TrainingRuntime(testStack(), 'rt', { trainer: { image }, ...props }));
    expect(e.constructPath).toBe('test/rt');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});

describe('fromName', () => {
  test('names a runtime that is not defined here, checking the name', () => {
    const stack = testStack();
    const cluster = ClusterTrainingRuntime.fromName(stack, 'Torch', 'torch-distributed');
    expect([cluster.kind, cluster.name, cluster.namespace, cluster.details]).toEqual(['ClusterTrainingRuntime', 'torch-distributed', undefined, undefined]);
    const mine = TrainingRuntime.fromName(stack, 'Mine', 'mine');
    expect([mine.kind, mine.name]).toEqual(['TrainingRuntime', 'mine']);
    expect(constructError(() => TrainingRuntime.fromName(stack, 'Bad', 'Not_A_Name')).field).toBe('name');
  });
});
