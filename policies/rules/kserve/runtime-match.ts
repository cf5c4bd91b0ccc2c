// How KServe matches a predictor's model to a ServingRuntime (pkg/apis/serving/v1beta1/predictor_model.go,
// pkg/apis/serving/v1alpha1/servingruntime_types.go), over plain runtime specs.
import { asArray, asObject, asString, Json } from '../json';

/** A model format: `predictor.model.modelFormat`, or one of a runtime's `supportedModelFormats`. */
export interface Format {
  readonly name: string;
  readonly version?: string;
  readonly autoSelect?: boolean;
}

/** The parts of a runtime spec that matching reads. */
export interface RuntimeFacts {
  readonly formats: readonly Format[];
  /** Undefined or empty: the runtime speaks every protocol. */
  readonly protocols?: readonly string[];
  readonly disabled: boolean;
  readonly multiModel: boolean;
  readonly multiNode: boolean;
}

export function runtimeFacts(spec: Json): RuntimeFacts {
  return {
    formats: asArray(spec.supportedModelFormats).flatMap((f) => {
      const o = asObject(f);
      const name = asString(o?.name);
      return name === undefined ? [] : [{ name, version: asString(o?.version), autoSelect: o?.autoSelect === true }];
    }),
    protocols: Array.isArray(spec.protocolVersions) ? spec.protocolVersions.filter((p): p is string => typeof p === 'string') : undefined,
    disabled: spec.disabled === true,
    multiModel: spec.multiModel === true,
    multiNode: asObject(spec.workerSpec) !== undefined,
  };
}

/** `describe({ name: 'pytorch', version: '2' })` → `pytorch 2`. */
export function describeFormat(f: Format): string {
  return f.version ? `${f.name} ${f.version}` : f.name;
}

/**
 * Whether a runtime serves a model's format (`ModelSpec.RuntimeSupportsModel`): the model's
 * `mt:<name>[:<version>]` label must be among the runtime's, built from every format when the
 * model names the runtime, from the auto-selectable ones otherwise.
 */
export function servesFormat(runtime: RuntimeFacts, model: Format, named: boolean): boolean {
  return runtime.formats.some((f) => (named || f.autoSelect) && f.name === model.name && (model.version === undefined || f.version === model.version));
}

/** `ServingRuntimeSpec.IsProtocolVersionSupported`: a runtime that lists no protocol speaks all. */
export function speaksProtocol(runtime: RuntimeFacts, protocol: string | undefined): boolean {
  return !protocol || !runtime.protocols?.length || runtime.protocols.includes(protocol);
}

/**
 * The protocol a model is matched with: its `protocolVersion`, else v2 for Triton and vLLM
 * (the defaulting webhook's `setPredictorModelDefaults`); auto-selection then takes v1
 * (`ModelSpec.GetProtocol`), while a named runtime is not filtered by protocol.
 */
export function modelProtocol(model: Json): string | undefined {
  const given = asString(model.protocolVersion);
  if (given) return given;
  const name = asString(asObject(model.modelFormat)?.name);
  return name === 'triton' || name === 'vLLM' ? 'v2' : undefined;
}
