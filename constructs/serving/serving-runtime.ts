import { Construct, IConstruct } from 'constructs';
import {
  ContainerProps, emit, fail, field as join, NameRule, PodProps, renderPodTemplate, resolveNamespace, resourceName, SchedulingProps, checkCount,
} from '../core';
import { Tenant } from '../tenancy';
import { checkBlockedEnv, KSERVE_CONTAINER } from './component';
import { ModelFormat, ProtocolVersion } from './model-format';

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

/** What ServingRuntime and ClusterServingRuntime have in common. */
export interface ServingRuntimeBaseProps {
  /** @default - derived from the construct id */
  readonly name?: string;
  /** The formats (and versions) this runtime serves. */
  readonly supportedModelFormats: SupportedModelFormat[];
  /** @default - every protocol (KServe treats a runtime that lists none as speaking all) */
  readonly protocolVersions?: ProtocolVersion[];
  /** The server container, named `kserve-container`; the InferenceService's model fields are merged into it. */
  readonly container: ContainerProps;
  /** Scheduling, pod labels and annotations, image pull secrets, volumes. @default - none */
  readonly pod?: Omit<SchedulingProps, 'priorityClassName'> & Pick<PodProps, 'labels' | 'annotations' | 'imagePullSecrets' | 'volumes'>;
  /** Serves many models per pod through ModelMesh; needs its endpoints. @default - single-model */
  readonly multiModel?: ModelMeshEndpoints;
  /** Keeps the runtime but stops KServe from using it. @default false */
  readonly disabled?: boolean;
}

export interface ServingRuntimeProps extends ServingRuntimeBaseProps {
  /** @default - `namespace` */
  readonly tenant?: Tenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
}

export type ClusterServingRuntimeProps = ServingRuntimeBaseProps;

const ENDPOINT = /^(port:\d{1,5}|unix:\/\S+)$/;

/** A ServingRuntime or ClusterServingRuntime that an InferenceService can name as its `runtime`. */
export abstract class ServingRuntimeBase extends Construct {
  public readonly name: string;
  /** The runtime's namespace; undefined for a ClusterServingRuntime. */
  public abstract readonly namespace: string | undefined;
  public abstract readonly kind: 'ServingRuntime' | 'ClusterServingRuntime';
  public readonly supportedModelFormats: readonly SupportedModelFormat[];
  public readonly protocolVersions: readonly ProtocolVersion[] | undefined;
  public readonly multiModel: boolean;
  public readonly disabled: boolean;

  protected constructor(scope: Construct, id: string, props: ServingRuntimeBaseProps) {
    super(scope, id);
    this.name = resourceName(this, props.name, NameRule.LABEL_1035);
    this.supportedModelFormats = props.supportedModelFormats;
    this.protocolVersions = props.protocolVersions;
    this.multiModel = props.multiModel !== undefined;
    this.disabled = props.disabled ?? false;
  }

  /** Validates the props and emits the object. */
  protected emitRuntime(props: ServingRuntimeBaseProps): void {
    const spec = renderRuntimeSpec(this, props);
    checkPriorityClash(this);
    emit(this, 'Resource', { apiVersion: 'serving.kserve.io/v1alpha1', kind: this.kind },
      { name: this.name, namespace: this.namespace, appName: 'serving-runtime', component: 'serving' }, { spec });
  }
}

/** A namespaced KServe ServingRuntime: a model server that InferenceServices of its namespace can use. */
export class ServingRuntime extends ServingRuntimeBase {
  public readonly namespace: string;
  public readonly kind = 'ServingRuntime' as const;

  constructor(scope: Construct, id: string, props: ServingRuntimeProps) {
    super(scope, id, props);
    this.namespace = resolveNamespace(this, props);
    this.emitRuntime(props);
  }
}

/** A cluster-wide KServe ClusterServingRuntime, usable by InferenceServices of every namespace. */
export class ClusterServingRuntime extends ServingRuntimeBase {
  public readonly namespace = undefined;
  public readonly kind = 'ClusterServingRuntime' as const;

