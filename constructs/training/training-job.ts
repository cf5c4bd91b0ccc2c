import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructState, EnvMap, EnvValue, fail, lazy, NameRule, PodProps, resolveNamespace, Resource, ResourceProps, resourceName, maxNameLength, DerivedName, VolumeMount } from '../core';
import { IPodDefault, ITenant } from '../tenancy';
import { ReplicaSpec, renderReplicaSpecs, replicasOf, checkReplicas, RestartPolicy, RoleDefinition, RoleInput, ReplicaProps } from './replica';
import { renderRunPolicy, RunPolicy, RunPolicyProps } from './run-policy';
import { RenderedScheduling, Scheduler } from './scheduling';

/** Props every v1 training job (PyTorchJob, TFJob, XGBoostJob, MPIJob, PaddleJob, JAXJob) shares. */
export interface TrainingJobProps extends ResourceProps {
  /**
   * Job name. The operator names each pod and its Service `<name>-<role>-<index>`, so the name
   * must be a DNS-1035 label short enough for the longest of them (63 characters).
   * @default - derived from the construct id
   */
  readonly name?: string;
  /** The tenant whose namespace runs the job. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** Clean-up, TTL, deadline, retries and suspension. @default - see {@link RunPolicyProps} */
  readonly runPolicy?: RunPolicyProps;
  /** @default Scheduler.default() (no gang scheduling) */
  readonly scheduler?: Scheduler;
  /** Pod settings of every role; a role's own `pod` is merged over them. @default - none */
  readonly pod?: PodProps;
  /** Env vars of every role's main container; a role's own `env` wins. @default - none */
  readonly env?: EnvMap;
  /** Volume mounts of every role's main container, in addition to the role's own. @default - none */
  readonly mounts?: VolumeMount[];
  /** PodDefaults (configurations) applied to every pod; they must be in the job's namespace. @default - none */
  readonly podDefaults?: IPodDefault[];
  /**
   * Let Istio inject its sidecar into the job's pods. Kubeflow tenant namespaces have injection
   * on, but a sidecar keeps a finished pod running (the job never completes) and intercepts the
   * ranks' traffic, so the job opts out (`sidecar.istio.io/inject: "false"`) unless this is true.
   * @default false
   */
  readonly istioSidecar?: boolean;
}

/** What every v1 job's spec has, for a kind to place in its own spec. @internal */
export interface CommonJobSpec {
  /** Undefined when every run-policy field is the operator's default. */
  readonly runPolicy?: RunPolicy;
  /** Replica specs by replica type (`Master`, `Worker`, …). */
  readonly replicaSpecs: { [type: string]: ReplicaSpec };
}

/** What a concrete job kind tells {@link TrainingJob}. @internal */
export interface JobKindDefinition {
  readonly kind: string;
  /**
   * The main container's name, e.g. `pytorch`. Fixed for PyTorch, TF, XGBoost, Paddle and JAX:
   * the operator's webhook rejects a replica without a container of that name, and the
   * controller injects the framework's env and ports into it (training-operator
   * pkg/webhooks/<kind>, pkg/controller.v1/<kind>/envvar.go). MPI's can be chosen.
   */
  readonly containerName: string;
  readonly defaultRestartPolicy: RestartPolicy;
  /** Every role of the kind with the user's props (undefined when the role is left out), in wire order. */
  readonly roles: Array<{ readonly def: RoleDefinition; readonly props?: ReplicaProps }>;
  /** Keys of the roles of which at least one must be given, and how to say so. */
  readonly required: { readonly keys: string[]; readonly problem: string; readonly fix: string };
  /** The most replicas a role may reach (e.g. elastic maxReplicas), for pod-name lengths. @default - its replicas */
  readonly maxReplicas?: (key: string) => number | undefined;
  /** Framework checks, run after roles, name and namespace are known. */
  readonly validate?: (job: TrainingJob, roles: RoleInput[]) => void;
  /** The kind's `spec`, typed with its wire type: the common parts placed, the framework's fields added. */
  readonly spec: (common: CommonJobSpec) => object;
}

