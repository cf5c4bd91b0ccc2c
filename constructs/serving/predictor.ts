import { IConstruct } from 'constructs';
import { checkCount, checkName, ContainerProps, fail, field as join, isDataKey, NameRule, PodProps, renderPodTemplate, requireRelease, SecurityContextProps } from '../core';
import {
  checkBlockedEnv, KSERVE_CONTAINER, renderComponentFields, renderServingComponent, RUNTIME_IMAGE_PLACEHOLDER, ServingComponentContext,
  ServingComponentProps, WORKER_CONTAINER,
} from './component';
import { ModelFormat, ProtocolVersion } from './model-format';
import { IServingRuntime } from './serving-runtime';
import { StorageUri } from './storage-uri';
import { PredictorSpec } from './wire';

/**
 * A model served by a ServingRuntime that KServe picks by format (`predictor.model`). The
 * container fields (resources, env, args…) are merged into the runtime's server container.
 */
export interface ModelProps extends Omit<ContainerProps, 'image' | 'workingDir'> {
  readonly format: ModelFormat;
  /** Where the model is; downloaded to `/mnt/models` before the server starts. @default - none: the server loads the model itself (e.g. a Hugging Face model id in `args`) */
  readonly storageUri?: StorageUri;
  /**
   * The runtime to use: a ServingRuntime/ClusterServingRuntime construct, or the name of one
   * installed in the cluster (e.g. `kserve-tritonserver`).
   * @default - KServe picks an auto-selectable runtime that supports the format and protocol
   */
  readonly runtime?: IServingRuntime;
  /** The runtime image's tag to use. @default - the runtime's */
  readonly runtimeVersion?: string;
  /**
   * @default - v2 for Triton and vLLM; otherwise the named runtime's preferred protocol, or v1 when
   * KServe auto-selects the runtime
   */
  readonly protocolVersion?: ProtocolVersion;
  /** Replaces the runtime's image. @default - the runtime's */
  readonly image?: string;
  /**
   * Security settings that override the runtime container's, field by field: KServe merges the
   * model into it, so only the fields given are written and the rest stay the runtime's.
   * @default - the runtime's (a ServingRuntime construct's container has the safe defaults of SecurityContextProps)
   */
  readonly securityContext?: SecurityContextProps;
  /**
   * The model's location as an entry of the namespace's `storage-config` Secret (KServe's
   * storage spec): the entry holds the storage type, endpoint, bucket and credentials, and
   * `path` the model's place in it. With `storageUri` it only selects the credentials.
   * @default - none: `storageUri` with the service account's credentials
   */
  readonly storage?: ModelStorageProps;
}

/**
 * A model's place in a storage described by the namespace's `storage-config` Secret (KServe's
 * `ModelStorageSpec`, the format ModelMesh uses too): each Secret entry is a JSON document with
 * the storage's `type` (s3, hdfs or webhdfs), endpoint, bucket and credentials.
 */
export interface ModelStorageProps {
  /** The Secret entry to use. @default - `default`, or `default_<type>` when `parameters.type` is set */
  readonly key?: string;
  /**
   * The model's path in the storage (inside the bucket for s3). Either this or the model's
   * `storageUri` gives the location.
   * @default - none: the model's storageUri gives it
   */
  readonly path?: string;
  /** Settings that override the entry's, e.g. `{ type: 's3', bucket: 'models' }`. @default - the entry's */
  readonly parameters?: Record<string, string>;
  /** Path of the model's schema file in the storage. @default - none */
  readonly schemaPath?: string;
}

/** A worker pod's server container: overrides merged into the runtime's `worker-container`. */
export interface WorkerContainerProps extends Omit<ContainerProps, 'image'> {
  /** Replaces the runtime's worker image. @default - the runtime's */
  readonly image?: string;
  /** Security settings that override the runtime worker container's, field by field (as a model's). @default - the runtime's */
  readonly securityContext?: SecurityContextProps;
}

