import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { canonicalJson } from '../../manifest';
import {
  checkName, ContainerProps, fail, Gpu, IResource, PodProps, Release, renderPodTemplate, requireRelease, resolveNamespace, Resource, ResourceProps, resourceName,
  Size, Volume,
} from '../core';
import { ITenant } from '../tenancy';
import { TrainingRuntime as TrainingRuntimeWire } from '../wire/trainer-kubeflow-org';
import { MlFramework, MlPolicy, PodGroupPolicy } from './ml-policy';
import { mergePodProps } from './replica';
import { GraphStep, orderSteps, StepDependency } from './step-graph';
import { VolumeClaimPolicy } from './volume-claim-policy';

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
  /**
   * The steps JobSet waits for before it creates this one, e.g.
   * `[StepDependency.complete('dataset-initializer'), StepDependency.complete('model-initializer')]`;
   * `[]` starts it at once. A free graph: steps are ordered to fit it, cycles are errors.
   * @default - the initializers run side by side (one after the other with Kubeflow Trainer 2.0,
   *   whose JobSet takes one dependency), every other step waits for all of them to complete, and
   *   the MPI launcher for the nodes to be ready
   */
  readonly dependsOn?: StepDependency[];
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
  /**
   * Claims JobSet creates for each TrainJob and its steps share (Kubeflow Trainer 2.2.0 and
   * later), e.g. `VolumeClaimPolicy.claim(INITIALIZER_VOLUME, { size: Size.gibibytes(20) })`,
   * mounted with `{ volume: claim.volume, path }`.
   * @default - none
   */
  readonly volumeClaimPolicies?: VolumeClaimPolicy[];
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
  /** Replicated job names (rendered in an order that fits their `dependsOn`). */
  readonly steps: string[];
  /** Names of the runtime's `volumeClaimPolicies` claims: JobSet names each job's `<claim>-<TrainJob name>`. */
  readonly sharedClaims?: string[];
}

/** What a TrainJob needs to know of a runtime's initializer step. */
export interface InitializerStepDetails {
  /** Its container mounts the {@link INITIALIZER_VOLUME}, so TrainJobs may set its `storageUri`. */
  readonly mountsInitializerVolume: boolean;
}

/**
 * What a framework construct adds to the runtime it renders through {@link TrainingRuntimeBase}
 * (MXNet's scheduler and parameter servers): replicated jobs the trainer runs as they are, beside
 * the trainer step. @internal
 */
export interface RuntimeExtension {
  /** The runtime's `trainer.kubeflow.org/framework` label. */
  readonly frameworkLabel: string;
  /** Replicated jobs after the initializers and before the trainer step; each has one container, named as the job. */
  readonly steps: ReadonlyArray<{ readonly name: string; readonly field: string; readonly step: RuntimeStepProps; readonly pods: number }>;
  /** Where the trainer step's props are in the construct's props, for errors. @default 'trainer' */
  readonly trainerField?: string;
  /** The replicated job whose completion completes the JobSet. @default - every replicated job's */
  readonly successStep?: string;
  /** Restart policy and Job backoffLimit of the extension steps and the trainer step. @default - Kubernetes' */
  readonly restartPolicy?: 'Never' | 'OnFailure';
  readonly backoffLimit?: number;
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
  private readonly extension?: RuntimeExtension;