/** What add*() calls change. */
interface JobState {
  readonly env: EnvMap;
  readonly mounts: readonly VolumeMount[];
  readonly podDefaults: readonly IPodDefault[];
}

/** Pod labels the training operator puts on every pod it creates. @internal */
export const OPERATOR_POD_LABELS = {
  jobName: 'training.kubeflow.org/job-name',
  replicaType: 'training.kubeflow.org/replica-type',
  replicaIndex: 'training.kubeflow.org/replica-index',
} as const;

/**
 * Base of the Kubeflow Trainer v1 jobs (`kubeflow.org/v1`). Subclasses declare their roles and
 * framework fields; this class validates the roles, the name and the run policy once at
 * construction (errors carry the construct path) and renders the manifest lazily, so
 * `addEnv()`, `addMount()` and `addPodDefault()` calls made later are honoured. Rendering
 * reads nothing but the construct's own state.
 */
export abstract class TrainingJob extends Resource {
  public readonly apiVersion = 'kubeflow.org/v1';
  public readonly kind: string;
  public readonly name: string;
  /** The longest name the job could have: the operator derives pod and Service names from it (e.g. for Katib, which renames trial jobs). */
  public readonly maxNameLength: number;
  public readonly namespace: string;
  /** The main container of every replica, named as the operator requires (e.g. `pytorch`). */
  public readonly primaryContainerName: string;
  /** The emitted object (call `toJson()` for the manifest; escape hatches such as `addJsonPatch` live here). */
  public readonly apiObject: ApiObject;
  /** The roles that are defined, in wire order. @internal */
  protected readonly roles: RoleInput[];
  private readonly definition: JobKindDefinition;
  private readonly props: TrainingJobProps;
  private readonly scheduling: RenderedScheduling;
  private readonly state: ConstructState<JobState, object>;

  /** @internal */
  protected constructor(scope: Construct, id: string, props: TrainingJobProps, definition: JobKindDefinition) {
    super(scope, id);
    this.props = props;
    this.definition = definition;
    this.kind = definition.kind;
    this.primaryContainerName = definition.containerName;

    this.roles = definition.roles.filter((r) => r.props !== undefined).map((r) => ({ def: r.def, props: r.props! }));
    if (!this.roles.some((r) => definition.required.keys.includes(r.def.key))) {
      // Name the role the fix adds (the last of the alternatives, the workers in every kind).
      fail(this, definition.required.keys[definition.required.keys.length - 1], definition.required.problem, definition.required.fix);
    }
    for (const role of this.roles) checkReplicas(this, role);
    const naming = { rule: NameRule.LABEL_1035, derived: [this.longestPod()] };
    this.name = resourceName(this, props.name, naming);
    this.maxNameLength = maxNameLength(naming);
    this.namespace = resolveNamespace(this, props);
    definition.validate?.(this, this.roles);

    const scheduler = props.scheduler ?? Scheduler.default();
    scheduler._validate(this, 'scheduler', this.totalReplicas());
    this.scheduling = scheduler._render();
    this.state = new ConstructState<JobState, object>({ env: { ...props.env }, mounts: [...(props.mounts ?? [])], podDefaults: [] }, (s) => this.renderSpec(s));
    for (const pd of props.podDefaults ?? []) this.addPodDefault(pd);

    const labels = { ...props.metadata?.labels, ...this.scheduling.jobLabels };
    this.apiObject = this.emitResource(
      {
        name: this.name, namespace: this.namespace, appName: this.kind.toLowerCase(), component: 'training',
        labels: Object.keys(labels).length ? labels : undefined, annotations: props.metadata?.annotations,
      },
      { spec: lazy(() => this.state.rendered) });
  }

  /** Sets an env var on every role's main container (a role's own `env` entry of that name wins). */
  public addEnv(name: string, value: EnvValue | string): void {
    if (name in this.state.value.env) fail(this, `env.${name}`, 'is already set for every role', 'set each variable once');
    this.state.update((s) => ({ ...s, env: { ...s.env, [name]: value } }));
  }

