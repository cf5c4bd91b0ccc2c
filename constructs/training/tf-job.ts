import { Construct } from 'constructs';
import { fail } from '../core';
import { TFJob as TFJobWire } from '../wire/kubeflow-org';
import { ReplicaProps, RestartPolicy } from './replica';
import { TrainingJob, TrainingJobProps } from './training-job';

/** When a TFJob counts as succeeded (`successPolicy`). */
export enum TfSuccessPolicy {
  /** When the chief finishes, or worker 0 when there is no chief (the operator's default). */
  CHIEF_OR_WORKER_0 = '',
  /** When every worker has finished. */
  ALL_WORKERS = 'AllWorkers',
}

export interface TFJobProps extends TrainingJobProps {
  /** The coordinating task (exactly one replica); it also checkpoints and writes summaries. @default - none: worker 0 coordinates */
  readonly chief?: ReplicaProps;
  /** Parameter servers (ParameterServerStrategy). @default - none */
  readonly ps?: ReplicaProps;
  /** @default - none */
  readonly worker?: ReplicaProps;
  /** A side task evaluating checkpoints (exactly one replica). @default - none */
  readonly evaluator?: ReplicaProps;
  /** @default TfSuccessPolicy.CHIEF_OR_WORKER_0 */
  readonly successPolicy?: TfSuccessPolicy;
  /** Let workers join and leave while the job runs (the operator then rewrites TF_CONFIG). @default false */
  readonly enableDynamicWorker?: boolean;
}

/**
 * A TFJob (`kubeflow.org/v1`): distributed TensorFlow. The operator writes TF_CONFIG into the
 * container named `tensorflow`.
 *
 * The construct requires a chief or workers; synth checks the manifest with the
 * `training-operator/*` rules: the webhook's (DNS-1035 name, at most one of Chief and Master)
 * and TensorFlow's (one chief, at most one evaluator).
 */
export class TFJob extends TrainingJob {
  constructor(scope: Construct, id: string, props: TFJobProps) {
    super(scope, id, props, {
      kind: 'TFJob',
      containerName: 'tensorflow',
      defaultRestartPolicy: RestartPolicy.NEVER,
      roles: [
        { def: { key: 'chief', type: 'Chief', rankZero: true }, props: props.chief },
        { def: { key: 'ps', type: 'PS' }, props: props.ps },
        { def: { key: 'worker', type: 'Worker' }, props: props.worker },
        { def: { key: 'evaluator', type: 'Evaluator' }, props: props.evaluator },
      ],
      required: {
        keys: ['chief', 'worker'],
        problem: 'a TFJob needs a chief or workers, and has neither',
        fix: 'add `worker: { replicas: N, image, … }` (and `chief` for a dedicated coordinator)',
      },
      validate: (job, roles) => {
        if (props.successPolicy === TfSuccessPolicy.ALL_WORKERS && !roles.some((r) => r.def.key === 'worker' && (r.props.replicas ?? 1) > 0)) {
          fail(job, 'successPolicy', 'is AllWorkers, but the job has no workers', 'add workers, or use TfSuccessPolicy.CHIEF_OR_WORKER_0');
        }
      },
      spec: ({ runPolicy, replicaSpecs }): NonNullable<TFJobWire['spec']> => ({ runPolicy, tfReplicaSpecs: replicaSpecs, successPolicy: props.successPolicy || undefined,
        enableDynamicWorker: props.enableDynamicWorker || undefined, }),
    });
  }
}
