import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
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
    ['zero nodes', { trainer: { numNodes: 0 } }, 'trainer.numNodes', 'must be a whole number ≥ 1, got 0'],
    ['a bad env name', { trainer: { env: { '1X': 'y' } } }, 'trainer.env.1X', 'is not a valid environment variable name'],
    ['a bad image', { trainer: { image: 'Bad Image' } }, 'trainer.image', 'is not a valid image reference'],
    ['a storage URI without a scheme', { datasetInitializer: { storageUri: 'tatsu-lab/alpaca' } }, 'datasetInitializer.storageUri', 'is not a URI of the form scheme://'],
    ['gang scheduling on the job', { scheduler: Scheduler.coscheduling() }, 'scheduler', 'a TrainJob is gang-scheduled by its runtime'],
    ['Kueue with suspend', { scheduler: Scheduler.kueue('q'), suspend: true }, 'suspend', 'queued with Kueue'],
    ['a zero deadline', { activeDeadline: Duration.seconds(0) }, 'activeDeadline', 'whole number of seconds ≥ 1'],
    ['a name starting with a digit', { name: '7b-finetune' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name too long for the initializer Jobs', { name: 'n'.repeat(42) }, 'name', 'JobSet derives the name'],
    ['a bad Kubernetes resource request', { trainer: { resourcesPerNode: { cpu: { request: Cpu.units(0) } } } }, 'trainer.resourcesPerNode.cpu.request', 'must be greater than zero'],
  ])('rejects %s at construction', (_what, props, field, problem) => {
    const { stack, rt } = torchRuntime();
    const e = constructError(() => new TrainJob(stack, 'job', { runtime: rt, ...props }));
    expect(e.constructPath).toBe('test/job');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, Partial<TrainJobProps>, string, string, string]>([
    ['more processes than GPUs per node', { trainer: { numProcPerNode: 8, resourcesPerNode: { gpu: Gpu.nvidia(4) } } }, 'trainjob-processes-fit-gpus',
      '.spec.trainer.resourcesPerNode.limits["nvidia.com/gpu"]', 'numProcPerNode starts 8 processes per node, but each node has only 4 GPUs'],
    ['more processes than the runtime\'s GPUs', { trainer: { numProcPerNode: 8 } }, 'trainjob-processes-fit-gpus',
      '.spec.trainer.numProcPerNode', 'numProcPerNode starts 8 processes per node, but each node has only 4 GPUs (from ClusterTrainingRuntime "torch")'],
    ['a reserved torchrun variable', { trainer: { env: { PET_NNODES: '2' } } }, 'trainjob-reserved-env',
      '.spec.trainer.env[0].name', 'PET_NNODES is set by the trainer\'s torch plugin (PET_MASTER_ADDR, PET_MASTER_PORT, PET_NNODES, PET_NODE_RANK, PET_NPROC_PER_NODE)'],
  ])('synth reports %s', (_what, props, rule, path, message) => {
    const { stack, rt } = torchRuntime();
    new TrainJob(stack, 'job', { runtime: rt, ...props });
    expect(policyFindings(stack, 'trainer/')).toEqual([expect.objectContaining({ rule: `trainer/${rule}`, construct: 'test/job', path, message })]);
  });

  test.each<[string, MlPolicy, string]>([
    ['MPI', MlPolicy.mpi(), 'OMPI_MCA_orte_default_hostfile'],
    ['XGBoost', MlPolicy.xgboost(), 'DMLC_TRACKER_URI'],
  ])('synth reports the %s plugin\'s reserved variables', (_what, mlPolicy, variable) => {
    const stack = testStack();
    const rt = new ClusterTrainingRuntime(stack, 'rt', { mlPolicy, trainer: { image }, mpiNodes: mlPolicy.framework === 'mpi' ? { image } : undefined });
    new TrainJob(stack, 'job', { runtime: rt, trainer: { env: { [variable]: 'x' } } });
    expect(policyFindings(stack, 'trainer/')).toEqual([expect.objectContaining({
      rule: 'trainer/trainjob-reserved-env', path: '.spec.trainer.env[0].name', message: expect.stringContaining(`${variable} is set by the trainer's ${mlPolicy.framework} plugin`),
    })]);
  });

  test('synth reports initializers whose runtime step mounts no "initializer" volume (and warns of the runtime)', () => {
    const stack = testStack();
    const rt = new ClusterTrainingRuntime(stack, 'rt', {
      trainer: { image },
      datasetInitializer: { image, mounts: [{ volume: Volume.fromPersistentVolumeClaim('workspace'), path: '/workspace' }] },
    });
    new TrainJob(stack, 'job', { runtime: rt, datasetInitializer: { storageUri: 'hf://x/y' } });
    expect(policyFindings(stack, 'trainer/').map((f) => `${f.severity} ${f.construct}: ${f.rule}: ${f.path}: ${f.message}`)).toEqual([
      'warning test/rt: trainer/runtime-initializer-volume: .spec.template.spec.replicatedJobs[0].template.spec.template.spec.containers[0].volumeMounts: include no volume named "initializer", so the trainer rejects every TrainJob that sets spec.initializer.dataset',
      'error test/job: trainer/trainjob-initializers: .spec.initializer.dataset: is set, but the dataset-initializer container of ClusterTrainingRuntime "rt" mounts no volume named "initializer", and the trainer rejects the job',
    ]);
  });

  test('synth reports initializers the runtime has no step for', () => {
    const { stack, rt } = torchRuntime(testStack(), false);
    new TrainJob(stack, 'job', { runtime: rt, modelInitializer: { storageUri: 'hf://x/y' } });
    expect(policyFindings(stack, 'trainer/')).toEqual([expect.objectContaining({
      rule: 'trainer/trainjob-initializers', construct: 'test/job', path: '.spec.initializer.model', message: 'is set, but ClusterTrainingRuntime "torch" has no model-initializer step, so nothing would download it',
    })]);
  });

  test('synth warns of a TrainingRuntime of another namespace', () => {
    const stack = testStack();
    const rt = new TrainingRuntime(stack, 'rt', { namespace: 'other', trainer: { image } });
    new TrainJob(stack, 'job', { runtime: rt });
    expect(policyFindings(stack, 'trainer/')).toEqual([expect.objectContaining({
      severity: 'warning', rule: 'trainer/trainjob-runtime-mismatch', construct: 'test/job', path: '.spec.runtimeRef.name',
      message: 'TrainingRuntime "rt" is in namespace "other", the job in "team": a TrainJob uses only a TrainingRuntime of its own namespace',
    })]);
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
