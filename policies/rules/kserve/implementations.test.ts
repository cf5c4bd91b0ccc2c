import { ruleFindings } from '../../../test/policy';
import { isvc, KNATIVE, model, server, where } from './test-objects';

describe('kserve/exactly-one-implementation', () => {
  test('rejects a predictor with a model and a kserve-container, one without either, and an explainer with both', () => {
    const f = ruleFindings('kserve/exactly-one-implementation', isvc({
      predictor: { ...model(), containers: [server()] },
      transformer: { minReplicas: 1 },
      explainer: { art: { type: 'SquareAttack' }, containers: [server()] },
    }, KNATIVE));
    expect(where(f)).toEqual([
      ['.spec.predictor', 'exactly one of [xgboost, pytorch, triton, sklearn, tensorflow, onnx, pmml, lightgbm, paddle, huggingface, model, containers] must be set in the predictor, got model and 1 container(s) named kserve-container'],
      ['.spec.transformer', 'exactly one of [containers] must be set in the transformer, got none'],
      ['.spec.explainer', 'exactly one of [art, containers] must be set in the explainer, got art and containers'],
    ]);
    expect(f[0].fix).toContain('other containers beside a model are sidecars');
  });

  test('checks canary predictors too', () => {
    const f = ruleFindings('kserve/exactly-one-implementation', isvc({ predictor: model(), canary: [{ predictor: { name: 'v2' }, trafficPercent: 10 }] }));
    expect(where(f)).toEqual([['.spec.canary[0].predictor', expect.stringContaining('must be set in the canary[0] predictor, got none')]]);
  });

  test('accepts a model with a sidecar, a custom server, and each explainer kind', () => {
    expect(ruleFindings('kserve/exactly-one-implementation',
      isvc({ predictor: { ...model(), containers: [server({}, 'sidecar')] }, explainer: { art: { type: 'SquareAttack' } } }),
      isvc({ predictor: { containers: [server({}, 'my-server')] }, transformer: { containers: [server()] }, explainer: { containers: [server()] } }, {}, 'custom'),
    )).toEqual([]);
  });
});

describe('kserve/model-container-name', () => {
  test('rejects a name on the model', () => {
    const f = ruleFindings('kserve/model-container-name', isvc({ predictor: { model: { modelFormat: { name: 'sklearn' }, name: 'kserve-container' } } }));
    expect(where(f)).toEqual([['.spec.predictor.model.name', 'is "kserve-container"; the \'name\' field is not allowed in standard predictor']]);
  });

  test('accepts a model without name', () => {
    expect(ruleFindings('kserve/model-container-name', isvc({ predictor: model() }))).toEqual([]);
  });
});

describe('kserve/custom-protocol', () => {
  test('rejects a custom predictor speaking grpc-v2', () => {
    const f = ruleFindings('kserve/custom-protocol', isvc({ predictor: { containers: [server({ LOG_LEVEL: 'info', PROTOCOL: 'grpc-v2' })] } }));
    expect(where(f)).toEqual([['.spec.predictor.containers[0].env[1].value', 'invalid protocol grpc-v2. Must be one of [v1, v2]']]);
  });

  test('accepts v1 and v2, and a model predictor whatever its protocol', () => {
    expect(ruleFindings('kserve/custom-protocol',
      isvc({ predictor: { containers: [server({ PROTOCOL: 'v2' })] } }),
      isvc({ predictor: { model: { modelFormat: { name: 'onnx' }, protocolVersion: 'grpc-v2' } } }, {}, 'onnx'),
    )).toEqual([]);
  });
});

describe('kserve/blocked-env', () => {
  test('rejects PYTHONPATH in a model, a transformer and a ServingRuntime', () => {
    const f = ruleFindings('kserve/blocked-env',
      isvc({ predictor: { model: { modelFormat: { name: 'sklearn' }, env: [{ name: 'PYTHONPATH', value: '/opt/x' }] } }, transformer: { containers: [server({ PYTHONPATH: '/x' })] } }),
      { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ServingRuntime', metadata: { name: 'rt', namespace: 'team' }, spec: { containers: [server({ A: '1', PYTHONPATH: '/x' })] } },
    );
    expect(f.map((x) => [x.resource, x.path])).toEqual([
      ['serving.kserve.io/v1beta1 InferenceService team/iris', '.spec.predictor.model.env[0]'],
      ['serving.kserve.io/v1beta1 InferenceService team/iris', '.spec.transformer.containers[0].env[0]'],
      ['serving.kserve.io/v1alpha1 ServingRuntime team/rt', '.spec.containers[0].env[1]'],
    ]);
    expect(f[2].message).toBe('setting PYTHONPATH in container "kserve-container" is not allowed for security reasons');
  });

  test('accepts other env vars', () => {
    expect(ruleFindings('kserve/blocked-env', isvc({ predictor: { containers: [server({ PYTHONUNBUFFERED: '1' })] } }))).toEqual([]);
  });
});

describe('kserve/collocated-transformer', () => {
  test('rejects STORAGE_URI on a transformer-container in the predictor\'s pod', () => {
    const f = ruleFindings('kserve/collocated-transformer', isvc({ predictor: { ...model(), containers: [server({ STORAGE_URI: 's3://x' }, 'transformer-container')] } }));
    expect(where(f)).toEqual([['.spec.predictor.containers[0].env[0]', 'storage uri should not be specified in transformer container']]);
  });

  test('accepts a collocated transformer without it', () => {
    expect(ruleFindings('kserve/collocated-transformer', isvc({ predictor: { ...model(), containers: [server({}, 'transformer-container')] } }))).toEqual([]);
  });
});
