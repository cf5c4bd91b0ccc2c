import { Construct } from 'constructs';
import { checkCount, fail } from '../core';
import { PyTorchJob as PyTorchJobWire, PyTorchJobElasticPolicyMetric } from '../wire/kubeflow-org';
import { ElasticMetric } from './elastic-metric';
import { checkElasticBounds, ReplicaProps, replicasOf, RestartPolicy } from './replica';
import { TrainingJob, TrainingJobProps } from './training-job';

/** torchrun's rendezvous backend (`elasticPolicy.rdzvBackend`). */
export enum RendezvousBackend {
  /** The built-in TCP store on the rank-0 pod; needs nothing else. */
  C10D = 'c10d',
  /** An etcd server (v3 API) at `rdzvHost`. */
  ETCD = 'etcd',
  /** An etcd server through the v2 API at `rdzvHost`. */
  ETCD_V2 = 'etcd-v2',
}

/** Processes torchrun starts per pod (`nprocPerNode`): a count, or one per GPU or CPU. */
export class NprocPerNode {
  /** Exactly `n` processes per pod; the pod's GPUs must be at least `n`. */
  static count(n: number): NprocPerNode {
    return new NprocPerNode(String(n), n);
  }
  /** One per GPU when the pod has GPUs, else one per CPU (torchrun's `auto`). */
  static auto(): NprocPerNode {
    return new NprocPerNode('auto');
  }
  /** One per GPU; every role must request GPUs. */
  static gpu(): NprocPerNode {
    return new NprocPerNode('gpu');
  }
  /** One per CPU core. */
  static cpu(): NprocPerNode {
    return new NprocPerNode('cpu');
  }
  private constructor(
    /** The wire value: a number as a string, `auto`, `gpu` or `cpu`. */
    public readonly value: string,
    /** The count, when it is one. */
    public readonly count?: number,
  ) {}
}

/**
 * Elastic training: torchrun keeps training while workers come and go between min and max
 * (`elasticPolicy`). Both bounds are rendered, so that the operator's own default (a missing
 * bound takes the other's value) never applies.
 */
export interface ElasticPolicyProps {
  /** @default - the worker replicas */
  readonly minReplicas?: number;
  /** @default - the worker replicas */
  readonly maxReplicas?: number;
  /** @default RendezvousBackend.C10D */
  readonly rdzvBackend?: RendezvousBackend;
  /** Rendezvous server host; required for the etcd backends. @default - the rank-0 pod (c10d) */
  readonly rdzvHost?: string;
  /** @default - the backend's default port */
  readonly rdzvPort?: number;
  /** Extra rendezvous settings (torchrun `--rdzv-conf`). @default - none */
  readonly rdzvConf?: Record<string, string>;
  /** How often the whole worker group may be restarted after a failure. @default - torchrun's default (3) */
  readonly maxRestarts?: number;
  /**
   * Processes per pod.
   * @deprecated the operator deprecates `elasticPolicy.nProcPerNode`; use the job's `nprocPerNode`.
   * @default - the job's `nprocPerNode`
   */
  readonly nProcPerNode?: number;
  /**
   * Scale the workers between `minReplicas` and `maxReplicas` by these metrics: the operator
   * then creates a HorizontalPodAutoscaler for the job (autoscaling/v2 metric specs), e.g.
   * `[ElasticMetric.cpuUtilization(80)]` or
   * `[ElasticMetric.pods('samples_per_second', MetricTarget.averageValue(2000))]`.
   * @default - no autoscaler: the job stays at its worker replicas
   */
  readonly metrics?: ElasticMetric[];
}

export interface PyTorchJobProps extends TrainingJobProps {
  /** The rank-0 pod (exactly one replica). @default - none: worker 0 is rank 0 */
  readonly master?: ReplicaProps;
  /** The workers (at least one replica when given). Required for elastic training. @default - none */
  readonly worker?: ReplicaProps;
  /** Processes torchrun starts per pod. @default - one process per pod */
  readonly nprocPerNode?: NprocPerNode;
  /** Makes the job elastic. @default - a fixed-size job */
  readonly elasticPolicy?: ElasticPolicyProps;
}

const PORT_MAX = 65535;

