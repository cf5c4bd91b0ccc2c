import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  checkCount, checkName, ContainerProps, fail, field as join, IResource, NameRule, PodProps, renderPodTemplate, requireRelease, resolveNamespace, Resource,
  ResourceProps, resourceName, SchedulingProps,
} from '../core';
import { ITenant } from '../tenancy';
import { checkBlockedEnv, KSERVE_CONTAINER, WORKER_CONTAINER } from './component';
import { ModelFormat, ProtocolVersion } from './model-format';
import { RuntimeSpec } from './wire';

/** One model format a runtime serves. */
export interface SupportedModelFormat {
  readonly format: ModelFormat;
  /**
   * Whether KServe may pick this runtime for InferenceServices that name no runtime.
   * @default false
   */
  readonly autoSelect?: boolean;
  /** Among auto-selectable runtimes of a format, the highest priority wins (≥ 1; only with autoSelect). @default - none */
  readonly priority?: number;
}

/** Multi-model (ModelMesh) endpoints, `port:<n>` or `unix:<path>`. */
export interface ModelMeshEndpoints {
  /** The runtime's model-management gRPC endpoint. */
  readonly grpcEndpoint: string;
  /** The inference gRPC endpoint. */
  readonly grpcDataEndpoint: string;
  /** @default - none */
  readonly httpDataEndpoint?: string;
}

/**
 * Pod settings of a runtime's pods. A runtime spec has no service account, priority class, pod
 * security context or init containers: those are the InferenceService's (its predictor's `pod`).
 * Sidecars run as containers beside `kserve-container`.
 */
export type RuntimePodProps = Omit<SchedulingProps, 'priorityClassName'> & Pick<PodProps, 'labels' | 'annotations' | 'imagePullSecrets' | 'volumes' | 'sidecars'>;

/**
 * The worker pods of a multi-node runtime (KServe's `workerSpec`, e.g. vLLM on Ray): an
 * InferenceService that gives a predictor `workerSpec` runs this runtime's container as its
 * head and these as its workers.
 */
export interface RuntimeWorkerSpecProps {
  /** Pipeline stages, one node each (head and workers); an InferenceService may override it. @default 1 (KServe's) */
  readonly pipelineParallelSize?: number;
  /** GPUs per node that share each layer's tensors; an InferenceService may override it. @default 1 (KServe's) */
  readonly tensorParallelSize?: number;
  /** The worker container, named `worker-container` (KServe merges the InferenceService's worker settings into it by that name). */
  readonly container: ContainerProps;
  /** Scheduling, pod labels and annotations, image pull secrets, volumes of the worker pods. @default - none */
  readonly pod?: RuntimePodProps;
}

/** What ServingRuntime and ClusterServingRuntime have in common. */
export interface ServingRuntimeBaseProps extends ResourceProps {
  /** The formats (and versions) this runtime serves. */
  readonly supportedModelFormats: SupportedModelFormat[];
  /** @default - every protocol (KServe treats a runtime that lists none as speaking all) */
  readonly protocolVersions?: ProtocolVersion[];
  /**
   * The server container, named `kserve-container`: KServe merges an InferenceService's model
   * fields into the runtime's container of that name, so the name cannot be chosen.
   */
  readonly container: ContainerProps;
  /** Scheduling, pod labels and annotations, image pull secrets, volumes. @default - none */
  readonly pod?: RuntimePodProps;
  /** Makes it a multi-node runtime: its container is the head, these the workers. @default - single-node */
  readonly workerSpec?: RuntimeWorkerSpecProps;
  /** Serves many models per pod through ModelMesh; needs its endpoints. @default - single-model */
  readonly multiModel?: ModelMeshEndpoints;
  /** Keeps the runtime but stops KServe from using it. @default false */
  readonly disabled?: boolean;
}

