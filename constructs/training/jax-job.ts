import { Construct } from 'constructs';
import { JAXJob as JAXJobWire } from '../wire/kubeflow-org';
import { ReplicaProps, RestartPolicy } from './replica';
import { TrainingJob, TrainingJobProps } from './training-job';

export interface JAXJobProps extends TrainingJobProps {
  /** The processes of `jax.distributed`; worker 0 is the coordinator. */
  readonly worker: ReplicaProps;
}

/**
 * A JAXJob (`kubeflow.org/v1`): multi-process JAX. The operator sets the coordinator address,
 * process count and id in the container named `jax`.
 *
 * Synth checks the manifest with the `training-operator/*` rules, which mirror
 * pkg/webhooks/jax/jaxjob_webhook.go (DNS-1035 name, Worker only, container `jax`).
 */
export class JAXJob extends TrainingJob {
  constructor(scope: Construct, id: string, props: JAXJobProps) {
    super(scope, id, props, {
      kind: 'JAXJob',
      containerName: 'jax',
      defaultRestartPolicy: RestartPolicy.NEVER,
      roles: [{ def: { key: 'worker', type: 'Worker', minReplicas: 1 }, props: props.worker }],
      required: { keys: ['worker'], problem: 'a JAXJob needs workers, and has none', fix: 'add `worker: { replicas: N, image, … }`' },
      spec: ({ runPolicy, replicaSpecs }): NonNullable<JAXJobWire['spec']> => ({ runPolicy, jaxReplicaSpecs: replicaSpecs }),
    });
  }
}
