import { Construct } from 'constructs';
import { checkCount, checkName, fail, NameRule } from '../core';
import { MPIJob as MPIJobWire } from '../wire/kubeflow-org';
import { ReplicaProps, RestartPolicy } from './replica';
import { TrainingJob, TrainingJobProps } from './training-job';

export interface MPIJobProps extends TrainingJobProps {
  /** Runs `mpirun` (exactly one replica); it usually needs no GPU. */
  readonly launcher: ReplicaProps;
  /** The ranks (at least one replica); the launcher reaches them over the operator's kubectl-exec agent. */
  readonly worker: ReplicaProps;
  /**
   * MPI slots (processes) per worker, written to the hostfile; usually its GPU count.
   * @default 1
   */
  readonly slotsPerWorker?: number;
  /**
   * The main container's name in every role. Unlike the other v1 kinds (whose operator webhook
   * requires its framework's name), the MPI controller configures the first container whatever
   * its name; a name other than `mpi` is also rendered as `mainContainer`, the container the
   * launcher's kubectl-exec agent enters. The operator reads the exit code only of a container
   * named `mpi`, so `RestartPolicy.EXIT_CODE` needs the default name.
   * @default 'mpi'
   */
  readonly containerName?: string;
}

/** The operator's default MPI container name (`MPIJobDefaultContainerName`). */
const MPI_CONTAINER = 'mpi';

/**
 * An MPIJob (`kubeflow.org/v1`, the training operator's MPI support): Horovod, DeepSpeed or
 * plain MPI programs. The main container is named `mpi` unless `containerName` says otherwise. The v1 operator starts the ranks
 * through a kubectl-exec agent configured for both Open MPI (`OMPI_MCA_plm_rsh_agent`) and
 * Intel MPI (`I_MPI_HYDRA_BOOTSTRAP_EXEC`), so the API has no implementation field; choose one
 * explicitly with a TrainingRuntime's `MlPolicy.mpi({ implementation })` on Trainer v2.
 *
 * The operator runs no webhook for MPIJobs; synth checks what its controller requires (one
 * Launcher, …) and that the slots fit the workers' GPUs with the `training-operator/*` rules.
 */
export class MPIJob extends TrainingJob {
  constructor(scope: Construct, id: string, props: MPIJobProps) {
    super(scope, id, props, {
      kind: 'MPIJob',
      containerName: props.containerName ?? MPI_CONTAINER,
      defaultRestartPolicy: RestartPolicy.NEVER,
      roles: [
        { def: { key: 'launcher', type: 'Launcher', rankZero: true }, props: props.launcher },
        { def: { key: 'worker', type: 'Worker', minReplicas: 1 }, props: props.worker },
      ],
      required: {
        keys: ['launcher'],
        problem: 'an MPIJob needs a launcher (it runs mpirun), and has none',
        fix: 'add `launcher: { image, command: [\'mpirun\', …] }`',
      },
      validate: (job, roles) => {
        const worker = roles.find((r) => r.def.key === 'worker');
        if (!worker) fail(job, 'worker', 'an MPIJob needs workers (the MPI ranks), and has none', 'add `worker: { replicas: N, image, … }`');
        const slots = props.slotsPerWorker;
        if (slots !== undefined) checkCount(job, 'slotsPerWorker', slots, 1, 'give the processes per worker, usually its GPU count');
        const name = props.containerName;
        if (name !== undefined && name !== MPI_CONTAINER) {
          checkName(job, 'containerName', name, NameRule.LABEL);
          const exitCode = roles.find((r) => r.props.restartPolicy === RestartPolicy.EXIT_CODE);
          if (exitCode) {
            // training-operator pkg/controller.v1/common/pod.go reads the exit code of the container named GetDefaultContainerName() ("mpi").
            fail(job, `${exitCode.def.key}.restartPolicy`, `is ExitCode, but the operator reads the exit code only of a container named "${MPI_CONTAINER}", not "${name}"`,
              `keep the default containerName, or use RestartPolicy.ON_FAILURE or NEVER`);
          }
        }
      },
      spec: ({ runPolicy, replicaSpecs }): NonNullable<MPIJobWire['spec']> => ({
        runPolicy, mpiReplicaSpecs: replicaSpecs, slotsPerWorker: props.slotsPerWorker,
        mainContainer: props.containerName !== undefined && props.containerName !== MPI_CONTAINER ? props.containerName : undefined,
      }),
    });
  }
}
