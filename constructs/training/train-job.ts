import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  checkCount, checkEnv, checkImage, checkName, ConstructState, DerivedName, EnvMap, EnvValue, fail, lazy, maxNameLength, NameRule, Release, renderEnv,
  renderResources, resolveNamespace, Resource, ResourceProps, resourceName, ResourcesProps, wholeSeconds,
} from '../core';
import { ITenant } from '../tenancy';
import { TrainJob as TrainJobWire } from '../wire/trainer-kubeflow-org';
import { MlFramework } from './ml-policy';
import { NprocPerNode } from './pytorch-job';
import { RenderedPatches, renderRuntimePatches, RuntimePatchProps } from './runtime-patch';
import { RenderedScheduling, Scheduler, SchedulerKind } from './scheduling';
import { ITrainingRuntime, RUNTIME_STEPS, TRAINER_API_VERSION } from './training-runtime';

/** What a TrainJob sets on its runtime's trainer step (`spec.trainer`). */
export interface TrainJobTrainerProps {
  /** @default - the runtime's image */
  readonly image?: string;
  /** @default - the runtime's command */
  readonly command?: string[];
  /** @default - the runtime's args */
  readonly args?: string[];
  /** Added to the trainer container's env. @default - none */
  readonly env?: EnvMap;
  /** Training nodes (pods). @default - the runtime's `mlPolicy.numNodes` */
  readonly numNodes?: number;
  /**
   * Processes per node (torchrun's nproc-per-node, MPI slots): a count. Kubeflow Trainer before
   * 2.2.0 also takes `NprocPerNode.auto()`, `.gpu()` or `.cpu()` for a torch runtime.
   * @default - the runtime's (torch: auto, one process per GPU)
   */
  readonly numProcPerNode?: number | NprocPerNode;
  /** Resources of each node. @default - the runtime's */
  readonly resourcesPerNode?: ResourcesProps;
}

/** What a TrainJob gives an initializer step of its runtime (`spec.initializer.dataset|model`). */
export interface InitializerProps {
  /**
   * Where to download from, e.g. `hf://tatsu-lab/alpaca` or `s3://bucket/path`.
   */
  readonly storageUri: string;
  /** @default - none */
  readonly env?: EnvMap;
  /** A Secret in the job's namespace whose keys become env vars (e.g. HF_TOKEN, AWS credentials). @default - none */
  readonly secretName?: string;
}

export interface TrainJobProps extends ResourceProps {
  /** The runtime: a TrainingRuntime / ClusterTrainingRuntime construct, or one by name: `ClusterTrainingRuntime.fromName(this, 'Torch', 'torch-distributed')`. */
  readonly runtime: ITrainingRuntime;
  /**
   * The TrainJob name, which is also its JobSet's. JobSet names each Job
   * `<name>-<step>-<index>` and each pod `<name>-<step>-<index>-<pod index>-<5 random characters>`,
   * so the name must be a DNS-1035 label short enough for the longest of them (63 characters).
   * @default - derived from the construct id
   */
  readonly name?: string;
  /** The tenant whose namespace runs the job. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** @default - the runtime's trainer as it is */
  readonly trainer?: TrainJobTrainerProps;
  /** Needs a runtime with a dataset initializer. @default - none */
  readonly datasetInitializer?: InitializerProps;
  /** Needs a runtime with a model initializer. @default - none */
  readonly modelInitializer?: InitializerProps;
  /**
   * Only `Scheduler.kueue(…)` or `Scheduler.default()`: gang scheduling of a TrainJob is its
   * runtime's `podGroupPolicy`.
   * @default Scheduler.default()
   */
  readonly scheduler?: Scheduler;
  /** Create the job suspended. Not allowed with Kueue, which owns it. @default false */
  readonly suspend?: boolean;
  /** Fail the job when it has run this long. @default - no deadline */
  readonly activeDeadline?: Duration;
  /**
   * Changes to the pods of some of the runtime's steps, for this job only (service account,
   * node selector, tolerations, volumes, env and mounts of other containers, …). Rendered as
   * `runtimePatches` (Kubeflow Trainer 2.2.0 and later), `podTemplateOverrides` (2.1) or
   * `podSpecOverrides` (2.0), as the stack's release has.
   * @default - none
   */
  readonly runtimePatches?: RuntimePatchProps[];
  /**
   * Who owns the job's entry in `runtimePatches` (Kubeflow Trainer 2.2.0 and later): a
   * domain-prefixed path such as `example.com/team-a`. Controllers (Kueue) write entries of their own.
   * @default 'cdk8s-kubeflow.io/trainjob'
   */
  readonly runtimePatchManager?: string;
}

/** What add*() calls change. */
interface TrainJobState {
  /** Env vars of the trainer container. */
  readonly env: EnvMap;
}

/** Labels JobSet and the Job controller put on every pod of a TrainJob. */
const JOBSET_POD_LABELS = { replicatedJob: 'jobset.sigs.k8s.io/replicatedjob-name', completionIndex: 'batch.kubernetes.io/job-completion-index' } as const;

