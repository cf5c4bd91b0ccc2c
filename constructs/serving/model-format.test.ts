import { constructError, testStack } from '../../test/util';
import { builtInRuntimesFor, runtimeServesFormat, isBuiltInRuntime, ModelFormat, ProtocolVersion } from './model-format';

describe('ModelFormat', () => {
  test.each([
    [ModelFormat.sklearn(), 'sklearn'], [ModelFormat.xgboost(), 'xgboost'], [ModelFormat.lightgbm(), 'lightgbm'],
    [ModelFormat.tensorflow(), 'tensorflow'], [ModelFormat.pytorch(), 'pytorch'], [ModelFormat.onnx(), 'onnx'],
    [ModelFormat.triton(), 'triton'], [ModelFormat.huggingface(), 'huggingface'], [ModelFormat.pmml(), 'pmml'],
    [ModelFormat.paddle(), 'paddle'], [ModelFormat.mlflow(), 'mlflow'], [ModelFormat.of('vLLM'), 'vLLM'],
  ])('%o renders as %s', (format, name) => {
    expect(format._render()).toEqual({ name, version: undefined });
  });

  test('versions render; KServe defaults Triton and vLLM to the v2 protocol and no other format', () => {
    expect(ModelFormat.sklearn('1.5')._render()).toEqual({ name: 'sklearn', version: '1.5' });
    expect(ModelFormat.triton().defaultProtocol).toBe(ProtocolVersion.V2);
    expect(ModelFormat.of('vLLM').defaultProtocol).toBe(ProtocolVersion.V2);
    expect(ModelFormat.pytorch().defaultProtocol).toBeUndefined();
  });

  test.each([
    [ModelFormat.sklearn('v1'), 'format.version', 'is not a model format version'],
    [ModelFormat.sklearn('1.2.3.4'), 'format.version', 'is not a model format version'],
    [ModelFormat.of('my format'), 'format.name', 'is not a model format name'],
  ])('rejects %o', (format, field, problem) => {
    const e = constructError(() => format._validate(testStack(), 'format'));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('format matching follows KServe: no version matches any, a version must match exactly', () => {
    const listed = [{ name: 'pytorch', version: '1' }];
    expect(runtimeServesFormat(ModelFormat.pytorch(), listed)).toBe(true);
    expect(runtimeServesFormat(ModelFormat.pytorch('1'), listed)).toBe(true);
    expect(runtimeServesFormat(ModelFormat.pytorch('2'), listed)).toBe(false);
    expect(runtimeServesFormat(ModelFormat.onnx(), listed)).toBe(false);
  });

  test('the built-in runtimes KServe v0.20 would auto-select', () => {
    expect(builtInRuntimesFor(ModelFormat.pytorch(), ProtocolVersion.V1)).toEqual(['kserve-torchserve']);
    expect(builtInRuntimesFor(ModelFormat.sklearn(), ProtocolVersion.V2)).toEqual(['kserve-sklearnserver', 'kserve-mlserver']);
    expect(builtInRuntimesFor(ModelFormat.mlflow(), ProtocolVersion.V1)).toEqual([]);
    expect(builtInRuntimesFor(ModelFormat.pytorch(), ProtocolVersion.GRPC_V1)).toEqual([]);
    // Triton serves ONNX over v2 only; OpenVINO, which would take v1, is not installed by KServe v0.20.
    expect(builtInRuntimesFor(ModelFormat.onnx(), ProtocolVersion.V1)).toEqual([]);
    expect(builtInRuntimesFor(ModelFormat.onnx(), ProtocolVersion.V2)).toEqual(['kserve-tritonserver']);
    expect(builtInRuntimesFor(ModelFormat.of('openvino'), ProtocolVersion.V2)).toEqual([]);
    // No protocol: any the named runtime speaks.
    expect(builtInRuntimesFor(ModelFormat.mlflow(), undefined, 'kserve-mlserver')).toEqual(['kserve-mlserver']);
    // Triton lists pytorch without autoSelect: only when named.
    expect(builtInRuntimesFor(ModelFormat.pytorch(), ProtocolVersion.V2, 'kserve-tritonserver')).toEqual(['kserve-tritonserver']);
    expect(builtInRuntimesFor(ModelFormat.of('vLLM'), ProtocolVersion.GRPC_V2)).toEqual(['kserve-vllmserver']);
    expect(isBuiltInRuntime('kserve-torchserve')).toBe(true);
    expect(isBuiltInRuntime('my-runtime')).toBe(false);
  });
});