/**
 * Multi-node serving (KServe's `workerSpec`): the predictor's head pod plus worker pods, with
 * the model split across them (vLLM on Ray). It needs Standard mode, no autoscaling (the
 * service's autoscaler defaults to `Autoscaler.NONE`), a model on `pvc://` or `oci://`, and a
 * runtime with a worker spec (e.g. `kserve-huggingfaceserver-multinode`).
 */
export interface WorkerSpecProps {
  /** Pipeline stages, one node each: the head and `pipelineParallelSize - 1` workers. @default - the runtime's (1) */
  readonly pipelineParallelSize?: number;
  /** GPUs per node that share each layer's tensors. @default - the runtime's (1) */
  readonly tensorParallelSize?: number;
  /** Overrides of the runtime's worker container (GPUs, env, …). @default - the runtime's container as is */
  readonly container?: WorkerContainerProps;
  /**
   * Pod settings of the worker pods (node selection, tolerations, volumes, …). Their labels and
   * annotations are the predictor's (`pod.labels`, `pod.annotations`) and the runtime's worker ones.
   * @default - the runtime's
   */
  readonly pod?: Omit<PodProps, 'labels' | 'annotations'>;
}

/** A custom model server (`predictor.containers`), run as container `kserve-container`: KServe finds the server by that name, so it cannot be chosen. */
export interface PredictorContainerProps extends ContainerProps {
  /** Downloaded to `/mnt/models` before the server starts (rendered as the `STORAGE_URI` env var KServe reads). @default - none */
  readonly storageUri?: StorageUri;
  /** The protocol the server speaks, v1 or v2 (rendered as the `PROTOCOL` env var). @default - v1 */
  readonly protocolVersion?: ProtocolVersion;
}

/** The predictor: exactly one of `model` (a model format served by a runtime) or `container` (a custom server). */
export interface PredictorProps extends ServingComponentProps {
  /**
   * The predictor's name; KServe names its Deployment/Service `<service>-<name>-predictor`.
   * In Standard mode, a canary is promoted by renaming the predictor to the canary's name.
   * @default - none (`<service>-predictor`)
   */
  readonly name?: string;
  /** @default - none; then `container` is required */
  readonly model?: ModelProps;
  /** @default - none; then `model` is required */
  readonly container?: PredictorContainerProps;
  /** Serves the model across several nodes (head and worker pods); see {@link WorkerSpecProps}. @default - one pod per replica */
  readonly workerSpec?: WorkerSpecProps;
}

const TAG = /^[\w][\w.-]{0,127}$/;

/** What `renderPredictor` returns: the predictor spec and the storage URI it loads. @internal */
export interface RenderedPredictor {
  readonly spec: PredictorSpec;
  readonly storageUri?: string;
}

/**
 * Validates and renders a predictor spec: each implementation given (`model`, `container`) is
 * rendered, so that a predictor with both or neither reaches the manifest and the
 * `kserve/exactly-one-implementation` policy reports it at synth. Checks the typed props:
 * names, tags, storage URIs, and `CustomPredictor.validateCustomProtocol` (predictor_custom.go:
 * PROTOCOL must be v1 or v2). How the model fits its runtime is the `kserve/predictor-runtime*`
 * policies' business.
 * @internal
 */
export function renderPredictor(scope: IConstruct, field: string, ctx: ServingComponentContext, props: PredictorProps): RenderedPredictor {
  if (!props) fail(scope, field, 'is missing', 'give a predictor with a model or a container');
  const { model, container } = props;
  if (props.name !== undefined) {
    checkName(scope, join(field, 'name'), props.name, NameRule.LABEL);
    requireRelease(scope, join(field, 'name'), 'kserve', '0.20.0', 'a predictor name');
  }
  const m = model ? renderModel(scope, field, ctx, props, model) : undefined;
  const c = container ? renderCustom(scope, field, ctx, props, container) : undefined;
  const fields = m?.fields ?? c?.fields ?? renderComponentFields(scope, field, ctx, props);
  const workerSpec = props.workerSpec ? renderWorkerSpec(scope, join(field, 'workerSpec'), props.workerSpec) : undefined;
  return {
    storageUri: m?.storageUri ?? c?.storageUri,
    spec: { name: props.name, ...fields, model: m?.model, containers: c?.containers ?? m?.sidecars, workerSpec },
  };
}

