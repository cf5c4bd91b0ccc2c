import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ContainerProps, fail, field as join, PodProps, renderPodTemplate, requireRelease, wholeSeconds } from '../core';
import { Container } from '../wire/core';
import { Autoscaler, AutoscalingProps, renderAutoscaling } from './autoscaling';
import { BatcherProps, renderBatcher } from './batcher';
import { LoggerProps, renderLogger } from './logger';
import { IStorageCredentials } from './storage-credentials';
import { StorageUri } from './storage-uri';
import { ComponentFields } from './wire';

/**
 * The container name KServe gives a component's main container (`constants.InferenceServiceContainerName`).
 * It cannot be changed: KServe's defaulting webhook renames a transformer's and a custom
 * explainer's first container (and a lone predictor container) to it, the storage initializer
 * mounts the model into the container of this name, and a model's fields are merged into the
 * runtime's container of this name (kserve pkg/apis/serving/v1beta1 `*_custom.go` Default,
 * pkg/webhook/admission/pod/storage_initializer_injector.go, MergeServingRuntimeAndInferenceServiceSpecs).
 * @internal
 */
export const KSERVE_CONTAINER = 'kserve-container';

/** The worker container of multi-node serving, merged by this name (`constants.WorkerContainerName`). @internal */
export const WORKER_CONTAINER = 'worker-container';

/**
 * Env vars KServe refuses in any container (`validation.DefaultBlockedEnvVars`,
 * pkg/validation/env_policy.go), because they would let a model load code from elsewhere.
 */
const BLOCKED_ENV = ['PYTHONPATH'];

/** How a Standard-mode Deployment replaces its pods. */
export interface RollingUpdateProps {
  /** Extra pods during a rollout: a count or a percentage such as `'25%'`. @default '25%' */
  readonly maxSurge?: number | string;
  /**
   * Pods that may be unavailable during a rollout. Large GPU models often use `maxSurge: 0,
   * maxUnavailable: 1`, so a rollout needs no spare GPU.
   * @default '25%'
   */
  readonly maxUnavailable?: number | string;
}

/** Settings every InferenceService component (predictor, transformer, explainer) shares. */
export interface ServingComponentProps {
  /** @default - one replica; Knative scales on concurrency, Standard on CPU */
  readonly autoscaling?: AutoscalingProps;
  /**
   * Service account, node selection, tolerations, pod labels and annotations, volumes, security
   * context, init containers and sidecars. Sidecars run as containers beside `kserve-container`;
   * init containers need, in Knative mode, Knative's `kubernetes.podspec-init-containers` feature.
   * @default - none
   */
  readonly pod?: PodProps;
  /** Storage credentials; sets the pod's service account. @default - `pod.serviceAccountName`, else the namespace's default */
  readonly credentials?: IStorageCredentials;
  /** Request/response logging. @default - none */
  readonly logger?: LoggerProps;
  /** Server-side batching. @default - none */
  readonly batcher?: BatcherProps;
  /**
   * Request timeout (whole seconds).
   * @default - Standard: 60 s (KServe's HTTPRoute default); Knative: Knative's revision timeout (300 s unless configured)
   */
  readonly timeout?: Duration;
  /** Hard limit of concurrent requests per replica (Knative's containerConcurrency); 0 = unlimited. @default 0 */
  readonly containerConcurrency?: number;
  /** Rollout settings of the Deployment; Standard mode only. @default - Kubernetes' defaults */
  readonly rollingUpdate?: RollingUpdateProps;
  /**
   * Several model locations, each downloaded to its own directory (e.g. a base model and a
   * LoRA adapter below `/mnt/models`), instead of one `storageUri` (KServe 0.16 or later).
   * @default - none
   */
  readonly storageUris?: StorageUriMount[];
}

/** One of several model locations of a component (`storageUris`). */
export interface StorageUriMount {
  readonly uri: StorageUri;
  /** The absolute directory it is downloaded to. @default '/mnt/models' */
  readonly mountPath?: string;
}

