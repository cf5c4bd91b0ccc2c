// Plain training manifests for the training-operator and trainer rules' tests: v1 jobs
// (kubeflow.org/v1), Trainer v2 runtimes and TrainJobs (trainer.kubeflow.org/v1alpha1).
import { Manifest } from '../manifest';
import { ANCESTOR_LABEL } from '../policies/rules/trainer/runtimes';
import { JOB_KINDS } from '../policies/rules/training-operator/jobs';

/** A replica spec: `replicas` (left out when undefined) and one container per name, each with an image. */
export function replica(replicas: number | undefined, ...containers: Array<string | Record<string, unknown>>): Record<string, unknown> {
  return {
    ...(replicas === undefined ? {} : { replicas }),
    template: { spec: { containers: containers.map((c) => (typeof c === 'string' ? { name: c, image: 'ghcr.io/org/trainer:1.0.0' } : c)) } },
  };
}

/** A v1 job of `kind` named `name` with these replica specs and other spec fields. */
export function job(kind: string, specs: Record<string, unknown>, spec: Record<string, unknown> = {}, name = 'train'): Manifest {
  return { apiVersion: 'kubeflow.org/v1', kind, metadata: { name, namespace: 'team' }, spec: { [JOB_KINDS[kind].specsField]: specs, ...spec } };
}

// Trainer v2.

/** A replicated job: its name, ancestor label (when given) and containers (names, or whole containers). */
export function replicatedJob(name: string, ancestor: string | undefined, ...containers: Array<string | Record<string, unknown>>): Record<string, unknown> {
  return {
    name,
    template: {
      ...(ancestor ? { metadata: { labels: { [ANCESTOR_LABEL]: ancestor } } } : {}),
      spec: { template: { spec: { containers: containers.map((c) => (typeof c === 'string' ? { name: c, image: 'ghcr.io/org/step:1.0.0' } : c)) } } },
    },
  };
}

/** A mount of the initializer volume, for initializer containers. */
export const initializerMount = { volumeMounts: [{ name: 'initializer', mountPath: '/workspace' }] };

/** A runtime (a ClusterTrainingRuntime unless a namespace is given) with these replicated jobs and ML policy. */
export function runtime(name: string, replicatedJobs: unknown[], mlPolicy?: Record<string, unknown>, namespace?: string): Manifest {
  return {
    apiVersion: 'trainer.kubeflow.org/v1alpha1',
    kind: namespace ? 'TrainingRuntime' : 'ClusterTrainingRuntime',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { ...(mlPolicy ? { mlPolicy } : {}), template: { spec: { replicatedJobs } } },
  };
}

/** A torch runtime with both initializers and a trainer node of `gpus` GPUs. */
export function torchRuntime(name = 'torch', gpus = 4): Manifest {
  return runtime(name, [
    replicatedJob('dataset-initializer', 'dataset-initializer', { name: 'dataset-initializer', image: 'x', ...initializerMount }),
    replicatedJob('model-initializer', 'model-initializer', { name: 'model-initializer', image: 'x', ...initializerMount }),
    replicatedJob('node', 'trainer', { name: 'node', image: 'x', resources: { limits: { 'nvidia.com/gpu': gpus } } }),
  ], { numNodes: 1, torch: {} });
}

/** A TrainJob in namespace `team` with this spec (runtimeRef defaults to ClusterTrainingRuntime "torch"). */
export function trainJob(spec: Record<string, unknown> = {}, namespace = 'team'): Manifest {
  return { apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 'run', namespace }, spec: { runtimeRef: { name: 'torch' }, ...spec } };
}