/**
 * A PyTorchJob (`kubeflow.org/v1`): distributed PyTorch with torchrun. The operator sets the
 * rendezvous environment (MASTER_ADDR, WORLD_SIZE, PET_*) in the container named `pytorch`.
 *
 * The construct checks its props (counts, ports, a DNS-1035 name with room for the pod names);
 * synth checks the manifest with the `training-operator/*` rules: the webhook's (one Master,
 * workers ≥ 1, elastic needs workers, not both nproc fields) and the runtime's (the elastic
 * range holds the workers, processes fit the GPUs, etcd needs a host).
 */
export class PyTorchJob extends TrainingJob {
  constructor(scope: Construct, id: string, props: PyTorchJobProps) {
    const elastic = props.elasticPolicy;
    const workers = props.worker ? replicasOf(props.worker) : undefined;
    // Rendered (and so checked) by validate, with the job as the scope of errors.
    let metrics: PyTorchJobElasticPolicyMetric[] | undefined;
    super(scope, id, props, {
      kind: 'PyTorchJob',
      containerName: 'pytorch',
      defaultRestartPolicy: RestartPolicy.ON_FAILURE,
      roles: [
        { def: { key: 'master', type: 'Master', rankZero: true }, props: props.master },
        { def: { key: 'worker', type: 'Worker' }, props: props.worker },
      ],
      required: {
        keys: ['master', 'worker'],
        problem: 'a PyTorchJob needs a master or workers, and has neither',
        fix: 'add `worker: { replicas: N, image, … }` (and `master` for a dedicated rank-0 pod)',
      },
      maxReplicas: (key) => (key === 'worker' ? elastic?.maxReplicas : undefined),
      validate: (job) => { metrics = validatePyTorch(job, props); },
      spec: ({ runPolicy, replicaSpecs }): NonNullable<PyTorchJobWire['spec']> => ({ runPolicy, pytorchReplicaSpecs: replicaSpecs, nprocPerNode: props.nprocPerNode?.value,
        elasticPolicy: elastic ? {
          minReplicas: elastic.minReplicas ?? workers,
          maxReplicas: elastic.maxReplicas ?? workers,
          rdzvBackend: elastic.rdzvBackend ?? RendezvousBackend.C10D,
          rdzvHost: elastic.rdzvHost,
          rdzvPort: elastic.rdzvPort,
          rdzvConf: elastic.rdzvConf ? Object.keys(elastic.rdzvConf).sort().map((key) => ({ key, value: elastic.rdzvConf![key] })) : undefined,
          maxRestarts: elastic.maxRestarts,
          nProcPerNode: elastic.nProcPerNode,
          metrics,
        } : undefined, }),
    });
  }
}

/** Checks the props' own numbers (the rules check the rest on the manifest); returns the elastic metrics, rendered. */
function validatePyTorch(scope: Construct, props: PyTorchJobProps): PyTorchJobElasticPolicyMetric[] | undefined {
  const e = props.elasticPolicy;
  if (props.nprocPerNode?.count !== undefined) checkPositive(scope, 'nprocPerNode', props.nprocPerNode.count);
  if (!e) return undefined;
  checkElasticBounds(scope, 'elasticPolicy', e);
  if (e.rdzvPort !== undefined && (!Number.isInteger(e.rdzvPort) || e.rdzvPort < 1 || e.rdzvPort > PORT_MAX)) {
    fail(scope, 'elasticPolicy.rdzvPort', `port ${e.rdzvPort} is out of range`, 'use a port between 1 and 65535');
  }
  if (e.nProcPerNode !== undefined) checkPositive(scope, 'elasticPolicy.nProcPerNode', e.nProcPerNode);
  if (e.metrics?.length === 0) {
    // An HPA without metrics scales by 80 % CPU, which is not what an empty list says.
    fail(scope, 'elasticPolicy.metrics', 'is empty, and the autoscaler would then scale by CPU (80 %)', 'give the metrics to scale by, or leave metrics out for a job that keeps its size');
  }
  return e.metrics?.map((m, i) => m._render(scope, `elasticPolicy.metrics[${i}]`));
}

function checkPositive(scope: Construct, field: string, n: number): void {
  checkCount(scope, field, n, 1, 'give a count such as 1, 4 or 8');
}
