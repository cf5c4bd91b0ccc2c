import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const gpuContainer = (name: string, gpus?: number) => ({ name, image: 'nvcr.io/nvidia/pytorch:24.05-py3', resources: gpus === undefined ? {} : { limits: { 'nvidia.com/gpu': String(gpus) } } });
const pytorch = (workerGpus: number | undefined, spec: Record<string, unknown>) =>
  job('PyTorchJob', { Master: replica(1, gpuContainer('pytorch', 8)), Worker: replica(2, gpuContainer('pytorch', workerGpus)) }, spec);
const messages = (...objects: ReturnType<typeof pytorch>[]) => ruleFindings('training-operator/processes-fit-gpus', ...objects).map((f) => `${f.path}: ${f.message}`);

describe('training-operator/processes-fit-gpus', () => {
  test('rejects more processes per pod than GPUs', () => {
    expect(messages(pytorch(4, { nprocPerNode: '8' }), pytorch(1, { elasticPolicy: { nProcPerNode: 2 } }))).toEqual([
      '.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources.limits["nvidia.com/gpu"]: nprocPerNode starts 8 processes per worker pod, but each pod has only 4 GPUs',
      '.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources.limits["nvidia.com/gpu"]: elasticPolicy.nProcPerNode starts 2 processes per worker pod, but each pod has only 1 GPU',
    ]);
    expect(ruleFindings('training-operator/processes-fit-gpus', pytorch(4, { nprocPerNode: '8' }))[0].fix)
      .toBe('request at least 8 GPUs per worker pod, or lower nprocPerNode to 4: each process drives one GPU, and NCCL fails when two share one');
  });

  test('rejects one process per GPU in a pod without GPUs', () => {
    expect(messages(pytorch(undefined, { nprocPerNode: 'gpu' }))).toEqual([
      '.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources: request no GPUs, but nprocPerNode is "gpu" (one process per GPU): torchrun finds no GPU in the worker pod and fails',
    ]);
  });

  test('rejects more MPI slots per worker than GPUs', () => {
    const mpi = job('MPIJob', { Launcher: replica(1, 'mpi'), Worker: replica(2, gpuContainer('mpi', 2)) }, { slotsPerWorker: 4 });
    expect(ruleFindings('training-operator/processes-fit-gpus', mpi).map((f) => f.message)).toEqual(['slotsPerWorker starts 4 processes per worker pod, but each pod has only 2 GPUs']);
  });

  test('accepts processes that fit, CPU pods and torchrun\'s own choice', () => {
    expect(messages(pytorch(8, { nprocPerNode: '8' }), pytorch(undefined, { nprocPerNode: '4' }), pytorch(2, { nprocPerNode: 'auto' }), pytorch(2, { nprocPerNode: 'gpu' }))).toEqual([]);
  });
});
