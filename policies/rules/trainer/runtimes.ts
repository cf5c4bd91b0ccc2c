// Trainer v2 (trainer.kubeflow.org/v1alpha1, kubeflow/trainer v2.3.0) as plain JSON: the runtimes'
// replicated jobs and a TrainJob's runtime, found in the set of objects checked.
import { Manifest } from '../../../manifest';
import { asArray, asObject, asString, Json } from '../json';
import { KindSelector, RuleContext } from '../rule';

export const GROUP = 'trainer.kubeflow.org';
export const TRAIN_JOB: readonly KindSelector[] = [{ group: GROUP, kind: 'TrainJob', versions: ['v1alpha1'] }];
export const RUNTIMES: readonly KindSelector[] = ['TrainingRuntime', 'ClusterTrainingRuntime'].map((kind) => ({ group: GROUP, kind, versions: ['v1alpha1'] }));

/** The label that tells the trainer which step a replicated job is (constants.LabelTrainJobAncestor). */
export const ANCESTOR_LABEL = 'trainer.kubeflow.org/trainjob-ancestor-step';
/** Replicated job, ancestor and container names of pkg/constants. */
export const STEP = { trainer: 'trainer', node: 'node', launcher: 'launcher', datasetInitializer: 'dataset-initializer', modelInitializer: 'model-initializer' } as const;
/** The volume an initializer downloads into (VolumeNameInitializer). */
export const INITIALIZER_VOLUME = 'initializer';

/** One of a runtime's `spec.template.spec.replicatedJobs`. */
export interface ReplicatedJob {
  readonly name?: string;
  readonly ancestor?: string;
  readonly json: Json;
  /** Its pod spec (`template.spec.template.spec`). */
  readonly pod: Json;
  /** Path segments of the entry, e.g. `['spec', 'template', 'spec', 'replicatedJobs', 2]`. */
  readonly at: ReadonlyArray<string | number>;
}

export function replicatedJobsOf(runtime: Manifest): ReplicatedJob[] {
  const list = asArray(asObject(asObject(asObject(runtime.spec)?.template)?.spec)?.replicatedJobs);
  return list.map((entry, i) => {
    const json = asObject(entry) ?? {};
    const template = asObject(json.template);
    return {
      name: asString(json.name),
      ancestor: asString(asObject(asObject(template?.metadata)?.labels)?.[ANCESTOR_LABEL]),
      json,
      pod: asObject(asObject(asObject(template?.spec)?.template)?.spec) ?? {},
      at: ['spec', 'template', 'spec', 'replicatedJobs', i],
    };
  });
}

/** A replicated job's containers (`containers`, or `initContainers`), as objects. */
export function containersOf(job: ReplicatedJob, field: 'containers' | 'initContainers' = 'containers'): Json[] {
  return asArray(job.pod[field]).map((c) => asObject(c) ?? {});
}

/** The framework of a runtime's ML policy: the plugin that configures its trainer. */
export function frameworkOf(runtime: Manifest): string | undefined {
  const policy = asObject(asObject(runtime.spec)?.mlPolicy);
  return ['torch', 'mpi', 'jax', 'xgboost', 'flux'].find((f) => policy?.[f] !== undefined);
}

/** A TrainJob's `spec.runtimeRef`, with the schema's defaults. */
export function runtimeRefOf(job: Manifest): { readonly apiGroup: string; readonly kind: string; readonly name?: string } {
  const ref = asObject(asObject(job.spec)?.runtimeRef);
  return { apiGroup: asString(ref?.apiGroup) ?? GROUP, kind: asString(ref?.kind) ?? 'ClusterTrainingRuntime', name: asString(ref?.name) };
}

/**
 * The runtime a TrainJob refers to, when the set holds it: a TrainingRuntime of the job's
 * namespace, or a ClusterTrainingRuntime. Undefined otherwise: it may exist in the cluster.
 */
export function runtimeOf(job: Manifest, context: RuleContext<object>): Manifest | undefined {
  const ref = runtimeRefOf(job);
  if (ref.apiGroup !== GROUP || !ref.name) return undefined;
  const namespace = job.metadata?.namespace;
  if (ref.kind === 'TrainingRuntime') return context.objectNamed(GROUP, 'TrainingRuntime', ref.name, namespace)?.object;
  if (ref.kind === 'ClusterTrainingRuntime') return context.objectNamed(GROUP, 'ClusterTrainingRuntime', ref.name)?.object;
  return undefined;
}

/** The replicated jobs a TrainJob's `runtimePatches` change: the trainer merges them into the runtime before checking it. */
export function patchedJobs(job: Manifest): Set<string> {
  const names = asArray(asObject(job.spec)?.runtimePatches).flatMap((p) =>
    asArray(asObject(asObject(asObject(asObject(p)?.trainingRuntimeSpec)?.template)?.spec)?.replicatedJobs).map((j) => asString(asObject(j)?.name)));
  return new Set(names.filter((n): n is string => !!n));
}

/** A short name for messages: `ClusterTrainingRuntime "torch"`. */
export function describeRuntime(runtime: Manifest): string {
  return `${runtime.kind} "${runtime.metadata?.name}"`;
}
