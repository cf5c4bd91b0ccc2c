import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkCount, checkImage, EnvMap, EnvValue, fail, resolveNamespace } from '../core';
import { ITenant } from '../tenancy';
import { MlPolicy } from './ml-policy';
import { RUNTIME_STEPS, RuntimeExtension, RuntimeStepProps, TrainingRuntimeBase, TrainingRuntimeBaseProps } from './training-runtime';

/**
 * MXNet's parameter-server training on Kubeflow Trainer v2: the contract of the Training
 * Operator's MXJob (removed in v1.9; pkg/controller.v1/mxnet/mxnet.go of kubeflow/training-operator
 * v1.8) ported to a runtime. A scheduler, parameter servers and workers run as replicated jobs of
 * the runtime's JobSet, and ps-lite finds the scheduler through the `DMLC_*` environment.
 */

/** The scheduler's port when none is given: MXJob's default (`MXJobDefaultPort`). */
export const MXNET_DEFAULT_PORT = 9091;

/** The replicated jobs (and container names) of an MXNet runtime: the workers are the trainer step, `node`. */
export const MXNET_STEPS = { scheduler: 'scheduler', server: 'server', worker: RUNTIME_STEPS.node } as const;

/** The name of the scheduler's port on its container (MXJob's `MXJobDefaultPortName`). */
const PORT_NAME = 'mxjob-port';
/** The TrainJob's name (its JobSet's, and the pods' DNS subdomain), as Kubeflow's own runtimes read it. */
const JOB_NAME_ENV = 'TRAIN_JOB_NAME';
const JOB_NAME_FIELD = "metadata.labels['jobset.sigs.k8s.io/jobset-name']";
/** What the scheduler and servers run: importing mxnet serves the role `DMLC_ROLE` names, then exits (python/mxnet/kvstore/kvstore_server.py). */
const SERVE_COMMAND = ['python3', '-c', 'import mxnet'];
/** The variables the runtime sets on every role; the props that set them. */
const WIRED_ENV: Readonly<Record<string, string>> = {
  DMLC_ROLE: 'the role of the replicated job',
  DMLC_PS_ROOT_URI: 'the scheduler\'s DNS name',
  DMLC_PS_ROOT_PORT: '`port`',
  DMLC_NUM_SERVER: '`server.replicas`',
  DMLC_NUM_WORKER: '`worker.replicas`',
  DMLC_USE_KUBERNETES: 'the runtime (1: the scheduler binds 0.0.0.0)',
  DMLC_INTERFACE: '`networkInterface`',
  [JOB_NAME_ENV]: 'the runtime (from the pod\'s JobSet label)',
};
/** A Linux network interface name (IFNAMSIZ - 1 characters, no "/" or whitespace). */
const INTERFACE = /^[^\s/:]{1,15}$/;

/** The scheduler's or the servers' container; each runs the workers' image with `python3 -c "import mxnet"` unless told otherwise. */
export interface MXNetRoleProps extends Omit<RuntimeStepProps, 'image'> {
  /** @default - the workers' image: keep the same MXNet (ps-lite) version on every role */
  readonly image?: string;
}

/** The parameter servers. */
export interface MXNetServerProps extends MXNetRoleProps {
  /** Server pods (`DMLC_NUM_SERVER`). @default 1 */
  readonly replicas?: number;
}

/** The workers: the runtime's trainer step (container `node`), whose image, command, args, env and resources TrainJobs override. */
export interface MXNetWorkerProps extends RuntimeStepProps {
  /**
   * Worker pods (`DMLC_NUM_WORKER`, the runtime's `mlPolicy.numNodes`). The scheduler and
   * servers wait for exactly this many, so a TrainJob of the runtime must not change it (rule
   * `trainer/trainjob-parameter-server`).
   * @default 1
   */
  readonly replicas?: number;
}