export interface ServingRuntimeProps extends ServingRuntimeBaseProps {
  /** @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
}

export type ClusterServingRuntimeProps = ServingRuntimeBaseProps;

const ENDPOINT = /^(port:\d{1,5}|unix:\/\S+)$/;

/**
 * A serving runtime an InferenceService's model can name: one defined in this app (synth then
 * checks the model against its formats and protocols, `kserve/predictor-runtime`), or one that
 * exists by name, such as the runtimes KServe installs (`kserve-torchserve`, …).
 */
export interface IServingRuntime extends IResource {
  readonly kind: 'ServingRuntime' | 'ClusterServingRuntime';
  /** The runtime's namespace; undefined for a ClusterServingRuntime or one known by name. */
  readonly namespace?: string;
  /** What is known of the runtime's content (only for runtimes defined here). */
  readonly details?: ServingRuntimeDetails;
}

/** What a runtime defined here serves, for code that picks runtimes. */
export interface ServingRuntimeDetails {
  readonly supportedModelFormats: readonly SupportedModelFormat[];
  readonly protocolVersions?: readonly ProtocolVersion[];
  readonly multiModel: boolean;
  readonly disabled: boolean;
}

/** A ServingRuntime or ClusterServingRuntime that an InferenceService can name as its `runtime`. */
export abstract class ServingRuntimeBase extends Resource implements IServingRuntime {
  public readonly apiVersion = 'serving.kserve.io/v1alpha1';
  public readonly name: string;
  /** The runtime's namespace; undefined for a ClusterServingRuntime. */
  public abstract readonly namespace: string | undefined;
  public abstract readonly kind: 'ServingRuntime' | 'ClusterServingRuntime';
  public readonly details: ServingRuntimeDetails;
  public abstract readonly apiObject: ApiObject;

  /** @internal */
  protected constructor(scope: Construct, id: string, props: ServingRuntimeBaseProps) {
    super(scope, id);
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL_1035 });
    this.details = {
      supportedModelFormats: props.supportedModelFormats,
      protocolVersions: props.protocolVersions,
      multiModel: props.multiModel !== undefined,
      disabled: props.disabled ?? false,
    };
  }

  /** Validates the props and emits the object. */
  protected emitRuntime(props: ServingRuntimeBaseProps): ApiObject {
    const spec = renderRuntimeSpec(this, props);
    return this.emitResource({ name: this.name, namespace: this.namespace, appName: 'serving-runtime', component: 'serving', ...props.metadata }, { spec });
  }
}

/** A namespaced KServe ServingRuntime: a model server that InferenceServices of its namespace can use. */
export class ServingRuntime extends ServingRuntimeBase {
  /** A ServingRuntime that exists outside this app, in the namespace of the services that use it. */
  public static fromName(scope: Construct, id: string, name: string): IServingRuntime {
    return new ExistingServingRuntime(scope, id, 'ServingRuntime', name);
  }

  public readonly namespace: string;
  public readonly kind = 'ServingRuntime' as const;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ServingRuntimeProps) {
    super(scope, id, props);
    this.namespace = resolveNamespace(this, props);
    this.apiObject = this.emitRuntime(props);
  }
}

/** A cluster-wide KServe ClusterServingRuntime, usable by InferenceServices of every namespace. */
export class ClusterServingRuntime extends ServingRuntimeBase {
  /** A ClusterServingRuntime that exists outside this app, e.g. one KServe installs (`kserve-torchserve`). */
  public static fromName(scope: Construct, id: string, name: string): IServingRuntime {
    return new ExistingServingRuntime(scope, id, 'ClusterServingRuntime', name);
  }

  public readonly namespace = undefined;
  public readonly kind = 'ClusterServingRuntime' as const;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ClusterServingRuntimeProps) {
    super(scope, id, props);
    this.apiObject = this.emitRuntime(props);
  }
}

class ExistingServingRuntime extends Construct implements IServingRuntime {
  constructor(scope: Construct, id: string, public readonly kind: 'ServingRuntime' | 'ClusterServingRuntime', public readonly name: string) {
    super(scope, id);
    checkName(this, 'name', name, NameRule.LABEL_1035);
  }
}

/**
 * Renders a runtime spec, checking its typed props: formats listed once, the CRD's `priority ≥ 1`
 * (with autoSelect, without which it does nothing), no blocked env vars. Priorities across the
 * formats of one runtime and across runtimes are the `kserve/runtime-format-priority` and
 * `kserve/runtime-priority-clash` policies' business at synth.
 */
