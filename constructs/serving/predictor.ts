import { IConstruct } from 'constructs';
import { checkName, ContainerProps, fail, field as join, NameRule, warn } from '../core';
import { ServingComponentContext, ServingComponentProps, KSERVE_CONTAINER, renderServingComponent, RUNTIME_IMAGE_PLACEHOLDER } from './component';
import { builtInRuntimesFor, runtimeServesFormat, isBuiltInRuntime, ModelFormat, runtimeSpeaksProtocol, ProtocolVersion } from './model-format';
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
}

/** A custom model server (`predictor.containers`, container `kserve-container`). */
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
}

const TAG = /^[\w][\w.-]{0,127}$/;

/** What `renderPredictor` returns: the predictor spec and the storage URI it loads. @internal */
export interface RenderedPredictor {
  readonly spec: PredictorSpec;
  readonly storageUri?: string;
}

/**
 * Validates and renders a predictor spec. Mirrors KServe's `validateExactlyOneImplementation`
 * and `validatePredictor` (inference_service_validation.go: the standard predictor has no
 * container name) and `CustomPredictor.validateCustomProtocol` (predictor_custom.go: PROTOCOL
 * must be v1 or v2); checks a named runtime the way `ModelSpec.RuntimeSupportsModel` and
 * `ServingRuntimeSpec.IsProtocolVersionSupported` would at reconcile.
 * @internal
 */
export function renderPredictor(scope: IConstruct, field: string, ctx: ServingComponentContext, props: PredictorProps): RenderedPredictor {
  if (!props) fail(scope, field, 'is missing', 'give a predictor with a model or a container');
  const { model, container } = props;
  if ((model === undefined) === (container === undefined)) {
    // KServe: "exactly one of [XGBoost, PyTorch, …, Model] must be specified in PredictorSpec".
    fail(scope, field, `exactly one of model or container must be set, got ${model ? 'both' : 'neither'}`,
      'serve a model format with `model: { format: ModelFormat.pytorch(), storageUri: ... }`, or your own server with `container: { image: ... }`');
  }
  if (props.name !== undefined) checkName(scope, join(field, 'name'), props.name, NameRule.LABEL);
  if (model) {
    const f = join(field, 'model');
    model.format._validate(scope, join(f, 'format'));
    const storageUri = model.storageUri?._validate(scope, join(f, 'storageUri'));
    if (model.runtimeVersion !== undefined && !TAG.test(model.runtimeVersion)) {
      fail(scope, join(f, 'runtimeVersion'), `"${model.runtimeVersion}" is not an image tag`, 'give the runtime image tag, e.g. "0.20.0"');
    }
    const runtimeName = checkRuntime(scope, f, ctx.namespace, model);
    const { format: _f, storageUri: _s, runtime: _r, runtimeVersion, protocolVersion, image, ...containerProps } = model;
    const rendered = renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: { ...containerProps, image: image ?? RUNTIME_IMAGE_PLACEHOLDER }, field: f }]);
    const { name: _n, image: renderedImage, ...modelContainer } = rendered.containers[0];
    return {
      storageUri,
      spec: {
        name: props.name,
        ...rendered.fields,
        model: {
          modelFormat: model.format._render(),
          runtime: runtimeName,
          runtimeVersion,
          protocolVersion,
          storageUri,
          image: image === undefined ? undefined : renderedImage,
          ...modelContainer,
        },
      },
    };
  }
  const f = join(field, 'container');
  const c = container!;
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
  return { storageUri, spec: { name: props.name, ...rendered.fields, containers: rendered.containers } };
}

/**
 * Checks the runtime a model names (or the built-in runtimes it could get) the way KServe's
 * predictor reconciler does (`reconcileModel`): a named runtime must serve the format, and the
 * protocol only when one is set (KServe otherwise takes the runtime's preferred protocol);
 * auto-selection filters by the protocol, v1 when none is set (`ModelSpec.GetProtocol`).
 * Returns the runtime's name.
 */
function checkRuntime(scope: IConstruct, field: string, namespace: string, model: ModelProps): string | undefined {
  const given = model.protocolVersion ?? model.format.defaultProtocol;
  const runtime = model.runtime;
  const describe = `${model.format.name}${model.format.version ? ` ${model.format.version}` : ''}`;
  const f = join(field, 'runtime');
  if (runtime?.namespace !== undefined && runtime.namespace !== namespace) {
    fail(scope, f, `ServingRuntime "${runtime.name}" is in namespace "${runtime.namespace}", the service in "${namespace}"`,
      'a ServingRuntime serves its own namespace only: define it there, or make it a ClusterServingRuntime');
  }
  const d = runtime?.details;
  if (runtime && d) {
    if (d.disabled) fail(scope, f, `${runtime.kind} "${runtime.name}" is disabled`, 'enable it, or pick another runtime');
    if (d.multiModel) fail(scope, f, `${runtime.kind} "${runtime.name}" is a multi-model (ModelMesh) runtime`, 'InferenceServices need a single-model runtime');
    if (!runtimeServesFormat(model.format, d.supportedModelFormats.map((m) => m.format))) {
      fail(scope, f, `${runtime.kind} "${runtime.name}" does not serve ${describe} (it serves ${d.supportedModelFormats.map((m) => `${m.format.name}${m.format.version ? ` ${m.format.version}` : ''}`).join(', ')})`,
        'pick a runtime that lists the format and version, or add it to the runtime\'s supportedModelFormats');
    }
    if (given !== undefined && !runtimeSpeaksProtocol(given, d.protocolVersions)) {
      fail(scope, join(field, 'protocolVersion'), `${runtime.kind} "${runtime.name}" does not speak ${given} (it speaks ${d.protocolVersions!.join(', ')})`,
        'pick a protocol the runtime lists (or leave protocolVersion out to get the runtime\'s), or another runtime');
    }
    return runtime.name;
  }
  if (runtime === undefined || isBuiltInRuntime(runtime.name)) {
    const protocol = runtime === undefined ? given ?? ProtocolVersion.V1 : given;
    const over = protocol ? ` over ${protocol}` : '';
    if (builtInRuntimesFor(model.format, protocol, runtime?.name).length === 0) {
      warn(scope, runtime === undefined ? join(field, 'format') : join(field, 'runtime'),
        runtime === undefined
          ? `no runtime KServe v0.20 installs auto-selects ${describe}${over}`
          : `KServe v0.20's ${runtime.name} does not serve ${describe}${over}`,
        'check the format version and protocolVersion, or name a runtime of your own that serves them');
    }
  }
  return runtime?.name;
}