const STORAGE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/.+$/;

/**
 * A Trainer v2 TrainJob (`trainer.kubeflow.org/v1alpha1`): a training run against a
 * (Cluster)TrainingRuntime, overriding its trainer image, command, env, node count and
 * resources, with optional dataset and model initializers. Synth checks the job against its
 * runtime when the runtime is in the same stack, with the `trainer/*` rules (initializer steps
 * exist, no env the framework plugin sets, GPUs fit the processes per node, same namespace).
 */
export class TrainJob extends Resource {
  /** The labels of a TrainJob's primary pod: node 0 of the trainer step (with an MPI runtime, see {@link primaryPodLabels}). */
  public static readonly PRIMARY_POD_LABELS: Readonly<Record<string, string>> = {
    [JOBSET_POD_LABELS.replicatedJob]: RUNTIME_STEPS.node, [JOBSET_POD_LABELS.completionIndex]: '0',
  };

  public readonly apiVersion = TRAINER_API_VERSION;
  public readonly kind = 'TrainJob';
  public readonly name: string;
  /** The longest name the job could have: JobSet derives pod names from it (e.g. for Katib, which renames trial jobs). */
  public readonly maxNameLength: number;
  public readonly namespace: string;
  /** The trainer step's container, `node`. */
  public readonly primaryContainerName = RUNTIME_STEPS.node;
  public readonly apiObject: ApiObject;
  private readonly props: TrainJobProps;
  private readonly scheduling: RenderedScheduling;
  private readonly state: ConstructState<TrainJobState, NonNullable<TrainJobWire['spec']>>;
  /** The job's runtime patches, in the form of its release. */
  private readonly patches: RenderedPatches;

  constructor(scope: Construct, id: string, props: TrainJobProps) {
    super(scope, id);
    this.props = props;
    this.namespace = resolveNamespace(this, props);
    // JobSet names each shared claim of the runtime `<claim>-<job name>` (volumeClaimPolicies).
    const claims = (props.runtime.details?.sharedClaims ?? []).map((c): DerivedName => ({ prefix: `${c}-`, suffix: '', by: 'JobSet names the job\'s claim of the runtime\'s volumeClaimPolicies' }));
    const naming = { rule: NameRule.LABEL_1035, derived: [this.longestPod(), ...claims] };
    this.name = resourceName(this, props.name, naming);
    this.maxNameLength = maxNameLength(naming);
    this.checkCounts();

    const scheduler = props.scheduler ?? Scheduler.default();
    if (scheduler.kind === SchedulerKind.COSCHEDULING || scheduler.kind === SchedulerKind.VOLCANO) {
      fail(this, 'scheduler', `is Scheduler.${scheduler.kind}(), but a TrainJob is gang-scheduled by its runtime`,
        'set podGroupPolicy: PodGroupPolicy.coscheduling() (or .volcano()) on the runtime, or queue the job with Scheduler.kueue(…)');
    }
    scheduler._validate(this, 'scheduler', 0);
    this.scheduling = scheduler._render();
    if (props.suspend !== undefined && this.scheduling.ownsSuspend) {
      fail(this, 'suspend', 'is set, but the job is queued with Kueue, which suspends and resumes it itself', 'remove suspend');
    }
    this.patches = renderRuntimePatches(this, 'runtimePatches', props.runtimePatches, props.runtimePatchManager);
    this.state = new ConstructState<TrainJobState, NonNullable<TrainJobWire['spec']>>({ env: { ...props.trainer?.env } }, (s) => this.renderSpec(s));

    const labels = { ...props.metadata?.labels, ...this.scheduling.jobLabels };
    this.apiObject = this.emitResource(
      {
        name: this.name, namespace: this.namespace, appName: 'trainjob', component: 'training',
        labels: Object.keys(labels).length ? labels : undefined, annotations: props.metadata?.annotations,
      },
      { spec: lazy(() => this.state.rendered) });
  }

  /** Sets an env var on the trainer container. */
  public addEnv(name: string, value: EnvValue | string): void {
    if (name in this.state.value.env) fail(this, `trainer.env.${name}`, 'is already set', 'set each variable once');
    this.state.update((s) => ({ env: { ...s.env, [name]: value } }));
  }

  /**
   * Labels of the pod whose output is the job's, e.g. for Katib's metrics collector: the first
   * pod of the trainer step, node 0 (or, for an MPI runtime defined in this app, the launcher,
   * which runs mpirun and prints what every rank reports).
   */
  public get primaryPodLabels(): Record<string, string> {
    if (this.props.runtime.details?.framework !== MlFramework.MPI) return { ...TrainJob.PRIMARY_POD_LABELS };
    return { [JOBSET_POD_LABELS.replicatedJob]: RUNTIME_STEPS.launcher, [JOBSET_POD_LABELS.completionIndex]: '0' };
  }

