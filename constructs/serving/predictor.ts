import { IConstruct } from 'constructs';
import { checkName, ContainerProps, fail, field as join, NameRule } from '../core';
import { KSERVE_CONTAINER, renderComponentFields, renderServingComponent, RUNTIME_IMAGE_PLACEHOLDER, ServingComponentContext, ServingComponentProps } from './component';
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
  if (props.name !== undefined) checkName(scope, join(field, 'name'), props.name, NameRule.LABEL);
  const m = model ? renderModel(scope, field, ctx, props, model) : undefined;
  const c = container ? renderCustom(scope, field, ctx, props, container) : undefined;
  const fields = m?.fields ?? c?.fields ?? renderComponentFields(scope, field, ctx, props);
  return {
    storageUri: m?.storageUri ?? c?.storageUri,
    spec: { name: props.name, ...fields, model: m?.model, containers: c?.containers },
  };
}

type Rendered<T> = { fields: ReturnType<typeof renderServingComponent>['fields']; storageUri?: string } & T;

function renderModel(scope: IConstruct, field: string, ctx: ServingComponentContext, props: PredictorProps, model: ModelProps): Rendered<{ model: PredictorSpec['model'] }> {
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
  const { format: _f, storageUri: _s, runtime: _r, runtimeVersion, protocolVersion, image, ...containerProps } = model;
  const rendered = renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: { ...containerProps, image: image ?? RUNTIME_IMAGE_PLACEHOLDER }, field: f }]);
  const { name: _n, image: renderedImage, ...modelContainer } = rendered.containers[0];
  return {
    fields: rendered.fields,
    storageUri,
    model: {
      modelFormat: model.format._render(),
      runtime: runtime?.name,
      runtimeVersion,
      protocolVersion,
      storageUri,
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