  /** Mounts a volume into every role's main container. */
  public addMount(mount: VolumeMount): void {
    this.state.update((s) => ({ ...s, mounts: [...s.mounts, mount] }));
  }

  /** The service accounts the job's pods run as: each role's, else the job's `pod.serviceAccountName`, else the namespace's `default`. */
  public get serviceAccountNames(): readonly string[] {
    return [...new Set(this.roles.map((r) => r.props.pod?.serviceAccountName ?? this.props.pod?.serviceAccountName ?? 'default'))];
  }

  /** Applies a PodDefault (configuration) to every pod of the job. */
  public addPodDefault(podDefault: IPodDefault): void {
    if (podDefault.namespace !== this.namespace) {
      fail(this, 'podDefaults', `PodDefault "${podDefault.name}" is in namespace "${podDefault.namespace}", the job in "${this.namespace}"`,
        'PodDefaults only apply within their own namespace: define one in the job\'s namespace');
    }
    if (!this.state.value.podDefaults.includes(podDefault)) this.state.update((s) => ({ ...s, podDefaults: [...s.podDefaults, podDefault] }));
  }

  /** Replicas of a role type (e.g. `Worker`), 0 when the role is not defined. */
  public replicaCount(type: string): number {
    const role = this.roles.find((r) => r.def.type === type);
    return role ? replicasOf(role.props) : 0;
  }

  /**
   * Labels that select the job's primary pod among its own pods, e.g. for Katib's metrics
   * collector: the rank-0 pod (master, chief or launcher) by its replica type, else worker 0.
   * They leave out the job name, which an embedding controller such as Katib replaces. (The
   * operator gives the MPI launcher no replica-index label, so a single role is matched by type.)
   */
  public get primaryPodLabels(): Record<string, string> {
    const rankZero = this.roles.find((r) => r.def.rankZero);
    return rankZero
      ? { [OPERATOR_POD_LABELS.replicaType]: rankZero.def.type.toLowerCase() }
      : { [OPERATOR_POD_LABELS.replicaType]: 'worker', [OPERATOR_POD_LABELS.replicaIndex]: '0' };
  }

  /** Total pods of the job at its configured size. */
  public totalReplicas(): number {
    return this.roles.reduce((n, r) => n + replicasOf(r.props), 0);
  }

  /** The job's `spec` for a state; throws a ConstructError when the state is invalid. */
  private renderSpec(state: JobState): object {
    const props = this.props;
    const selectors = Object.assign({}, ...state.podDefaults.map((pd) => pd.selectorLabels)) as Record<string, string>;
    const replicaSpecs = renderReplicaSpecs(this, this.roles, {
      containerName: this.definition.containerName,
      restartPolicy: this.definition.defaultRestartPolicy,
      pod: props.pod,
      env: Object.keys(state.env).length ? state.env : undefined,
      mounts: state.mounts,
      podLabels: Object.keys(selectors).length ? selectors : undefined,
      podAnnotations: props.istioSidecar ? undefined : { 'sidecar.istio.io/inject': 'false' },
      schedulerName: this.scheduling.schedulerName,
    });
    return this.definition.spec({ runPolicy: renderRunPolicy(this, 'runPolicy', props.runPolicy ?? {}, this.scheduling), replicaSpecs });
  }

  /** The longest pod and Service name the operator derives from the job's: `<name>-<role>-<last index>`. */
  private longestPod(): DerivedName {
    let suffix = '';
    for (const role of this.roles) {
      const max = Math.max(replicasOf(role.props), this.definition.maxReplicas?.(role.def.key) ?? 0, 1);
      const candidate = `-${role.def.type.toLowerCase()}-${max - 1}`;
      if (candidate.length > suffix.length) suffix = candidate;
    }
    return { suffix, by: 'the operator names a pod and Service' };
  }
}