/** The storage-config types KServe's storage initializer can use (`SupportedStorageSpecTypes`, pkg/credentials). */
const STORAGE_SPEC_TYPES = ['s3', 'hdfs', 'webhdfs'];
// A key of a Secret's data, as the API server allows it.
/**
 * Validates and renders a model's storage spec. KServe reads `path` only without a storageUri
 * (the storage initializer then builds `<type>://[bucket/]path`), so both are an error here.
 */
function renderStorage(scope: IConstruct, field: string, storage: ModelStorageProps, storageUri: string | undefined): NonNullable<PredictorSpec['model']>['storage'] {
  if (storage.key !== undefined && !isDataKey(storage.key)) {
    fail(scope, join(field, 'key'), `"${storage.key}" is not a Secret key`, 'give the name of an entry of the storage-config Secret: letters, digits, "-", "_" and "."');
  }
  if (storage.path !== undefined && storageUri !== undefined) {
    fail(scope, join(field, 'path'), `is set beside storageUri (${storageUri}); KServe downloads storageUri and ignores the path`,
      'give the location once: drop storage.path (storage then only selects the credentials), or drop storageUri');
  }
  if (storage.path === undefined && storageUri === undefined) {
    fail(scope, field, 'gives no location: neither storage.path nor the model\'s storageUri is set, so nothing is downloaded', 'give storage.path (the model\'s path in the storage), or a storageUri');
  }
  if (storage.path !== undefined && !storage.path.replace(/^\/+/, '')) fail(scope, join(field, 'path'), 'is empty', 'give the model\'s path in the storage, e.g. "sklearn/model.joblib"');
  for (const [key, value] of Object.entries(storage.parameters ?? {})) {
    if (!key.trim()) fail(scope, join(field, 'parameters'), 'has an empty key', 'name each setting, e.g. { bucket: "models" }');
    if (key === 'type' && !STORAGE_SPEC_TYPES.includes(value)) {
      fail(scope, join(field, 'parameters', 'type'), `"${value}" is not a storage type KServe's storage spec supports`, `use one of ${STORAGE_SPEC_TYPES.join(', ')}, or a storageUri for other storage`);
    }
  }
  return { key: storage.key, path: storage.path, parameters: storage.parameters, schemaPath: storage.schemaPath };
}

/**
 * Validates and renders a predictor's worker spec: the sizes (whole numbers ≥ 1), the worker
 * container (named `worker-container`, which KServe merges into the runtime's container of that
 * name, so the image and any security setting not given stay the runtime's) and its pod. How it
 * fits the service (Standard mode, the model's storage, autoscaler none, no size env vars) is
 * `kserve/worker-spec`'s business.
 */
function renderWorkerSpec(scope: IConstruct, field: string, props: WorkerSpecProps): NonNullable<PredictorSpec['workerSpec']> {
  requireRelease(scope, field, 'kserve', '0.14.0', 'multi-node serving (workerSpec)');
  for (const key of ['pipelineParallelSize', 'tensorParallelSize'] as const) {
    const n = props[key];
    if (n !== undefined) checkCount(scope, join(field, key), n, 1, key === 'pipelineParallelSize' ? 'give the number of nodes (pipeline stages), e.g. 2' : 'give the GPUs per node, e.g. 1');
  }
  const c = props.container ?? {};
  const cField = join(field, 'container');
  checkBlockedEnv(scope, cField, c);
  const template = renderPodTemplate(scope, join(field, 'pod'), {
    containers: [{ name: WORKER_CONTAINER, props: { ...c, image: c.image ?? RUNTIME_IMAGE_PLACEHOLDER }, field: cField, merged: true }], pod: props.pod,
  });
  const { containers, ...pod } = template.spec;
  const { image, ...container } = containers[0];
  return {
    ...pod,
    pipelineParallelSize: props.pipelineParallelSize,
    tensorParallelSize: props.tensorParallelSize,
    containers: [{ ...container, image: c.image === undefined ? undefined : image }],
  };
}