/** What the InferenceService decides for all components. @internal */
export interface ServingComponentContext {
  /** The service's namespace, where credentials and runtimes referenced by construct must be. */
  readonly namespace: string;
  /** The service's autoscaler, which decides how metrics render. */
  readonly autoscaler: Autoscaler;
}

/** A rendered component: its pod-level and extension fields, and its containers. @internal */
export interface RenderedServingComponent {
  readonly containers: Container[];
  readonly fields: ComponentFields;
}

/**
 * Validates and renders the fields a component shares (KServe's inlined `PodSpec` and
 * `ComponentExtensionSpec`); the caller places `containers` (custom containers) or takes the
 * first as its implementation's container (model, ART explainer). `pod.sidecars` follow the
 * main container in `containers` (KServe counts only the one named `kserve-container` as the
 * implementation, and Knative runs plain containers without a feature flag), except for the ART
 * explainer (`sidecars: 'native'`), where KServe counts every container as a second implementation.
 * @internal
 */
export function renderServingComponent(
  scope: IConstruct, field: string, ctx: ServingComponentContext, props: ServingComponentProps,
  containers: Array<{ name: string; props: ContainerProps; field: string; merged?: boolean }>, sidecars: 'native' | 'containers' = 'containers',
): RenderedServingComponent {
  const f = (name: string) => join(field, name);
  for (const c of containers) checkBlockedEnv(scope, c.field, c.props);
  for (const key of ['initContainers', 'sidecars'] as const) {
    props.pod?.[key]?.forEach((c, i) => checkBlockedEnv(scope, f(`pod.${key}[${i}]`), c));
  }
  const pod = podWithCredentials(scope, f('credentials'), ctx.namespace, props);
  const template = renderPodTemplate(scope, f('pod'), { containers, pod, sidecars });
  const { containers: rendered, ...podFields } = template.spec;

  const cc = props.containerConcurrency;
  if (cc !== undefined && (!Number.isInteger(cc) || cc < 0)) {
    // KServe: ParallelismLowerBoundExceededError ("parallelism cannot be less than 0").
    fail(scope, f('containerConcurrency'), `must be a whole number ≥ 0, got ${cc}`, 'give the most requests one replica processes at once, or 0 for no limit');
  }
  return {
    containers: rendered,
    fields: {
      ...podFields,
      labels: template.metadata?.labels,
      annotations: template.metadata?.annotations,
      ...renderAutoscaling(scope, f('autoscaling'), props.autoscaling, ctx.autoscaler),
      containerConcurrency: cc,
      timeout: renderTimeout(scope, f('timeout'), props.timeout),
      logger: renderLogger(scope, f('logger'), props.logger),
      batcher: renderBatcher(scope, f('batcher'), props.batcher),
      deploymentStrategy: renderRollingUpdate(scope, f('rollingUpdate'), props.rollingUpdate),
      storageUris: renderStorageUris(scope, f('storageUris'), props.storageUris),
    },
  };
}

/**
 * The shared fields of a component given no implementation: rendered around a placeholder
 * container (a pod needs one), which is dropped; `kserve/exactly-one-implementation` reports
 * the component at synth.
 * @internal
 */
export function renderComponentFields(scope: IConstruct, field: string, ctx: ServingComponentContext, props: ServingComponentProps): ComponentFields {
  return renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: { image: RUNTIME_IMAGE_PLACEHOLDER }, field }]).fields;
}