function renderRuntimeSpec(scope: IConstruct, props: ServingRuntimeBaseProps): RuntimeSpec {
  if (!props.supportedModelFormats?.length) {
    fail(scope, 'supportedModelFormats', 'is empty', 'list the model formats the runtime serves, e.g. [{ format: ModelFormat.pytorch(\'2\'), autoSelect: true }]');
  }
  const seen = new Set<string>();
  props.supportedModelFormats.forEach((m, i) => {
    const f = `supportedModelFormats[${i}]`;
    m.format._validate(scope, join(f, 'format'));
    const key = `${m.format.name}:${m.format.version ?? ''}`;
    if (seen.has(key)) fail(scope, f, `${m.format.name}${m.format.version ? ` ${m.format.version}` : ''} is listed twice`, 'list each format and version once');
    seen.add(key);
    if (m.priority !== undefined) {
      checkCount(scope, join(f, 'priority'), m.priority, 1, 'higher numbers win; start at 1');
      if (!m.autoSelect) fail(scope, join(f, 'priority'), 'has no effect without autoSelect', 'set autoSelect: true, or drop the priority');
    }
  });
  const protocols = props.protocolVersions ?? [];
  for (const p of protocols) {
    if (!Object.values(ProtocolVersion).includes(p)) fail(scope, 'protocolVersions', `"${p}" is not a protocol version`, 'use ProtocolVersion.V1, V2, GRPC_V1 or GRPC_V2');
  }
  if (new Set(protocols).size !== protocols.length) fail(scope, 'protocolVersions', 'lists a protocol twice', 'list each protocol once');
  if (props.container) checkBlockedEnv(scope, 'container', props.container);
  const mm = props.multiModel;
  if (mm) {
    for (const key of ['grpcEndpoint', 'grpcDataEndpoint', 'httpDataEndpoint'] as const) {
      const v = mm[key];
      if (v !== undefined && !ENDPOINT.test(v)) fail(scope, join('multiModel', key), `"${v}" is not an endpoint`, 'use "port:<number>" or "unix:<absolute path>"');
    }
  }
  const w = props.workerSpec;
  if (w) {
    requireRelease(scope, 'workerSpec', 'kserve', '0.14.0', 'multi-node serving (workerSpec)');
    for (const key of ['pipelineParallelSize', 'tensorParallelSize'] as const) {
      if (w[key] !== undefined) checkCount(scope, join('workerSpec', key), w[key], 1, 'give 1 or more');
    }
    if (w.container) checkBlockedEnv(scope, 'workerSpec.container', w.container);
  }
  return {
    supportedModelFormats: props.supportedModelFormats.map((m) => ({ ...m.format._render(), autoSelect: m.autoSelect, priority: m.priority })),
    protocolVersions: protocols.length ? protocols : undefined,
    multiModel: mm ? true : undefined,
    grpcEndpoint: mm?.grpcEndpoint,
    grpcDataEndpoint: mm?.grpcDataEndpoint,
    httpDataEndpoint: mm?.httpDataEndpoint,
    disabled: props.disabled || undefined,
    ...renderRuntimePod(scope, '', KSERVE_CONTAINER, props.container, props.pod),
    workerSpec: w && {
      pipelineParallelSize: w.pipelineParallelSize,
      tensorParallelSize: w.tensorParallelSize,
      ...renderRuntimePod(scope, 'workerSpec', WORKER_CONTAINER, w.container, w.pod),
    },
  };
}

/** The pod fields of a runtime spec or its worker spec: one container named `name`, and the pod settings. */
function renderRuntimePod(scope: IConstruct, field: string, name: string, container: ContainerProps, pod: RuntimePodProps = {}) {
  for (const [i, c] of (pod.sidecars ?? []).entries()) checkBlockedEnv(scope, join(field, `pod.sidecars[${i}]`), c);
  // ServingRuntimePodSpec has no initContainers: sidecars follow the server container.
  const template = renderPodTemplate(scope, join(field, 'pod'), { containers: [{ name, props: container, field: join(field, 'container') }], pod, sidecars: 'containers', initContainers: false });
  const s = template.spec;
  return {
    containers: s.containers,
    volumes: s.volumes,
    nodeSelector: s.nodeSelector,
    tolerations: s.tolerations,
    affinity: s.affinity,
    imagePullSecrets: s.imagePullSecrets,
    labels: template.metadata?.labels,
    annotations: template.metadata?.annotations,
  };
}