  constructor(scope: Construct, id: string, props: ClusterServingRuntimeProps) {
    super(scope, id, props);
    this.emitRuntime(props);
  }
}

/**
 * Renders a runtime spec, mirroring KServe's ServingRuntime webhook
 * (pkg/webhook/admission/servingruntime/servingruntime_webhook.go) where it needs no cluster
 * state: one priority per auto-selected format name (`validateModelFormatPrioritySame`), no
 * blocked env vars (`validateBlockedEnvVars`); plus the CRD's `priority ≥ 1`.
 */
function renderRuntimeSpec(scope: IConstruct, props: ServingRuntimeBaseProps): Record<string, unknown> {
  if (!props.supportedModelFormats?.length) {
    fail(scope, 'supportedModelFormats', 'is empty', 'list the model formats the runtime serves, e.g. [{ format: ModelFormat.pytorch(\'2\'), autoSelect: true }]');
  }
  const priorities = new Map<string, number | undefined>();
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
    if (m.autoSelect) {
      const existing = priorities.get(m.format.name);
      if (priorities.has(m.format.name) && existing !== undefined && m.priority !== undefined && existing !== m.priority) {
        // KServe: ProrityIsNotSameError ("different priorities assigned for the model format %s").
        fail(scope, join(f, 'priority'), `different priorities assigned for the model format ${m.format.name} (${existing} and ${m.priority})`, 'give every version of one format the same priority');
      }
      if (!priorities.has(m.format.name) || existing === undefined) priorities.set(m.format.name, m.priority);
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
  const pod = props.pod ?? {};
  const template = renderPodTemplate(scope, 'pod', { containers: [{ name: KSERVE_CONTAINER, props: props.container, field: 'container' }], pod });
  const s = template.spec;
  return {
    supportedModelFormats: props.supportedModelFormats.map((m) => ({ ...m.format._render(), autoSelect: m.autoSelect, priority: m.priority })),
    protocolVersions: protocols.length ? protocols : undefined,
    multiModel: mm ? true : undefined,
    grpcEndpoint: mm?.grpcEndpoint,
    grpcDataEndpoint: mm?.grpcDataEndpoint,
    httpDataEndpoint: mm?.httpDataEndpoint,
    disabled: props.disabled || undefined,
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

const runtimesByStack = new WeakMap<IConstruct, ServingRuntimeBase[]>();

/**
 * KServe's `validateServingRuntimePriority`: two enabled runtimes of one namespace (or two
 * ClusterServingRuntimes), both single- or both multi-model, sharing a protocol, may not give
 * the same auto-selected format and version the same priority, or auto-selection would be a tie.
 * Checked against the runtimes defined earlier in the same stack.
 */
function checkPriorityClash(runtime: ServingRuntimeBase): void {
  const stack = runtime.node.scopes[1] ?? runtime.node.root;
  const earlier = runtimesByStack.get(stack) ?? [];
  runtimesByStack.set(stack, [...earlier, runtime]);
  if (runtime.disabled) return;
  for (const other of earlier) {
    if (other.kind !== runtime.kind || other.namespace !== runtime.namespace || other.disabled || other.multiModel !== runtime.multiModel) continue;
    if (!(other.protocolVersions ?? []).some((p) => (runtime.protocolVersions ?? []).includes(p))) continue;
    for (const mine of runtime.supportedModelFormats) {
      const clash = other.supportedModelFormats.find((theirs) => mine.autoSelect && theirs.autoSelect
        && mine.format.name.toLowerCase() === theirs.format.name.toLowerCase() && mine.format.version === theirs.format.version
        && mine.priority !== undefined && mine.priority === theirs.priority);
      if (clash) {
        fail(runtime, 'supportedModelFormats', `same priority assigned for the model format ${mine.format.name} in the ${runtime.kind.toLowerCase()}s ${other.name} and ${runtime.name} (priority ${mine.priority})`,
          'give one of them another priority, so that KServe\'s auto-selection is not a tie');
      }
    }
  }
}