  /** Nodes the job trains on: its own `numNodes`, else the runtime's, else 1. */
  public get numNodes(): number {
    return this.props.trainer?.numNodes ?? this.props.runtime.details?.numNodes ?? 1;
  }

  /** The job's `spec` for a state; throws a ConstructError when the state is invalid. */
  private renderSpec(state: TrainJobState): NonNullable<TrainJobWire['spec']> {
    const p = this.props;
    const t = p.trainer ?? {};
    const env = state.env;
    checkEnv(this, 'trainer.env', env);
    if (t.image !== undefined) checkImage(this, 'trainer.image', t.image);
    const trainer = {
      image: t.image,
      command: t.command,
      args: t.args,
      env: renderEnv(env),
      numNodes: t.numNodes,
      numProcPerNode: this.renderNumProcPerNode(),
      resourcesPerNode: renderResources(this, 'trainer.resourcesPerNode', t.resourcesPerNode),
    };
    const initializer = p.datasetInitializer || p.modelInitializer ? {
      dataset: p.datasetInitializer ? this.renderInitializer('datasetInitializer', p.datasetInitializer) : undefined,
      model: p.modelInitializer ? this.renderInitializer('modelInitializer', p.modelInitializer) : undefined,
    } : undefined;
    return {
      runtimeRef: { apiGroup: 'trainer.kubeflow.org', kind: p.runtime.kind, name: p.runtime.name },
      trainer: Object.values(trainer).some((v) => v !== undefined) ? trainer : undefined,
      initializer,
      suspend: p.suspend || undefined,
      activeDeadlineSeconds: p.activeDeadline === undefined ? undefined : wholeSeconds(this, 'activeDeadline', p.activeDeadline, 1),
      ...this.patches,
    };
  }

  /**
   * `trainer.numProcPerNode`: an int, or before Kubeflow Trainer 2.2.0 (where it is an
   * IntOrString) also `auto`, `gpu` or `cpu`.
   */
  private renderNumProcPerNode(): number | undefined {
    const n = this.props.trainer?.numProcPerNode;
    if (!(n instanceof NprocPerNode)) return n;
    if (n.count !== undefined) return n.count;
    const release = Release.of(this);
    if (release.atLeast('trainer', '2.2.0')) {
      fail(this, 'trainer.numProcPerNode', `is NprocPerNode.${n.value}(), but since Kubeflow Trainer 2.2.0 it is a count; this stack targets ${release.name} (Kubeflow Trainer ${release.components.trainer})`,
        'give a count such as 4, or leave it out: a torch runtime then runs one process per GPU (auto)');
    }
    // The wire type is the newest schema's (an int); Trainer 2.0 and 2.1 take these names too.
    return n.value as unknown as number;
  }

  private renderInitializer(field: string, i: InitializerProps) {
    if (!STORAGE_URI.test(i.storageUri) || i.storageUri.length > 2048) {
      fail(this, `${field}.storageUri`, `"${i.storageUri}" is not a URI of the form scheme://…`, 'use e.g. "hf://tatsu-lab/alpaca" or "s3://bucket/path"');
    }
    checkEnv(this, `${field}.env`, i.env);
    if (i.secretName !== undefined) checkName(this, `${field}.secretName`, i.secretName);
    return { storageUri: i.storageUri, env: renderEnv(i.env), secretRef: i.secretName ? { name: i.secretName } : undefined };
  }

  /** Checks the trainer's counts; the rules check them against the runtime. */
  private checkCounts(): void {
    const t = this.props.trainer ?? {};
    const nproc = t.numProcPerNode instanceof NprocPerNode ? t.numProcPerNode.count : t.numProcPerNode;
    for (const [key, n] of [['numNodes', t.numNodes], ['numProcPerNode', nproc]] as const) {
      if (n !== undefined) checkCount(this, `trainer.${key}`, n, 1, 'give a count such as 1, 2 or 8');
    }
  }

  /**
   * The longest pod name JobSet derives from the job's,
   * `<name>-<step>-<job index>-<pod index>-<5 random characters>` (validateReplicatedJobs in
   * kubernetes-sigs/jobset checks it for every step: the trainer sets each step's completions).
   */
  private longestPod(): DerivedName {
    const d = this.props.runtime.details;
    const steps = d?.steps ?? [
      ...(this.props.datasetInitializer ? [RUNTIME_STEPS.datasetInitializer] : []),
      ...(this.props.modelInitializer ? [RUNTIME_STEPS.modelInitializer] : []),
      RUNTIME_STEPS.node,
    ];
    // Each step is one indexed Job (job index 0); the trainer nodes have a pod per node, the others one.
    const suffixes = steps.map((s) => `-${s}-0-${s === RUNTIME_STEPS.node ? this.numNodes - 1 : 0}-abcde`);
    return { suffix: suffixes.reduce((a, b) => (b.length > a.length ? b : a)), by: 'JobSet derives the name' };
  }
}
