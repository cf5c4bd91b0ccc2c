import { App, Duration } from 'cdk8s';
import { ClusterTrainingRuntime, collectWarnings, Gpu, INITIALIZER_VOLUME, MlPolicy, NprocPerNode, PodGroupPolicy, PyTorchJob, PyTorchJobProps, Scheduler, Size, Stack, Tenant, TrainJob, Volume } from 'cdk8s-kubeflow';
import { formatFinding } from '../../manifest';
import { policyFindings } from '../../test/policy';
import { codeBlocks, linesNotIn, readmeSection } from '../../test/readme-section';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest } from '../../test/util';

// The snippets and error messages of the README's "Distributed training" section, kept true.
const SECTION = readmeSection('Distributed training');

function devStack() {
  const stack = new Stack(new App(), 'dev');
  const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
  return { stack, research };
}

describe('"Distributed training" README section', () => {
  test('a multi-node GPU PyTorchJob, gang-scheduled, in under 20 lines', () => {
    const { stack, research } = devStack();
    const node = {
      image: 'nvcr.io/nvidia/pytorch:24.05-py3',
      command: ['torchrun', '/workspace/train.py'],
      resources: { gpu: Gpu.nvidia(8) },                    // + toleration of the GPU taint
      sharedMemory: Size.gibibytes(64),                     // /dev/shm for NCCL and DataLoader
    };
    new PyTorchJob(stack, 'LlmPretrain', {                  // PyTorchJob "llm-pretrain"
      tenant: research,
      master: node,                                         // rank 0
      worker: { ...node, replicas: 3 },                     // 4 nodes × 8 GPUs
      nprocPerNode: NprocPerNode.count(8),                  // 8 torchrun processes per pod
      scheduler: Scheduler.coscheduling({ scheduleTimeout: Duration.minutes(10) }),
    });
    const job = manifest(stack, 'PyTorchJob');
    expect(job.metadata.name).toBe('llm-pretrain');
    expect(job.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].name).toBe('pytorch');
    expect(job.spec.pytorchReplicaSpecs.Worker.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    expectSchemaValid(stack);
    expect(codeBlocks(SECTION, 'ts')[0].split('\n').filter((l) => l.trim()).length).toBeLessThan(20);
  });

  test('a runtime and a TrainJob against it', () => {
    const { stack, research } = devStack();
    // A ReadWriteMany claim in the job's namespace: the initializers download into it, the nodes read it.
    // The trainer passes a TrainJob's storageUri only to initializers that mount a volume named "initializer".
    const workspace = Volume.fromPersistentVolumeClaim('training-workspace', { name: INITIALIZER_VOLUME });
    const mounts = [{ volume: workspace, path: '/workspace' }];
    const runtime = new ClusterTrainingRuntime(stack, 'TorchFinetune', {
      mlPolicy: MlPolicy.torch({ numNodes: 1 }),             // or MlPolicy.mpi({ numProcPerNode, implementation: MpiImplementation.OPEN_MPI }), .jax(), .xgboost()
      podGroupPolicy: PodGroupPolicy.coscheduling({ scheduleTimeout: Duration.minutes(5) }),   // or .volcano()
      datasetInitializer: { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.0.0', mounts },
      modelInitializer: { image: 'ghcr.io/kubeflow/trainer/model-initializer:v2.0.0', mounts },
      trainer: { image: 'pytorch/pytorch:2.7.1-cuda12.6-cudnn9-runtime', resources: { gpu: Gpu.nvidia(4) }, mounts },
    });
    new TrainJob(stack, 'LlamaFinetune', {
      tenant: research,
      runtime,                                                // or ClusterTrainingRuntime.fromName(stack, 'Torch', 'torch-distributed')
      trainer: { image: 'ghcr.io/example/llama-finetune:0.3.0', command: ['torchrun', 'finetune.py'], numNodes: 2, numProcPerNode: 4 },
      datasetInitializer: { storageUri: 'hf://tatsu-lab/alpaca' },
      modelInitializer: { storageUri: 'hf://meta-llama/Llama-3.2-1B-Instruct', secretName: 'hf-token' },
    });
    expect(manifest(stack, 'TrainJob').spec.runtimeRef.name).toBe('torch-finetune');
    expect(collectWarnings(stack)).toEqual([]);
    expectSchemaValid(stack);
  });

  test('every line of the section\'s snippets is one of the lines run above', () => {
    expect(codeBlocks(SECTION, 'ts')).toHaveLength(2);
    expect(linesNotIn(codeBlocks(SECTION, 'ts'), __filename)).toEqual([]);
  });

  test('the mistakes it shows are what the constructor throws and synth reports', () => {
    const gpuNode = { image: 'nvcr.io/nvidia/pytorch:24.05-py3', resources: { gpu: Gpu.nvidia(4) } };
    const { stack, research } = devStack();
    const thrown = `error: ${constructError(() => new PyTorchJob(stack, 'LlmFinetune', { tenant: research })).message}`;
    const mistakes: PyTorchJobProps[] = [
      { worker: { ...gpuNode, replicas: 2 }, nprocPerNode: NprocPerNode.count(8) },
      { worker: { ...gpuNode, replicas: 6 }, elasticPolicy: { minReplicas: 2, maxReplicas: 4 } },
    ];
    const reported = mistakes.map((props) => {
      const dev = devStack();
      new PyTorchJob(dev.stack, 'LlmFinetune', { tenant: dev.research, ...props });
      return policyFindings(dev.stack).map(formatFinding).join('\n\n');
    });
    expect([thrown, ...reported].join('\n\n')).toBe(codeBlocks(SECTION, '')[0].trimEnd());
  });
});
