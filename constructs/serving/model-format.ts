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
