import { Duration } from 'cdk8s';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu, EnvValue, Gpu, Volume } from '../core';
import { MlPolicy } from './ml-policy';
import { Scheduler } from './scheduling';
import { TrainJob, TrainJobProps } from './train-job';
import { ClusterTrainingRuntime, TrainingRuntime } from './training-runtime';

const image = 'ghcr.io/org/trainer:1.2.0';

const mounts = [{ volume: Volume.fromPersistentVolumeClaim('workspace', { name: 'initializer' }), path: '/workspace' }];

function torchRuntime(stack = testStack(), initializers = true) {
  const rt = new ClusterTrainingRuntime(stack, 'torch', {
    mlPolicy: MlPolicy.torch({ numNodes: 2 }),
    trainer: { image, resources: { gpu: Gpu.nvidia(4) } },
    datasetInitializer: initializers ? { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.0.0', mounts } : undefined,
    modelInitializer: initializers ? { image: 'ghcr.io/kubeflow/trainer/model-initializer:v2.0.0', mounts } : undefined,
  });
  return { stack, rt };
}

describe('TrainJob', () => {
  test('against a ClusterTrainingRuntime construct: runtimeRef, trainer overrides, initializers, Kueue; schema-valid', () => {
    const { stack, rt } = torchRuntime();
    const job = new TrainJob(stack, 'LlamaFinetune', {
      runtime: rt,
      trainer: {
        image: 'ghcr.io/org/llama-trainer:0.3.0',
        command: ['torchrun', 'finetune.py'],
        args: ['--epochs', '3'],
        env: { WANDB_MODE: 'offline', HF_TOKEN: EnvValue.fromSecret('hf', 'token') },
        numNodes: 4,
        numProcPerNode: 8,
        resourcesPerNode: { cpu: { request: Cpu.units(16) }, gpu: Gpu.nvidia(8) },
      },
      datasetInitializer: { storageUri: 'hf://tatsu-lab/alpaca' },
      modelInitializer: { storageUri: 'hf://meta-llama/Llama-3.2-1B-Instruct', secretName: 'hf-token', env: { REVISION: 'main' } },
      scheduler: Scheduler.kueue('gpu-queue'),
      activeDeadline: Duration.hours(6),
    });
    const m = manifest(stack, 'TrainJob');
    expect(m.apiVersion).toBe('trainer.kubeflow.org/v1alpha1');
    expect(m.metadata).toMatchObject({ name: 'llama-finetune', namespace: 'team', labels: expect.objectContaining({ 'kueue.x-k8s.io/queue-name': 'gpu-queue' }) });
    expect(m.spec).toEqual({
      runtimeRef: { apiGroup: 'trainer.kubeflow.org', kind: 'ClusterTrainingRuntime', name: 'torch' },
      trainer: {
        image: 'ghcr.io/org/llama-trainer:0.3.0',
        command: ['torchrun', 'finetune.py'],
        args: ['--epochs', '3'],
        env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }, { name: 'WANDB_MODE', value: 'offline' }],
        numNodes: 4,
        numProcPerNode: 8,
        resourcesPerNode: { requests: { 'cpu': '16', 'nvidia.com/gpu': '8' }, limits: { 'nvidia.com/gpu': '8' } },
      },
      initializer: {
        dataset: { storageUri: 'hf://tatsu-lab/alpaca' },
        model: { storageUri: 'hf://meta-llama/Llama-3.2-1B-Instruct', env: [{ name: 'REVISION', value: 'main' }], secretRef: { name: 'hf-token' } },
      },
      activeDeadlineSeconds: 21600,
    });
    expect(job.primaryContainerName).toBe('node');
    expect(job.primaryPodLabels).toEqual({ 'jobset.sigs.k8s.io/replicatedjob-name': 'node', 'batch.kubernetes.io/job-completion-index': '0' });
    expect(job.numNodes).toBe(4);
    expectSchemaValid(stack);
  });

  test('by name: only the runtimeRef, suspend honoured; addEnv after construction', () => {
    const stack = testStack();
    const job = new TrainJob(stack, 'quick', { runtime: ClusterTrainingRuntime.fromName(stack, 'Torch', 'torch-distributed'), suspend: true });
    job.addEnv('EPOCHS', '1');
    expect(manifest(stack, 'TrainJob').spec).toEqual({
      runtimeRef: { apiGroup: 'trainer.kubeflow.org', kind: 'ClusterTrainingRuntime', name: 'torch-distributed' },
      trainer: { env: [{ name: 'EPOCHS', value: '1' }] },
      suspend: true,
    });
    expect(job.numNodes).toBe(1);
    expect(constructError(() => job.addEnv('EPOCHS', '2')).field).toBe('trainer.env.EPOCHS');
    expect(constructError(() => job.addEnv('1BAD', '2')).field).toBe('trainer.env.1BAD');
    expect(() => stack.toJson()).not.toThrow(); // the rejected variable was taken back
    expectSchemaValid(stack);
  });

  test('a namespaced runtime of the same namespace', () => {
    const stack = testStack();
    const rt = new TrainingRuntime(stack, 'mpi', { mlPolicy: MlPolicy.mpi({ numProcPerNode: 2 }), trainer: { image }, mpiNodes: { image } });
    const job = new TrainJob(stack, 'run', { runtime: rt, trainer: { numNodes: 3 } });
    expect(manifest(stack, 'TrainJob').spec.runtimeRef).toEqual({ apiGroup: 'trainer.kubeflow.org', kind: 'TrainingRuntime', name: 'mpi' });
    // mpirun on the launcher prints what every rank reports.
    expect(job.primaryPodLabels).toEqual({ 'jobset.sigs.k8s.io/replicatedjob-name': 'launcher', 'batch.kubernetes.io/job-completion-index': '0' });
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<TrainJobProps>, string, string]>([
    ['more processes than GPUs per node', { trainer: { numProcPerNode: 8, resourcesPerNode: { gpu: Gpu.nvidia(4) } } }, 'trainer.resourcesPerNode.gpu',
      '8 processes per node, but each node has only 4 GPUs'],
    ['more processes than the runtime\'s GPUs', { trainer: { numProcPerNode: 8 } }, 'trainer.numProcPerNode', '8 processes per node, but each node has only 4 GPUs (from the runtime)'],
    ['zero nodes', { trainer: { numNodes: 0 } }, 'trainer.numNodes', 'must be a whole number ≥ 1, got 0'],
    ['a reserved torchrun variable', { trainer: { env: { PET_NNODES: '2' } } }, 'trainer.env.PET_NNODES', 'is set by the trainer\'s torch plugin'],
    ['a bad env name', { trainer: { env: { '1X': 'y' } } }, 'trainer.env.1X', 'is not a valid environment variable name'],
    ['a bad image', { trainer: { image: 'Bad Image' } }, 'trainer.image', 'is not a valid image reference'],
    ['a storage URI without a scheme', { datasetInitializer: { storageUri: 'tatsu-lab/alpaca' } }, 'datasetInitializer.storageUri', 'is not a URI of the form scheme://'],
    ['gang scheduling on the job', { scheduler: Scheduler.coscheduling() }, 'scheduler', 'a TrainJob is gang-scheduled by its runtime'],
    ['Kueue with suspend', { scheduler: Scheduler.kueue('q'), suspend: true }, 'suspend', 'queued with Kueue'],
    ['a zero deadline', { activeDeadline: Duration.seconds(0) }, 'activeDeadline', 'whole number of seconds ≥ 1'],
    ['a name starting with a digit', { name: '7b-finetune' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name too long for the initializer Jobs', { name: 'n'.repeat(42) }, 'name', 'JobSet derives the name'],
    ['a bad Kubernetes resource request', { trainer: { resourcesPerNode: { cpu: { request: Cpu.units(0) } } } }, 'trainer.resourcesPerNode.cpu.request', 'must be greater than zero'],
  ])('rejects %s', (_what, props, field, problem) => {
    const { stack, rt } = torchRuntime();
    const e = constructError(() => new TrainJob(stack, 'job', { runtime: rt, ...props }));
    expect(e.constructPath).toBe('test/job');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, MlPolicy, string]>([
    ['MPI', MlPolicy.mpi(), 'OMPI_MCA_orte_default_hostfile'],
    ['XGBoost', MlPolicy.xgboost(), 'DMLC_TRACKER_URI'],
  ])('the %s plugin\'s reserved variables are errors', (_what, mlPolicy, variable) => {
    const stack = testStack();
    const rt = new ClusterTrainingRuntime(stack, 'rt', { mlPolicy, trainer: { image }, mpiNodes: mlPolicy.framework === 'mpi' ? { image } : undefined });
    const e = constructError(() => new TrainJob(stack, 'job', { runtime: rt, trainer: { env: { [variable]: 'x' } } }));
    expect(e.field).toBe(`trainer.env.${variable}`);
    expect(e.problem).toContain(`is set by the trainer's ${mlPolicy.framework} plugin`);
  });

  test('initializers need a runtime step that mounts the "initializer" volume', () => {
    const stack = testStack();
    const rt = new ClusterTrainingRuntime(stack, 'rt', {
      trainer: { image },
      datasetInitializer: { image, mounts: [{ volume: Volume.fromPersistentVolumeClaim('workspace'), path: '/workspace' }] },
    });
    const e = constructError(() => new TrainJob(stack, 'job', { runtime: rt, datasetInitializer: { storageUri: 'hf://x/y' } }));
    expect(e.field).toBe('datasetInitializer');
    expect(e.problem).toBe('is set, but the datasetInitializer step of runtime "rt" mounts no volume named "initializer", and the trainer rejects the job');
  });

  test('initializers need the runtime\'s initializer steps', () => {
    const { stack, rt } = torchRuntime(testStack(), false);
    const e = constructError(() => new TrainJob(stack, 'job', { runtime: rt, modelInitializer: { storageUri: 'hf://x/y' } }));
    expect(e.field).toBe('modelInitializer');
    expect(e.problem).toBe('is set, but runtime "torch" has no modelInitializer step, so nothing would download it');
  });

  test('a TrainingRuntime of another namespace is an error', () => {
    const stack = testStack();
    const rt = new TrainingRuntime(stack, 'rt', { namespace: 'other', trainer: { image } });
    expect(constructError(() => new TrainJob(stack, 'job', { runtime: rt })).problem).toBe('TrainingRuntime "rt" is in namespace "other", the job in "team"');
  });

  test('the name leaves room for the pod of each initializer step', () => {
    const { stack, rt } = torchRuntime();
    // "-dataset-initializer-0-0-abcde" is 30 characters: 33 + 30 = 63.
    expect(() => new TrainJob(stack, 'a', { runtime: rt, name: 'a'.repeat(33) })).not.toThrow();
    const e = constructError(() => new TrainJob(stack, 'b', { runtime: rt, name: 'b'.repeat(34) }));
    expect(e.problem).toBe(`"${'b'.repeat(34)}" is too long: JobSet derives the name "${'b'.repeat(34)}-dataset-initializer-0-0-abcde" (64 characters), and at most 63 are allowed`);
    expect(e.fix).toBe(`shorten the name to at most 33 characters, e.g. "${'b'.repeat(33)}"`);
    expect(new TrainJob(stack, 'C'.repeat(40), { runtime: rt }).name).toBe('c'.repeat(33));
    expect(constructError(() => new TrainJob(stack, '7b', { runtime: rt })).problem).toBe('cannot derive a valid DNS-1035 label from the construct id "7b"');
  });

  test('the name leaves room for the pod of the last node', () => {
    const stack = testStack();
    const rt = ClusterTrainingRuntime.fromName(stack, 'Torch', 'torch-distributed');
    // "-node-0-9-abcde" is 15 characters: 48 + 15 = 63.
    expect(() => new TrainJob(stack, 'a', { runtime: rt, name: 'a'.repeat(48), trainer: { numNodes: 10 } })).not.toThrow();
    const e = constructError(() => new TrainJob(stack, 'b', { runtime: rt, name: 'b'.repeat(48), trainer: { numNodes: 11 } }));
    expect(e.problem).toContain(`"${'b'.repeat(48)}-node-0-10-abcde" (64 characters)`);
  });
});