  /** @internal */
  protected constructor(scope: Construct, id: string, props: TrainingRuntimeBaseProps, extension?: RuntimeExtension) {
    super(scope, id);
    this.props = props;
    this.extension = extension;
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
    steps.push(...(extension?.steps ?? []).map((s) => s.name));
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
      sharedClaims: props.volumeClaimPolicies?.map((c) => c.name),
    };
  }

  /** Emits the object; called by the subclass once its own identity is known. */
  protected emitRuntime(namespace: string | undefined): ApiObject {
    const framework = this.extension?.frameworkLabel ?? (this.details.framework === MlFramework.PLAIN ? undefined : this.details.framework);
    return this.emitResource(
      {
        name: this.name, namespace, appName: this.kind.toLowerCase(), component: 'training-runtime',
        labels: { ...(framework ? { [FRAMEWORK_LABEL]: framework } : {}), ...this.props.metadata?.labels },
        annotations: this.props.metadata?.annotations,
      },
      { spec: this.renderSpec() });
  }

  /** The runtime's `spec`; throws a ConstructError for invalid props. */
  private renderSpec(): NonNullable<TrainingRuntimeWire['spec']> {
    const props = this.props;
    const mpi = this.details.framework === MlFramework.MPI;
    const ext = this.extension;
    const graph: Array<GraphStep & { step: RuntimeStepProps; ancestor?: string; pods?: number }> = [];
    const add = (name: string, field: string, step: RuntimeStepProps, ancestor: string | undefined, defaults: StepDependency[], pods?: number) => {
      graph.push({ name, field, step, ancestor, pods, dependsOn: step.dependsOn ?? defaults, explicit: step.dependsOn !== undefined });
    };
    const render = ({ name, field, step, ancestor, pods, dependsOn }: typeof graph[number]): ReplicatedJob => {
      // An extension's steps and the trainer step share its restart policy and backoff limit.
      const extended = ext && (ancestor === TRAINER_ANCESTOR || pods !== undefined);
      return {
        name,
        dependsOn: dependsOn.length ? dependsOn.map((d) => ({ name: d.step, status: d.status })) : undefined,
        template: {
          metadata: ancestor ? { labels: { [ANCESTOR_LABEL]: ancestor } } : undefined,
          spec: {
            parallelism: pods, completions: pods,
            backoffLimit: extended ? ext.backoffLimit : undefined,
            template: this.renderStep(field, containerNameOf(name), step, extended ? ext.restartPolicy : undefined),
          },
        },
      };
    };
    // By default the initializers run side by side and every other step waits for them, as
    // Kubeflow's own runtimes do; Trainer 2.0's JobSet takes one dependency, so there they run in turn.
    const initializers = (['datasetInitializer', 'modelInitializer'] as const).filter((key) => props[key]);
    const parallel = Release.of(this).atLeast('trainer', '2.1.0');
    const afterInit: StepDependency[] = [];
    for (const key of initializers) {
      const name = RUNTIME_STEPS[key];
      add(name, key, props[key]!, name, parallel ? [] : afterInit.slice(-1));
      afterInit.push(StepDependency.complete(name));
    }
    const waitForInit = parallel ? afterInit : afterInit.slice(-1);
    for (const s of ext?.steps ?? []) add(s.name, s.field, s.step, undefined, waitForInit, s.pods);
    if (mpi) {
      add(RUNTIME_STEPS.node, 'mpiNodes', props.mpiNodes!, undefined, waitForInit);
      add(RUNTIME_STEPS.launcher, 'trainer', props.trainer, TRAINER_ANCESTOR, [StepDependency.ready(RUNTIME_STEPS.node)]);
    } else {
      add(RUNTIME_STEPS.node, ext?.trainerField ?? 'trainer', props.trainer, TRAINER_ANCESTOR, waitForInit);
    }
    // JobSet wants each step after those it depends on.
    const replicatedJobs = orderSteps(this, graph).map(render);
    const volumeClaimPolicies = this.renderClaims(replicatedJobs);
    // mpirun reaches the nodes before they are Ready, and succeeds when the launcher does.
    const successStep = mpi ? RUNTIME_STEPS.launcher : ext?.successStep;
    return {
      mlPolicy: props.mlPolicy?._render(),
      podGroupPolicy: props.podGroupPolicy?._render(),
      template: {
        spec: {
          network: mpi ? { publishNotReadyAddresses: true } : undefined,
          successPolicy: successStep ? { operator: 'All', targetReplicatedJobs: [successStep] } : undefined,
          replicatedJobs,
          volumeClaimPolicies,
        },
      },
    };
  }

  private renderStep(field: string, containerName: string, step: RuntimeStepProps, restartPolicy?: 'Never' | 'OnFailure') {
    const { pod, sharedMemory, dependsOn: _dependsOn, ...container } = step;
    const mounts = [...(container.mounts ?? [])];
    if (sharedMemory) mounts.push({ volume: Volume.sharedMemory(sharedMemory), path: '/dev/shm' });
    const template = renderPodTemplate(this, `${field}.pod`, {
      containers: [{ name: containerName, field, props: { ...container, mounts } }],
      pod: mergePodProps(this.props.pod, pod, this.props.istioSidecar ? undefined : { 'sidecar.istio.io/inject': 'false' }),
      restartPolicy,
    });
    // JobSet adds the volume of each shared claim itself, and rejects a pod volume of that name.
    const claims = new Map((this.props.volumeClaimPolicies ?? []).map((c) => [c.name, canonicalJson(c.volume._render())]));
    const volumes = template.spec.volumes?.filter((v) => {
      const claim = claims.get(v.name);
      if (claim === undefined) return true;
      if (claim !== canonicalJson(v)) {
        fail(this, `${field}.pod.volumes`, `volume "${v.name}" has the name of a claim of volumeClaimPolicies, and JobSet rejects it`, `rename the volume, or mount the claim's own volume (VolumeClaimPolicy's \`volume\`)`);
      }
      return false;
    });
    return { ...template, spec: { ...template.spec, volumes: volumes?.length ? volumes : undefined } };
  }

  /** The runtime's `volumeClaimPolicies`; each claim must be mounted by a step (JobSet's webhook rejects one that is not). */
  private renderClaims(replicatedJobs: readonly ReplicatedJob[]) {
    const claims = this.props.volumeClaimPolicies;
    if (claims === undefined) return undefined;
    requireRelease(this, 'volumeClaimPolicies', 'trainer', '2.2.0', 'A runtime\'s volumeClaimPolicies (claims JobSet creates for each TrainJob)');
    if (claims.length === 0) fail(this, 'volumeClaimPolicies', 'is empty', 'add a claim, e.g. VolumeClaimPolicy.claim(\'initializer\', { size: Size.gibibytes(20) }), or leave it out');
    const mounted = new Set(replicatedJobs.flatMap((j) => {
      const pod = j.template.spec?.template.spec;
      return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].flatMap((c) => (c.volumeMounts ?? []).map((m) => m.name));
    }));
    const names = new Set<string>();
    return claims.map((c) => {
      const field = `volumeClaimPolicies.${c.name}`;
      if (names.has(c.name)) fail(this, field, `claim "${c.name}" is listed twice`, 'give each claim its own name');
      names.add(c.name);
      const rendered = c._render(this, field);
      if (!mounted.has(c.name)) fail(this, field, `no step mounts claim "${c.name}", and JobSet rejects an unmounted claim`, `mount it in a step: mounts: [{ volume: claim.volume, path: '/workspace' }], or remove it`);
      return rendered;
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