/** What both MXNet runtime kinds are configured with. */
export interface MXNetRuntimeBaseProps extends Pick<TrainingRuntimeBaseProps, 'name' | 'metadata' | 'datasetInitializer' | 'modelInitializer' | 'podGroupPolicy' | 'pod' | 'istioSidecar'> {
  /** The workers, which run the training script with a `dist_*` kvstore (`--kv-store dist_sync`). */
  readonly worker: MXNetWorkerProps;
  /** @default - one server, the workers' image running `python3 -c "import mxnet"` */
  readonly server?: MXNetServerProps;
  /** @default - the workers' image running `python3 -c "import mxnet"` */
  readonly scheduler?: MXNetRoleProps;
  /** The scheduler's port (`DMLC_PS_ROOT_PORT`), declared on its container as `mxjob-port`. @default 9091 */
  readonly port?: number;
  /** The interface workers and servers announce to the scheduler (`DMLC_INTERFACE`). @default - ps-lite's choice: the first non-loopback interface (a pod's `eth0`) */
  readonly networkInterface?: string;
}

export interface MXNetTrainingRuntimeProps extends MXNetRuntimeBaseProps {
  /** The tenant whose namespace holds the runtime. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
}

type Role = 'scheduler' | 'server' | 'worker';

/**
 * The runtime's own props and the extension the base renders: the scheduler and the servers
 * before the workers (the trainer step), every role with the `DMLC_*` wiring. Pure, because it
 * runs before `super()`; {@link validate} checks the props against the construct afterwards.
 */
function translate(props: MXNetRuntimeBaseProps): [TrainingRuntimeBaseProps, RuntimeExtension] {
  const { worker, server = {}, scheduler = {}, port = MXNET_DEFAULT_PORT, networkInterface, ...common } = props;
  const { replicas: workers = 1, ...trainer } = worker;
  const { replicas: servers = 1, ...serverStep } = server;
  const wiring = (role: Role): EnvMap => ({
    DMLC_ROLE: role,
    // JobSet's pod DNS name `<jobset>-<replicated job>-<job index>-<pod index>.<subdomain>`; the JobSet, and the subdomain, are named after the TrainJob.
    DMLC_PS_ROOT_URI: `$(${JOB_NAME_ENV})-${MXNET_STEPS.scheduler}-0-0.$(${JOB_NAME_ENV})`,
    DMLC_PS_ROOT_PORT: String(port),
    DMLC_NUM_SERVER: String(servers),
    DMLC_NUM_WORKER: String(workers),
    DMLC_USE_KUBERNETES: '1',
    ...(networkInterface === undefined ? {} : { DMLC_INTERFACE: networkInterface }),
    [JOB_NAME_ENV]: EnvValue.fromFieldPath(JOB_NAME_FIELD),
  });
  const serving = (role: Role, step: MXNetRoleProps): RuntimeStepProps => ({
    ...step,
    image: step.image ?? worker.image,
    command: step.command ?? SERVE_COMMAND,
    env: { ...step.env, ...wiring(role) },
  });
  const schedulerStep = serving('scheduler', scheduler);
  return [
    // A count the base would reject under its own field is left out here and reported by validate() under the user's.
    { ...common, mlPolicy: MlPolicy.plain({ numNodes: isCount(workers) ? workers : undefined }), trainer: { ...trainer, env: { ...trainer.env, ...wiring('worker') } } },
    {
      frameworkLabel: 'mxnet',
      trainerField: 'worker',
      steps: [
        { name: MXNET_STEPS.scheduler, field: 'scheduler', pods: 1, step: { ...schedulerStep, ports: [{ name: PORT_NAME, containerPort: port }, ...scheduler.ports ?? []] } },
        { name: MXNET_STEPS.server, field: 'server', pods: isCount(servers) ? servers : 1, step: serving('server', serverStep) },
      ],
      // As MXJob: the job has succeeded when the scheduler has, which exits once every worker has finished.
      successStep: MXNET_STEPS.scheduler,
      // ps-lite takes no replacement node into a running job (unless its heartbeat recovery is set up), so a failed pod fails the job, as with MXJob's default restartPolicy Never.
      restartPolicy: 'Never',
      backoffLimit: 0,
    },
  ];
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1;
}

/** Checks what {@link translate} took on trust, under the fields the user wrote. */
function validate(scope: Construct, props: MXNetRuntimeBaseProps): void {
  checkCount(scope, 'worker.replicas', props.worker.replicas ?? 1, 1, 'give the number of worker pods, e.g. 2');
  checkCount(scope, 'server.replicas', props.server?.replicas ?? 1, 1, 'give the number of parameter-server pods, e.g. 2');
  const port = props.port ?? MXNET_DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(scope, 'port', `${port} is not a port`, `use a port between 1 and 65535, e.g. ${MXNET_DEFAULT_PORT}`);
  const iface = props.networkInterface;
  if (iface !== undefined && !INTERFACE.test(iface)) {
    fail(scope, 'networkInterface', `"${iface}" is not a network interface name`, 'give the interface of the pod network, e.g. "eth0" (1 to 15 characters, no "/" or spaces), or leave it unset');
  }
  // Before rendering: the scheduler and servers inherit the image, and would report it under their own fields.
  checkImage(scope, 'worker.image', props.worker.image);
  const roles: Array<[string, MXNetRoleProps | undefined]> = [['worker', props.worker], ['server', props.server], ['scheduler', props.scheduler]];
  for (const [field, role] of roles) {
    for (const name of Object.keys(role?.env ?? {})) {
      if (name in WIRED_ENV) fail(scope, `${field}.env.${name}`, `is set by the runtime from ${WIRED_ENV[name]}`, `remove it from ${field}.env`);
    }
    if (field !== 'worker' && role?.pod?.priorityClassName !== undefined) {
      fail(scope, `${field}.pod.priorityClassName`, 'is set, but only the workers (the trainer step) may set a priority class: a gang-scheduled TrainJob has one priority',
        'set worker.pod.priorityClassName (or the runtime\'s pod.priorityClassName) instead');
    }
  }
  for (const p of props.scheduler?.ports ?? []) {
    if (p.containerPort === port || p.name === PORT_NAME) {
      fail(scope, 'scheduler.ports', `declares ${p.name ?? p.containerPort} again: the runtime declares the scheduler's port ${port} as "${PORT_NAME}"`, 'remove that port; set `port` to move the scheduler');
    }
  }
}

/**
 * A namespaced Kubeflow Trainer v2 runtime for MXNet's parameter-server training (a
 * TrainingRuntime labelled `trainer.kubeflow.org/framework: mxnet`): replicated jobs `scheduler`
 * (one pod), `server` and the workers, `node`, each with `DMLC_ROLE`, `DMLC_PS_ROOT_URI` (the
 * scheduler pod's DNS name, `<trainjob>-scheduler-0-0.<trainjob>`, read from the pod's JobSet
 * label so that every TrainJob of the runtime gets its own), `DMLC_PS_ROOT_PORT`,
 * `DMLC_NUM_SERVER`, `DMLC_NUM_WORKER` and `DMLC_USE_KUBERNETES=1`. TrainJobs set the workers'
 * image, command, env and resources. Apache MXNet is retired (Apache Attic, 2023): see the README.
 */
export class MXNetTrainingRuntime extends TrainingRuntimeBase {
  public readonly kind = 'TrainingRuntime' as const;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MXNetTrainingRuntimeProps) {
    const { tenant, namespace, ...mxnet } = props;
    super(scope, id, ...translate(mxnet));
    validate(this, props);
    this.namespace = resolveNamespace(this, { tenant, namespace });
    this.apiObject = this.emitRuntime(this.namespace);
  }
}

/** {@link MXNetTrainingRuntime} as a ClusterTrainingRuntime, usable by TrainJobs of every namespace. */
export class MXNetClusterTrainingRuntime extends TrainingRuntimeBase {
  public readonly kind = 'ClusterTrainingRuntime' as const;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MXNetRuntimeBaseProps) {
    super(scope, id, ...translate(props));
    validate(this, props);
    this.apiObject = this.emitRuntime(undefined);
  }
}