type Rendered<T> = { fields: ReturnType<typeof renderServingComponent>['fields']; storageUri?: string } & T;

function renderModel(scope: IConstruct, field: string, ctx: ServingComponentContext, props: PredictorProps, model: ModelProps): Rendered<{ model: PredictorSpec['model']; sidecars: PredictorSpec['containers'] }> {
  const f = join(field, 'model');
  model.format._validate(scope, join(f, 'format'));
  const storageUri = model.storageUri?._validate(scope, join(f, 'storageUri'));
  if (model.runtimeVersion !== undefined && !TAG.test(model.runtimeVersion)) {
    fail(scope, join(f, 'runtimeVersion'), `"${model.runtimeVersion}" is not an image tag`, 'give the runtime image tag, e.g. "0.20.0"');
  }
  const runtime = model.runtime;
  if (runtime?.namespace !== undefined && runtime.namespace !== ctx.namespace) {
    // A reference the manifest cannot show: it names the runtime without its namespace.
    fail(scope, join(f, 'runtime'), `ServingRuntime "${runtime.name}" is in namespace "${runtime.namespace}", the service in "${ctx.namespace}"`,
      'a ServingRuntime serves its own namespace only: define it there, or make it a ClusterServingRuntime');
  }
  const storage = model.storage ? renderStorage(scope, join(f, 'storage'), model.storage, storageUri) : undefined;
  const { format: _f, storageUri: _s, runtime: _r, runtimeVersion, protocolVersion, image, storage: _st, ...containerProps } = model;
  // KServe strategic-merges the model's container into the runtime's (MergeRuntimeContainers), so it
  // carries only the security settings given: the runtime's own stay in force.
  const rendered = renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: { ...containerProps, image: image ?? RUNTIME_IMAGE_PLACEHOLDER }, field: f, merged: true }]);
  // The pod's sidecars stay `containers`.
  const [{ name: _n, image: renderedImage, ...modelContainer }, ...sidecars] = rendered.containers;
  return {
    fields: rendered.fields,
    storageUri,
    sidecars: sidecars.length ? sidecars : undefined,
    model: {
      modelFormat: model.format._render(),
      runtime: runtime?.name,
      runtimeVersion,
      protocolVersion,
      storageUri,
      storage,
      image: image === undefined ? undefined : renderedImage,
      ...modelContainer,
    },
  };
}

function renderCustom(scope: IConstruct, field: string, ctx: ServingComponentContext, props: PredictorProps, c: PredictorContainerProps): Rendered<{ containers: PredictorSpec['containers'] }> {
  const f = join(field, 'container');
  const storageUri = c.storageUri?._validate(scope, join(f, 'storageUri'));
  const protocol = c.protocolVersion;
  if (protocol !== undefined && protocol !== ProtocolVersion.V1 && protocol !== ProtocolVersion.V2) {
    // KServe: InvalidProtocol ("invalid protocol %s. Must be one of [v1, v2]").
    fail(scope, join(f, 'protocolVersion'), `custom predictors speak v1 or v2, got "${protocol}"`, 'use ProtocolVersion.V1 or ProtocolVersion.V2');
  }
  // KServe reads both from the env vars (CustomPredictor.GetStorageUri, validateCustomProtocol); the
  // typed props are the one way to set them, so that they are checked.
  for (const [key, prop] of [['STORAGE_URI', 'storageUri'], ['PROTOCOL', 'protocolVersion']] as const) {
    if (c.env && key in c.env) {
      fail(scope, join(f, 'env', key), `sets what the ${prop} prop sets, unchecked`, `drop the ${key} env var and give \`${prop}\` (rendered as ${key})`);
    }
  }
  const { storageUri: _s, protocolVersion: _p, ...containerProps } = c;
  const env = { ...c.env, ...(storageUri ? { STORAGE_URI: storageUri } : {}), ...(protocol ? { PROTOCOL: protocol } : {}) };
  const rendered = renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: { ...containerProps, env }, field: f }]);
  return { fields: rendered.fields, storageUri, containers: rendered.containers };
}
