import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkName, ContainerProps, fail, Gpu, IResource, PodProps, renderPodTemplate, resolveNamespace, Resource, ResourceProps, resourceName,
  Size, Volume,
} from '../core';
import { ITenant } from '../tenancy';
import { TrainingRuntime as TrainingRuntimeWire } from '../wire/trainer-kubeflow-org';
import { MlFramework, MlPolicy, PodGroupPolicy } from './ml-policy';
import { mergePodProps } from './replica';

/** @internal */
export const TRAINER_API_VERSION = 'trainer.kubeflow.org/v1alpha1';
/** Job-template label that tells the trainer which step a replicated job is. @internal */
export const ANCESTOR_LABEL = 'trainer.kubeflow.org/trainjob-ancestor-step';
/** The ancestor-label value of the trainer step. @internal */
export const TRAINER_ANCESTOR = 'trainer';
/** Runtime label the Kubeflow SDK lists runtimes by. @internal */
export const FRAMEWORK_LABEL = 'trainer.kubeflow.org/framework';

/**
 * The volume an initializer step downloads into. The trainer accepts a TrainJob's dataset or
 * model `storageUri` only when the runtime's initializer container mounts a volume of this name
 * (JobSet plugin `Validate` in kubeflow/trainer pkg/runtime/framework/plugins/jobset).
 */
export const INITIALIZER_VOLUME = 'initializer';

/** Names of the replicated jobs (and their required containers) a runtime renders. @internal */
export const RUNTIME_STEPS = {
  datasetInitializer: 'dataset-initializer',
  modelInitializer: 'model-initializer',
  /** The trainer nodes; their container is also named `node`. */
  node: 'node',
  /** MPI only: runs mpirun; its container is named `node` too, as the trainer step. */
  launcher: 'launcher',
} as const;

/** One step (replicated job) of a runtime: its container and pod settings. */
export interface RuntimeStepProps extends ContainerProps {
  /** Pod settings, merged over the runtime's `pod` as for a v1 job's roles. @default - the runtime's `pod` */
  readonly pod?: PodProps;
  /** Size of a memory-backed `/dev/shm`. @default - the runtime's 64 MiB */
  readonly sharedMemory?: Size;
}

/** What both runtime kinds are configured with. */
export interface TrainingRuntimeBaseProps extends ResourceProps {
  /** @default - no ML policy: the trainer containers run as they are */
  readonly mlPolicy?: MlPolicy;
  /**
   * The trainer step: container `node`, which TrainJobs override with their image, command, env
   * and resources. With MPI it is the launcher, which runs mpirun.
   */
  readonly trainer: RuntimeStepProps;
  /** MPI only: the nodes mpirun reaches over SSH (they usually run sshd). Required with MlPolicy.mpi(). */
  readonly mpiNodes?: RuntimeStepProps;
  /**
   * A step before training that downloads the dataset (TrainJobs set its `storageUri`). It must
   * mount the volume it downloads into under the name `initializer` ({@link INITIALIZER_VOLUME}).
   * @default - none
   */
  readonly datasetInitializer?: RuntimeStepProps;
  /** A step before training that downloads the model; like `datasetInitializer`, it mounts `initializer`. @default - none */
  readonly modelInitializer?: RuntimeStepProps;
  /** @default - no gang scheduling */
  readonly podGroupPolicy?: PodGroupPolicy;
  /** Pod settings of every step. @default - none */
  readonly pod?: PodProps;
  /** Let Istio inject its sidecar (see `TrainingJobProps.istioSidecar`). @default false */
  readonly istioSidecar?: boolean;
}

/** A Trainer v2 runtime a TrainJob can reference: one defined here, or one that exists by name. */
export interface ITrainingRuntime extends IResource {
  readonly kind: 'TrainingRuntime' | 'ClusterTrainingRuntime';
  /** A namespaced runtime's namespace, when known. */
  readonly namespace?: string;
  /** What is known of the runtime's content (only for runtimes defined here). */
  readonly details?: RuntimeDetails;
}

/** The parts of a runtime a TrainJob is checked against. */
export interface RuntimeDetails {
  readonly framework: MlFramework;
  readonly numNodes?: number;
  readonly numProcPerNode?: number;
  /** GPUs of each trainer node. */
  readonly trainerGpu?: Gpu;
  /** The dataset initializer step, when the runtime has one. */
  readonly datasetInitializer?: InitializerStepDetails;
  /** The model initializer step, when the runtime has one. */
  readonly modelInitializer?: InitializerStepDetails;
  /** Replicated job names, in order. */
  readonly steps: string[];
}

/** What a TrainJob needs to know of a runtime's initializer step. */
export interface InitializerStepDetails {
  /** Its container mounts the {@link INITIALIZER_VOLUME}, so TrainJobs may set its `storageUri`. */
  readonly mountsInitializerVolume: boolean;
}

