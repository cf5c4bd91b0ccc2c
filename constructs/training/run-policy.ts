import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail, field as join, wholeSeconds } from '../core';
import { PyTorchJob } from '../wire/kubeflow-org';
import { RenderedScheduling } from './scheduling';

/** `spec.runPolicy`, the same in every v1 job kind. @internal */
export type RunPolicy = NonNullable<NonNullable<PyTorchJob['spec']>['runPolicy']>;

/**
 * Which pods the operator deletes once the job has finished (`runPolicy.cleanPodPolicy`). The
 * training operator's default for every kind is `None` (SetDefaults_* in kubeflow/trainer
 * v1.9.x pkg/apis/kubeflow.org/v1/*_defaults.go).
 */
export enum CleanPodPolicy {
  /** Keep every pod (and its logs) until the job is deleted. The operator's default. */
  NONE = 'None',
  /** Delete pods still running (parameter servers, evaluators, stragglers) so they free their GPUs; keep finished ones for their logs. */
  RUNNING = 'Running',
  /** Delete every pod, finished or not. */
  ALL = 'All',
}

/** What happens to a v1 training job while and after it runs (`spec.runPolicy`). */
export interface RunPolicyProps {
  /**
   * Which pods to delete when the job finishes. `CleanPodPolicy.RUNNING` frees the GPUs of pods
   * still running (parameter servers, evaluators, stragglers) and keeps finished ones for their logs.
   * @default - the operator's: CleanPodPolicy.NONE (not rendered)
   */
  readonly cleanPodPolicy?: CleanPodPolicy;
  /**
   * Delete the job this long after it finishes.
   *
   * Avoid it with GitOps: once the operator deletes the finished job, Argo CD sees a resource
   * of the desired state missing and (with auto-sync) creates it again, so the job runs again.
   * Leave it unset, free GPUs with `cleanPodPolicy`, and delete the job by removing it from git.
   * Synth warns when it is set (`platform/ttl-gitops`).
   * @default - the job is kept until it is deleted (recommended with GitOps)
   */
  readonly ttlAfterFinished?: Duration;
  /** Fail the job when it has run this long. @default - no deadline */
  readonly activeDeadline?: Duration;
  /** Pod restarts (or re-creations) allowed before the job is marked failed. @default - the operator's default */
  readonly backoffLimit?: number;
  /**
   * Create the job suspended (no pods until `suspend` is set to false). Not allowed with
   * `Scheduler.kueue()`: Kueue owns this field and resumes the job when it admits it.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * Validates and renders `spec.runPolicy`; `field` is where the props sit (e.g. `runPolicy`).
 * Undefined when nothing differs from the operator's defaults. @internal
 */
export function renderRunPolicy(scope: IConstruct, field: string, props: RunPolicyProps, scheduling: RenderedScheduling): RunPolicy | undefined {
  const out: RunPolicy = {};
  if (props.cleanPodPolicy !== undefined) out.cleanPodPolicy = props.cleanPodPolicy;
  if (props.ttlAfterFinished !== undefined) out.ttlSecondsAfterFinished = wholeSeconds(scope, join(field, 'ttlAfterFinished'), props.ttlAfterFinished, 0);
  if (props.activeDeadline !== undefined) out.activeDeadlineSeconds = wholeSeconds(scope, join(field, 'activeDeadline'), props.activeDeadline, 1);
  if (props.backoffLimit !== undefined) {
    if (!Number.isInteger(props.backoffLimit) || props.backoffLimit < 0) {
      fail(scope, join(field, 'backoffLimit'), `must be a whole number ≥ 0, got ${props.backoffLimit}`, 'give the number of retries, e.g. 3, or 0 to fail on the first error');
    }
    out.backoffLimit = props.backoffLimit;
  }
  if (props.suspend !== undefined) {
    if (scheduling.ownsSuspend) {
      fail(scope, join(field, 'suspend'), 'is set, but the job is queued with Kueue, which suspends and resumes it itself',
        'remove suspend; to hold the job back, stop the LocalQueue (kubectl patch localqueue … stopPolicy) or use another queue');
    }
    if (props.suspend) out.suspend = true;
  }
  if (scheduling.schedulingPolicy) out.schedulingPolicy = scheduling.schedulingPolicy;
  return Object.keys(out).length ? out : undefined;
}
