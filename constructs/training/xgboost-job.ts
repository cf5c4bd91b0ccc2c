import { Construct } from 'constructs';
import { XGBoostJob as XGBoostJobWire } from '../wire/kubeflow-org';
import { ReplicaProps, RestartPolicy } from './replica';
import { TrainingJob, TrainingJobProps } from './training-job';

export interface XGBoostJobProps extends TrainingJobProps {
  /** The tracker (rabit/collective coordinator) that also trains; exactly one replica. */
  readonly master: ReplicaProps;
  /** @default - none: the master trains alone */
  readonly worker?: ReplicaProps;
}

/**
 * An XGBoostJob (`kubeflow.org/v1`): distributed XGBoost. The operator sets the tracker address
 * and ranks in the container named `xgboost`.
 *
 * A Master is required; synth checks the manifest with the `training-operator/*` rules, which
 * mirror pkg/webhooks/xgboost/xgboostjob_webhook.go (DNS-1035 name, exactly one Master replica).
 */
export class XGBoostJob extends TrainingJob {
  constructor(scope: Construct, id: string, props: XGBoostJobProps) {
    super(scope, id, props, {
      kind: 'XGBoostJob',
      containerName: 'xgboost',
      defaultRestartPolicy: RestartPolicy.NEVER,
      roles: [
        { def: { key: 'master', type: 'Master', rankZero: true }, props: props.master },
        { def: { key: 'worker', type: 'Worker' }, props: props.worker },
      ],
      required: {
        keys: ['master'],
        problem: 'an XGBoostJob needs a master (the tracker), and has none',
        fix: 'add `master: { image, … }` (and `worker` for more trainers)',
      },
      spec: ({ runPolicy, replicaSpecs }): NonNullable<XGBoostJobWire['spec']> => ({ runPolicy, xgbReplicaSpecs: replicaSpecs }),
    });
  }
}