/** A runtime that exists outside this app (e.g. one Kubeflow installs), known by name only. */
class ExistingRuntime extends Construct implements ITrainingRuntime {
  constructor(scope: Construct, id: string, public readonly kind: 'TrainingRuntime' | 'ClusterTrainingRuntime', public readonly name: string) {
    super(scope, id);
    checkName(this, 'name', name);
  }
}

/**
 * Shared by {@link TrainingRuntime} and {@link ClusterTrainingRuntime}: validates the steps at
 * construction and renders the JobSet template lazily, as the trainer's runtime webhook
 * (pkg/webhooks/trainingruntime_webhook.go in kubeflow/trainer) requires: every ancestor step
 * runs one replicated job and has its required container (`node`, `dataset-initializer`,
 * `model-initializer`); synth checks that with the `trainer/*` rules. Only the trainer step may
 * set a priorityClassName.
 */
export abstract class TrainingRuntimeBase extends Resource implements ITrainingRuntime {
  public readonly apiVersion = TRAINER_API_VERSION;
  public abstract readonly kind: 'TrainingRuntime' | 'ClusterTrainingRuntime';
  public readonly name: string;
  /** The trainer step's container name, `node`. */
  public readonly primaryContainerName = RUNTIME_STEPS.node;
  public readonly details: RuntimeDetails;
  private readonly props: TrainingRuntimeBaseProps;

  /** @internal */
  protected constructor(scope: Construct, id: string, props: TrainingRuntimeBaseProps) {
    super(scope, id);
    this.props = props;
    this.name = resourceName(this, props.name);
    props.mlPolicy?._validate(this, 'mlPolicy');
    props.podGroupPolicy?._validate(this, 'podGroupPolicy');
    const framework = props.mlPolicy?.framework ?? MlFramework.PLAIN;
    if (framework === MlFramework.MPI && !props.mpiNodes) {
      fail(this, 'mpiNodes', 'is required with MlPolicy.mpi(): the launcher needs nodes to run the ranks on', 'add `mpiNodes: { image, command: [\'/usr/sbin/sshd\', \'-De\'] }`');
    }
    if (framework !== MlFramework.MPI && props.mpiNodes) {
      fail(this, 'mpiNodes', `is only for MPI runtimes, and this one is ${framework}`, 'remove mpiNodes, or use MlPolicy.mpi()');
    }
    for (const key of ['datasetInitializer', 'modelInitializer', 'mpiNodes'] as const) {
      if (props[key]?.pod?.priorityClassName !== undefined) {
        fail(this, `${key}.pod.priorityClassName`, 'is set, but only the trainer step may set a priority class: a gang-scheduled TrainJob has one priority',
          'set trainer.pod.priorityClassName (or the runtime\'s pod.priorityClassName) instead');
      }
    }
    // Synth warns of an initializer without the volume (rule trainer/runtime-initializer-volume).
    const initializer = (key: 'datasetInitializer' | 'modelInitializer'): InitializerStepDetails | undefined => {
      const step = props[key];
      return step ? { mountsInitializerVolume: (step.mounts ?? []).some((m) => m.volume.name === INITIALIZER_VOLUME) } : undefined;
    };
    const steps: string[] = [];
    if (props.datasetInitializer) steps.push(RUNTIME_STEPS.datasetInitializer);
    if (props.modelInitializer) steps.push(RUNTIME_STEPS.modelInitializer);
    steps.push(RUNTIME_STEPS.node);
    if (framework === MlFramework.MPI) steps.push(RUNTIME_STEPS.launcher);
    this.details = {
      framework,
      numNodes: props.mlPolicy?.numNodes,
      numProcPerNode: props.mlPolicy?.numProcPerNode,
      trainerGpu: props.trainer.resources?.gpu,
      datasetInitializer: initializer('datasetInitializer'),
      modelInitializer: initializer('modelInitializer'),
      steps,
    };
  }

  /** Emits the object; called by the subclass once its own identity is known. */
  protected emitRuntime(namespace: string | undefined): ApiObject {
    const framework = this.details.framework;
    return this.emitResource(
      {
        name: this.name, namespace, appName: this.kind.toLowerCase(), component: 'training-runtime',
        labels: { ...(framework === MlFramework.PLAIN ? {} : { [FRAMEWORK_LABEL]: framework }), ...this.props.metadata?.labels },
        annotations: this.props.metadata?.annotations,
      },
      { spec: this.renderSpec() });
  }

