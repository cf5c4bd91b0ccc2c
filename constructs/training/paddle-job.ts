import { Construct } from 'constructs';
import { PaddleJob as PaddleJobWire } from '../wire/kubeflow-org';
import { checkElasticRange, ReplicaProps, RestartPolicy } from './replica';
import { TrainingJob, TrainingJobProps } from './training-job';

/** Elastic PaddlePaddle training (`elasticPolicy`): workers may come and go between min and max. */
export interface PaddleElasticPolicyProps {
  /** @default - the worker replicas */
  readonly minReplicas?: number;
  /** @default - the worker replicas */
  readonly maxReplicas?: number;
  /** @default - Paddle's default */
  readonly maxRestarts?: number;
}

export interface PaddleJobProps extends TrainingJobProps {
  /** Parameter servers (parameter-server mode). @default - none: collective mode */
  readonly master?: ReplicaProps;
  /** Trainers (in both modes). */
  readonly worker: ReplicaProps;
  /** @default - a fixed-size job */
  readonly elasticPolicy?: PaddleElasticPolicyProps;
}

/**
 * A PaddleJob (`kubeflow.org/v1`): distributed PaddlePaddle, in collective mode (workers only)
 * or parameter-server mode (master and workers). The main container is named `paddle`.
 *
 * Synth checks the manifest with the `training-operator/*` rules, which mirror
 * pkg/webhooks/paddlepaddle/paddlepaddle_webhook.go (DNS-1035 name, Master and Worker only,
 * container `paddle`).
 */
export class PaddleJob extends TrainingJob {
  constructor(scope: Construct, id: string, props: PaddleJobProps) {
    const elastic = props.elasticPolicy;
    super(scope, id, props, {
      kind: 'PaddleJob',
      containerName: 'paddle',
      defaultRestartPolicy: RestartPolicy.ON_FAILURE,
      roles: [
        { def: { key: 'master', type: 'Master' }, props: props.master },
        { def: { key: 'worker', type: 'Worker', minReplicas: 1 }, props: props.worker },
      ],
      required: {
        keys: ['worker'],
        problem: 'a PaddleJob needs workers (the trainers, in collective and parameter-server mode alike), and has none',
        fix: 'add `worker: { replicas: N, image, … }`',
      },
      maxReplicas: (key) => (key === 'worker' ? elastic?.maxReplicas : undefined),
      validate: (job, roles) => {
        if (!elastic) return;
        checkElasticRange(job, 'elasticPolicy', roles.find((r) => r.def.key === 'worker')!, elastic);
      },
      spec: ({ runPolicy, replicaSpecs }): NonNullable<PaddleJobWire['spec']> => ({ runPolicy, paddleReplicaSpecs: replicaSpecs, elasticPolicy: elastic ? { minReplicas: elastic.minReplicas, maxReplicas: elastic.maxReplicas, maxRestarts: elastic.maxRestarts } : undefined }),
    });
  }
}