/** Throws if a container sets an env var KServe's webhooks refuse (InferenceService and ServingRuntime alike). @internal */
export function checkBlockedEnv(scope: IConstruct, containerField: string, container: Pick<ContainerProps, 'env'>): void {
  for (const blocked of BLOCKED_ENV) {
    if (container.env && blocked in container.env) {
      // KServe: 'setting PYTHONPATH in container "…" is not allowed for security reasons'.
      // Refused on every release: KServe 0.18 and later reject it, and a module path set by hand is the hole they closed.
      fail(scope, join(containerField, 'env', blocked), `setting ${blocked} is not allowed for security reasons (KServe 0.18 and later reject it; kserve#5340)`,
        'install the code into the image, or load it from the model directory the server is given');
    }
  }
}

/**
 * The runtime (or KServe's configuration) supplies the image of a model predictor or an ART
 * explainer; renderContainer needs one to check, so this well-formed placeholder stands in and
 * is removed again.
 * @internal
 */
export const RUNTIME_IMAGE_PLACEHOLDER = 'kserve.invalid/runtime-image:none';

/** A request timeout as its wire format, whole seconds ≥ 1 (`timeout` of components and graphs). @internal */
export function renderTimeout(scope: IConstruct, field: string, timeout: Duration | undefined): number | undefined {
  return timeout === undefined ? undefined : wholeSeconds(scope, field, timeout, 1);
}

function podWithCredentials(scope: IConstruct, field: string, namespace: string, props: ServingComponentProps): PodProps | undefined {
  const creds = props.credentials;
  if (!creds) return props.pod;
  if (creds.namespace !== namespace) {
    fail(scope, field, `service account "${creds.name}" is in namespace "${creds.namespace}", the service in "${namespace}"`,
      'pods can only use service accounts of their own namespace: define the credentials in the service\'s namespace');
  }
  const explicit = props.pod?.serviceAccountName;
  if (explicit !== undefined && explicit !== creds.name) {
    fail(scope, field, `names service account "${creds.name}" but pod.serviceAccountName is "${explicit}"`, 'give one of them');
  }
  return { ...props.pod, serviceAccountName: creds.name };
}

/**
 * `storageUris`: each URI checked for its scheme, each mount path absolute (the CRD's pattern
 * and length). How the paths fit together (a common parent, no "..", not beside a storageUri)
 * is `kserve/storage-uris`'s business at synth.
 */
function renderStorageUris(scope: IConstruct, field: string, uris: readonly StorageUriMount[] | undefined): ComponentFields['storageUris'] {
  if (!uris) return undefined;
  requireRelease(scope, field, 'kserve', '0.16.0', 'storageUris');
  if (uris.length === 0) fail(scope, field, 'is empty', 'give at least one location, or leave storageUris out');
  return uris.map((u, i) => {
    const f = `${field}[${i}]`;
    const uri = u.uri._validate(scope, join(f, 'uri'));
    if (u.mountPath !== undefined && (!u.mountPath.startsWith('/') || u.mountPath.length > 255)) {
      fail(scope, join(f, 'mountPath'), `"${u.mountPath}" is not an absolute path of at most 255 characters`, 'give a directory such as /mnt/models/adapter');
    }
    return { uri, mountPath: u.mountPath };
  });
}

const INT_OR_PERCENT = /^(\d+|\d+%)$/;

/**
 * `deploymentStrategy`. Only Standard mode uses it, and both bounds 0 could never roll out:
 * the kserve policies report those at synth (`kserve/deployment-strategy`, `kserve/rolling-update`).
 */
function renderRollingUpdate(scope: IConstruct, field: string, props: RollingUpdateProps | undefined): ComponentFields['deploymentStrategy'] {
  if (!props) return undefined;
  for (const key of ['maxSurge', 'maxUnavailable'] as const) {
    const v = props[key];
    if (v !== undefined && !INT_OR_PERCENT.test(String(v))) {
      fail(scope, join(field, key), `"${v}" is neither a whole number ≥ 0 nor a percentage`, 'give a count such as 1 or a percentage such as "25%"');
    }
  }
  return { type: 'RollingUpdate', rollingUpdate: { maxSurge: props.maxSurge, maxUnavailable: props.maxUnavailable } };
}