  /** The runtime's `spec`; throws a ConstructError for invalid props. */
  private renderSpec(): NonNullable<TrainingRuntimeWire['spec']> {
    const props = this.props;
    const mpi = this.details.framework === MlFramework.MPI;
    const replicatedJobs: ReplicatedJob[] = [];
    let previous: string | undefined;
    const add = (name: string, field: string, step: RuntimeStepProps, ancestor: string | undefined, dependsOn?: { name: string; status: 'Ready' | 'Complete' }) => {
      replicatedJobs.push({
        name,
        dependsOn: dependsOn ? [dependsOn] : undefined,
        template: {
          metadata: ancestor ? { labels: { [ANCESTOR_LABEL]: ancestor } } : undefined,
          spec: { template: this.renderStep(field, containerNameOf(name), step) },
        },
      });
    };
    // Initializers run one after the other, then the trainer (JobSet's dependsOn must point at an earlier replicated job).
    if (props.datasetInitializer) {
      add(RUNTIME_STEPS.datasetInitializer, 'datasetInitializer', props.datasetInitializer, RUNTIME_STEPS.datasetInitializer);
      previous = RUNTIME_STEPS.datasetInitializer;
    }
    if (props.modelInitializer) {
      add(RUNTIME_STEPS.modelInitializer, 'modelInitializer', props.modelInitializer, RUNTIME_STEPS.modelInitializer,
        previous ? { name: previous, status: 'Complete' } : undefined);
      previous = RUNTIME_STEPS.modelInitializer;
    }
    const afterInit = previous ? { name: previous, status: 'Complete' as const } : undefined;
    if (mpi) {
      add(RUNTIME_STEPS.node, 'mpiNodes', props.mpiNodes!, undefined, afterInit);
      add(RUNTIME_STEPS.launcher, 'trainer', props.trainer, TRAINER_ANCESTOR, { name: RUNTIME_STEPS.node, status: 'Ready' });
    } else {
      add(RUNTIME_STEPS.node, 'trainer', props.trainer, TRAINER_ANCESTOR, afterInit);
    }
    return {
      mlPolicy: props.mlPolicy?._render(),
      podGroupPolicy: props.podGroupPolicy?._render(),
      template: {
        spec: {
          // mpirun reaches the nodes before they are Ready, and succeeds when the launcher does.
          network: mpi ? { publishNotReadyAddresses: true } : undefined,
          successPolicy: mpi ? { operator: 'All', targetReplicatedJobs: [RUNTIME_STEPS.launcher] } : undefined,
          replicatedJobs,
        },
      },
    };
  }

  private renderStep(field: string, containerName: string, step: RuntimeStepProps) {
    const { pod, sharedMemory, ...container } = step;
    const mounts = [...(container.mounts ?? [])];
    if (sharedMemory) mounts.push({ volume: Volume.sharedMemory(sharedMemory), path: '/dev/shm' });
    return renderPodTemplate(this, `${field}.pod`, {
      containers: [{ name: containerName, field, props: { ...container, mounts } }],
      pod: mergePodProps(this.props.pod, pod, this.props.istioSidecar ? undefined : { 'sidecar.istio.io/inject': 'false' }),
    });
  }
}

type ReplicatedJob = NonNullable<NonNullable<NonNullable<NonNullable<TrainingRuntimeWire['spec']>['template']>['spec']>['replicatedJobs']>[number];

/** The container a step's replicated job must have (the trainer webhook's rule). */
function containerNameOf(step: string): string {
  return step === RUNTIME_STEPS.launcher ? RUNTIME_STEPS.node : step;
}

export interface TrainingRuntimeProps extends TrainingRuntimeBaseProps {
  /** The tenant whose namespace holds the runtime. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
}

/** A namespaced Trainer v2 runtime (`trainer.kubeflow.org/v1alpha1` TrainingRuntime), usable by TrainJobs of its namespace. */
export class TrainingRuntime extends TrainingRuntimeBase {
  /** A TrainingRuntime that exists outside this app, in the namespace of the TrainJobs that use it. */
  public static fromName(scope: Construct, id: string, name: string): ITrainingRuntime {
    return new ExistingRuntime(scope, id, 'TrainingRuntime', name);
  }

  public readonly kind = 'TrainingRuntime' as const;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TrainingRuntimeProps) {
    super(scope, id, props);
    this.namespace = resolveNamespace(this, props);
    this.apiObject = this.emitRuntime(this.namespace);
  }
}

/** A cluster-wide Trainer v2 runtime (`trainer.kubeflow.org/v1alpha1` ClusterTrainingRuntime), usable by TrainJobs of every namespace. */
export class ClusterTrainingRuntime extends TrainingRuntimeBase {
  /** A ClusterTrainingRuntime that exists outside this app, e.g. Kubeflow's `torch-distributed`. */
  public static fromName(scope: Construct, id: string, name: string): ITrainingRuntime {
    return new ExistingRuntime(scope, id, 'ClusterTrainingRuntime', name);
  }

  public readonly kind = 'ClusterTrainingRuntime' as const;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TrainingRuntimeBaseProps) {
    super(scope, id, props);
    this.apiObject = this.emitRuntime(undefined);
  }
}
