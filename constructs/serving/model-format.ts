import { IConstruct } from 'constructs';
import { fail } from '../core';

/** The inference protocol a model is served with (KServe's `InferenceServiceProtocol`). */
export enum ProtocolVersion {
  /** KServe V1 (TensorFlow-style REST `:predict`). */
  V1 = 'v1',
  /** Open Inference Protocol (V2) over REST. */
  V2 = 'v2',
  GRPC_V1 = 'grpc-v1',
  /** Open Inference Protocol (V2) over gRPC. */
  GRPC_V2 = 'grpc-v2',
}

const VERSION = /^\d+(\.\d+){0,2}$/;

/**
 * A model format, which KServe matches against the `supportedModelFormats` of the installed
 * ServingRuntimes to pick the server: `ModelFormat.pytorch()`, `ModelFormat.sklearn('1')`.
 * The version, when given, must equal a version a runtime lists ("major", "major.minor" or
 * "major.minor.patch").
 */
export class ModelFormat {
  static sklearn(version?: string): ModelFormat { return new ModelFormat('sklearn', version); }
  static xgboost(version?: string): ModelFormat { return new ModelFormat('xgboost', version); }
  static lightgbm(version?: string): ModelFormat { return new ModelFormat('lightgbm', version); }
  static tensorflow(version?: string): ModelFormat { return new ModelFormat('tensorflow', version); }
  /** TorchServe model archives (`model-store/` and `config/` under the storage URI). */
  static pytorch(version?: string): ModelFormat { return new ModelFormat('pytorch', version); }
  static onnx(version?: string): ModelFormat { return new ModelFormat('onnx', version); }
  /** A Triton model repository; served with the V2 protocol by default. */
  static triton(version?: string): ModelFormat { return new ModelFormat('triton', version); }
  /** Transformers models (including LLMs) served by KServe's Hugging Face server. */
  static huggingface(version?: string): ModelFormat { return new ModelFormat('huggingface', version); }
  static pmml(version?: string): ModelFormat { return new ModelFormat('pmml', version); }
  static paddle(version?: string): ModelFormat { return new ModelFormat('paddle', version); }
  /** MLflow models, served by MLServer with the V2 protocol. */
  static mlflow(version?: string): ModelFormat { return new ModelFormat('mlflow', version); }
  /** Any other format a ServingRuntime lists, e.g. `ModelFormat.of('openvino')`, `ModelFormat.of('vLLM')`. */
  static of(name: string, version?: string): ModelFormat { return new ModelFormat(name, version); }

  private constructor(
    /** The format name, e.g. `pytorch`. */
    public readonly name: string,
    /** @default - any version the runtime lists */
    public readonly version?: string,
  ) {}

  /**
   * The protocol KServe's defaulting webhook writes when the model names none: v2 for Triton and
   * vLLM (`setPredictorModelDefaults`). Undefined for other formats: auto-selection then filters
   * runtimes by v1 (`ModelSpec.GetProtocol`), and a named runtime gets its own preferred protocol.
   */
  public get defaultProtocol(): ProtocolVersion | undefined {
    return this.name === 'triton' || this.name === 'vLLM' ? ProtocolVersion.V2 : undefined;
  }

  /** Throws unless the name and version are well-formed. @internal */
  public _validate(scope: IConstruct, field: string): void {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(this.name)) {
      fail(scope, `${field}.name`, `"${this.name}" is not a model format name`, 'use a ModelFormat factory, or the name a ServingRuntime lists in supportedModelFormats');
    }
    if (this.version !== undefined && !VERSION.test(this.version)) {
      fail(scope, `${field}.version`, `"${this.version}" is not a model format version`, 'use "major", "major.minor" or "major.minor.patch", e.g. "1" or "2.1"');
    }
  }

  /** The `modelFormat` wire format. @internal */
  public _render(): { name: string; version?: string } {
    return { name: this.name, version: this.version };
  }
}

/** One auto-selectable entry of a built-in runtime: format name and version. */
type BuiltInFormat = readonly [name: string, version: string];

/**
 * The single-node ClusterServingRuntimes KServe v0.20 installs (config/runtimes/kustomization.yaml;
 * kserve-openvino.yaml ships there but is not installed): the formats each auto-selects and the
 * protocols it speaks. Used to warn when no built-in runtime can serve a model; a platform may
 * install its own runtimes, so this is a warning.
 */
