import { Duration } from 'cdk8s';
import { CleanPodPolicy, Cpu, Gpu, NprocPerNode, PyTorchJob, PyTorchJobProps, RestartPolicy, Size, Stack, Tenant, Volume } from 'cdk8s-kubeflow';

export interface TrainingOptions {
  /** Workers of the fine-tuning job. @default 1 */
  readonly workers?: number;
  /** GPUs (and torchrun processes) per worker. @default 1 */
  readonly gpusPerWorker?: number;
  /** Node label of the GPU node pool. @default 'nvidia.com/gpu.present' = 'true' */
  readonly gpuNodeSelector?: Record<string, string>;
}

/** What the fine-tuning job runs, shared by the job itself and the tuning experiment's trials. */
export interface FinetuneOptions {
  /** GPUs (and torchrun processes) per worker. */
  readonly gpus: number;
  /** Extra arguments of finetune.py, e.g. hyperparameters. */
  readonly args: string[];
  /** Node label of the GPU node pool. @default 'nvidia.com/gpu.present' = 'true' */
  readonly gpuNodeSelector?: Record<string, string>;
}

/** The PyTorchJob props of the ResNet fine-tuning job, without tenant and run policy. */
export function finetuneJobProps(options: FinetuneOptions): PyTorchJobProps {
  const gpus = options.gpus;
  return {
    worker: {
      image: 'nvcr.io/nvidia/pytorch:24.05-py3',
      command: ['torchrun', '/opt/train/finetune.py', '--data', '/data/imagenette', ...options.args],
      resources: {
        cpu: { request: Cpu.units(4 * gpus), limit: Cpu.units(8 * gpus) },
        memory: { request: Size.gibibytes(24 * gpus), limit: Size.gibibytes(24 * gpus) },
        gpu: Gpu.nvidia(gpus),
      },
      sharedMemory: Size.gibibytes(8),
      restartPolicy: RestartPolicy.EXIT_CODE,
    },
    nprocPerNode: NprocPerNode.count(gpus),
    pod: { nodeSelector: options.gpuNodeSelector ?? { 'nvidia.com/gpu.present': 'true' } },
    mounts: [{ volume: Volume.fromPersistentVolumeClaim('shared-datasets', { readOnly: true }), path: '/data', readOnly: true }],
  };
}

/**
 * The platform's training workload: a PyTorchJob in the tenant's namespace that fine-tunes a
 * ResNet on the shared datasets. It is sized to fit the tenant's GPU quota next to its GPU
 * notebook (1 GPU by default), and keeps the finished job (no TTL) so that Argo CD does not
 * recreate it.
 */
export function addTraining(stack: Stack, tenant: Tenant, options: TrainingOptions = {}): PyTorchJob {
  const job = finetuneJobProps({ gpus: options.gpusPerWorker ?? 1, args: ['--epochs', '10'], gpuNodeSelector: options.gpuNodeSelector });
  return new PyTorchJob(stack, 'ResnetFinetune', {
    ...job,
    tenant,
    worker: { ...job.worker!, replicas: options.workers ?? 1 },
    // Running: pods still up when the job ends are deleted and free their GPUs (the operator's default keeps them).
    runPolicy: { cleanPodPolicy: CleanPodPolicy.RUNNING, backoffLimit: 3, activeDeadline: Duration.hours(12) },
  });
}
