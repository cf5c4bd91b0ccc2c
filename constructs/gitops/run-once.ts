// Jobs, TrainJobs and Katib Experiments run once: under GitOps, a change to a finished one
// must not silently re-run it (or fail every sync on an immutable field), and a deleted one
// must not come back. How the delivery treats them is one explicit choice, made here.
import { groupOf, Manifest } from '../../manifest';
import { RECREATE_SYNC_OPTIONS } from '../../manifest/immutable-fields';
import { Stack } from '../core';
import { IgnoreDifferenceProps } from './application-spec';
import { withSyncOptions } from './sync-options';

/** The kinds that run to completion once: Kubernetes Jobs, the six Trainer v1 jobs, TrainJobs and Katib Experiments. */
export const RUN_ONCE_KINDS: ReadonlyArray<{ readonly group: string; readonly kind: string }> = [
  { group: 'batch', kind: 'Job' },
  ...['PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob'].map((kind) => ({ group: 'kubeflow.org', kind })),
  { group: 'trainer.kubeflow.org', kind: 'TrainJob' },
  { group: 'kubeflow.org', kind: 'Experiment' },
];

/** Argo CD's hook annotation: hooks run per sync by design, so the stance does not apply to them. */
const HOOK = 'argocd.argoproj.io/hook';

/** What Argo CD does when the code changes a job, TrainJob or Experiment that already ran. */
export enum RunOnce {
  /**
   * Keep what ran (the default): the Applications ignore the spec of run-once kinds when
   * comparing and syncing (`ignoreDifferences` + `RespectIgnoreDifferences=true`), except the
   * fields the cluster lets change (an Experiment's trial counts). A changed job neither fails
   * the sync on an immutable field nor re-runs; `cdk8s-kubeflow diff` shows the change with its
   * remedy. To run again, give the object a new name (Argo CD creates it and prunes the old one).
   */
  KEEP_FINISHED = 'keep-finished',
  /**
   * Re-run on change: every run-once object is annotated `Force=true,Replace=true`, so a change
   * makes Argo CD delete and re-create it, and it runs again from the start.
   */
  RECREATE_ON_CHANGE = 'recreate-on-change',
}

/** Whether `o` is a run-once object the stance applies to. */
export function isRunOnce(o: Manifest): boolean {
  if (o.metadata?.annotations?.[HOOK] !== undefined) return false;
  const group = groupOf(o.apiVersion);
  return RUN_ONCE_KINDS.some((k) => k.group === group && k.kind === o.kind);
}

/**
 * Every top-level `spec` field of a Katib Experiment but the three counts Katib lets change
 * (manifest/immutable-fields.ts), as in its schema (schemas/<preset>/json, every served version; a test
 * fails when the schema gains a field this list lacks). Listed, not computed with a jq path, so
 * that the rule is exact and `cdk8s-kubeflow diff` can evaluate it as Argo CD does.
 */
export const EXPERIMENT_IGNORED_SPEC_FIELDS: readonly string[] = [
  'algorithm', 'earlyStopping', 'metricsCollectorSpec', 'nasConfig', 'objective', 'parameters', 'resumePolicy', 'trialTemplate',
];

/**
 * The Application's ignoreDifferences for the run-once kinds among `objects`: the whole
 * `spec`, or for an Experiment every spec field but its counts. JSON pointers only: Argo CD
 * skips a pointer the object lacks.
 * @internal
 */
export function runOnceIgnoreDifferences(objects: readonly Manifest[]): IgnoreDifferenceProps[] {
  const kinds = RUN_ONCE_KINDS.filter((k) => objects.some((o) => isRunOnce(o) && o.kind === k.kind && groupOf(o.apiVersion) === k.group));
  return kinds.map(({ group, kind }) => ({
    group, kind,
    jsonPointers: group === 'kubeflow.org' && kind === 'Experiment' ? EXPERIMENT_IGNORED_SPEC_FIELDS.map((f) => `/spec/${f}`) : ['/spec'],
  }));
}

/** Marks every run-once object of the stack `Force=true,Replace=true` (RunOnce.RECREATE_ON_CHANGE). @internal */
export function recreateRunOnceOnChange(stack: Stack): void {
  stack.addTransform((objects) => objects.map((o) => (isRunOnce(o) ? withSyncOptions(o, ...RECREATE_SYNC_OPTIONS.split(',')) : o)));
}

