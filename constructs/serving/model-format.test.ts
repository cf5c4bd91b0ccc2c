import { constructError, testStack } from '../../test/util';
import { ModelFormat, ProtocolVersion } from './model-format';

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
});