const BUILT_IN_RUNTIMES: ReadonlyArray<{ name: string; protocols: readonly ProtocolVersion[] | undefined; formats: readonly BuiltInFormat[]; autoSelect: boolean }> = [
  { name: 'kserve-sklearnserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], formats: [['sklearn', '1']], autoSelect: true },
  { name: 'kserve-xgbserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], formats: [['xgboost', '2']], autoSelect: true },
  { name: 'kserve-lgbserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], formats: [['lightgbm', '4']], autoSelect: true },
  {
    name: 'kserve-mlserver', protocols: [ProtocolVersion.V2], autoSelect: true,
    formats: [['sklearn', '0'], ['sklearn', '1'], ['xgboost', '1'], ['xgboost', '2'], ['lightgbm', '3'], ['lightgbm', '4'], ['mlflow', '1'], ['mlflow', '2']],
  },
  { name: 'kserve-tensorflow-serving', protocols: [ProtocolVersion.V1, ProtocolVersion.GRPC_V1], formats: [['tensorflow', '1'], ['tensorflow', '2']], autoSelect: true },
  { name: 'kserve-torchserve', protocols: [ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.GRPC_V2], formats: [['pytorch', '1']], autoSelect: true },
  {
    name: 'kserve-tritonserver', protocols: [ProtocolVersion.V2, ProtocolVersion.GRPC_V2], autoSelect: true,
    formats: [['tensorrt', '8'], ['tensorflow', '1'], ['tensorflow', '2'], ['onnx', '1'], ['triton', '2']],
  },
  // Triton also lists pytorch 1, without autoSelect: usable only when named as the runtime.
  { name: 'kserve-tritonserver', protocols: [ProtocolVersion.V2, ProtocolVersion.GRPC_V2], formats: [['pytorch', '1']], autoSelect: false },
  { name: 'kserve-huggingfaceserver', protocols: [ProtocolVersion.V2, ProtocolVersion.V1], formats: [['huggingface', '1']], autoSelect: true },
  { name: 'kserve-pmmlserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], formats: [['pmml', '3'], ['pmml', '4']], autoSelect: true },
  { name: 'kserve-paddleserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], formats: [['paddle', '2']], autoSelect: true },
  { name: 'kserve-autogluonserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], formats: [['autogluon', '1']], autoSelect: true },
  { name: 'kserve-vllmserver', protocols: undefined, formats: [['vLLM', '1']], autoSelect: true },
  {
    name: 'kserve-predictiveserver', protocols: [ProtocolVersion.V1, ProtocolVersion.V2], autoSelect: false,
    formats: [['sklearn', '1'], ['xgboost', '2'], ['lightgbm', '4']],
  },
];

/**
 * Whether a runtime listing `formats` serves `format`, as KServe decides it
 * (`ModelSpec.RuntimeSupportsModel`, pkg/apis/serving/v1beta1/predictor_model.go): the model's
 * `mt:<name>` or `mt:<name>:<version>` label must be among the runtime's labels.
 * @internal
 */
export function runtimeServesFormat(format: ModelFormat, formats: ReadonlyArray<{ name: string; version?: string }>): boolean {
  return formats.some((f) => f.name === format.name && (format.version === undefined || f.version === format.version));
}

/**
 * Whether a runtime speaking `protocols` serves `protocol`
 * (`ServingRuntimeSpec.IsProtocolVersionSupported`: a runtime that lists none speaks all).
 * @internal
 */
export function runtimeSpeaksProtocol(protocol: ProtocolVersion, protocols: readonly ProtocolVersion[] | undefined): boolean {
  return !protocols || protocols.length === 0 || protocols.includes(protocol);
}

/**
 * The built-in runtimes that would serve `format` over `protocol` (any protocol when undefined):
 * auto-selected ones when `runtimeName` is undefined, else the one named (if it is built in).
 * @internal
 */
export function builtInRuntimesFor(format: ModelFormat, protocol: ProtocolVersion | undefined, runtimeName?: string): string[] {
  return [...new Set(BUILT_IN_RUNTIMES
    .filter((r) => (runtimeName === undefined ? r.autoSelect : r.name === runtimeName))
    .filter((r) => runtimeServesFormat(format, r.formats.map(([name, version]) => ({ name, version }))))
    .filter((r) => protocol === undefined || runtimeSpeaksProtocol(protocol, r.protocols))
    .map((r) => r.name))];
}

/** Whether `name` is one of the ClusterServingRuntimes KServe v0.20 installs. @internal */
export function isBuiltInRuntime(name: string): boolean {
  return BUILT_IN_RUNTIMES.some((r) => r.name === name);
}
