import { ruleFindings } from '../../../test/policy';
import { clusterServingRuntime, isvc, servingRuntime, where } from './test-objects';

const uses = (format: Record<string, string>, runtime?: string, protocolVersion?: string, name = 'iris') =>
  isvc({ predictor: { model: { modelFormat: format, runtime, protocolVersion, storageUri: 's3://m' } } }, {}, name);

describe('kserve/predictor-runtime', () => {
  const tf = servingRuntime('tf', { supportedModelFormats: [{ name: 'tensorflow', version: '2' }], protocolVersions: ['v1'] });

  test('rejects a runtime of the set that does not serve the format or protocol, is disabled or multi-model', () => {
    const f = ruleFindings('kserve/predictor-runtime', tf,
      clusterServingRuntime('off', { disabled: true, supportedModelFormats: [{ name: 'pytorch' }] }),
      clusterServingRuntime('mesh', { multiModel: true, supportedModelFormats: [{ name: 'pytorch' }] }),
      uses({ name: 'pytorch' }, 'tf', undefined, 'a'),
      uses({ name: 'tensorflow' }, 'tf', 'v2', 'b'),
      uses({ name: 'pytorch' }, 'off', undefined, 'c'),
      uses({ name: 'pytorch' }, 'mesh', undefined, 'd'),
    );
    expect(f.map((x) => [x.resource.split(' ').pop(), x.path, x.message])).toEqual([
      ['team/a', '.spec.predictor.model.runtime', 'ServingRuntime "tf" does not serve pytorch (it serves tensorflow 2)'],
      ['team/b', '.spec.predictor.model.protocolVersion', 'ServingRuntime "tf" does not speak v2 (it speaks v1)'],
      ['team/c', '.spec.predictor.model.runtime', 'ClusterServingRuntime "off" is disabled'],
      ['team/d', '.spec.predictor.model.runtime', 'ClusterServingRuntime "mesh" is a multi-model (ModelMesh) runtime'],
    ]);
  });

  test('Triton\'s protocol defaults to v2', () => {
    const v1 = servingRuntime('triton-v1', { supportedModelFormats: [{ name: 'triton' }], protocolVersions: ['v1'] });
    expect(where(ruleFindings('kserve/predictor-runtime', v1, uses({ name: 'triton' }, 'triton-v1')))).toEqual([
      ['.spec.predictor.model.protocolVersion', 'ServingRuntime "triton-v1" does not speak v2 (KServe\'s default for triton) (it speaks v1)'],
    ]);
  });

  test('accepts a runtime that serves the model (named runtimes serve formats without autoSelect, any protocol when none is given)', () => {
    expect(ruleFindings('kserve/predictor-runtime', tf, uses({ name: 'tensorflow', version: '2' }, 'tf'), uses({ name: 'tensorflow' }, 'tf', 'v1', 'b'), uses({ name: 'pytorch' }, 'kserve-torchserve', undefined, 'c'))).toEqual([]);
  });
});

describe('kserve/predictor-runtime-exists', () => {
  test('warns about a runtime that is neither in the set nor built in', () => {
    const f = ruleFindings('kserve/predictor-runtime-exists', uses({ name: 'pytorch' }, 'my-torch'), servingRuntime('my-torch', {}, 'other'));
    expect(f.map((x) => [x.severity, x.path, x.message])).toEqual([['warning', '.spec.predictor.model.runtime', 'no ServingRuntime in namespace team or ClusterServingRuntime named "my-torch" is defined here, and KServe v0.20 installs none by that name']]);
  });

  test('accepts a ServingRuntime of the namespace, a ClusterServingRuntime and a built-in runtime', () => {
    expect(ruleFindings('kserve/predictor-runtime-exists',
      servingRuntime('mine', {}), clusterServingRuntime('shared', {}),
      uses({ name: 'pytorch' }, 'mine', undefined, 'a'), uses({ name: 'pytorch' }, 'shared', undefined, 'b'), uses({ name: 'pytorch' }, 'kserve-torchserve', undefined, 'c'),
    )).toEqual([]);
  });
});

describe('kserve/predictor-runtime-available', () => {
  test('warns when nothing auto-selects the format over the protocol, or a named built-in runtime cannot serve it', () => {
    const f = ruleFindings('kserve/predictor-runtime-available',
      uses({ name: 'mlflow' }, undefined, undefined, 'mlflow'),
      uses({ name: 'onnx' }, undefined, undefined, 'onnx'),
      uses({ name: 'pytorch' }, 'kserve-tensorflow-serving', undefined, 'torch'),
      uses({ name: 'pytorch' }, 'kserve-torchserve', 'grpc-v1', 'torch-grpc'),
    );
    expect(f.map((x) => [x.severity, x.resource.split(' ').pop(), x.path, x.message])).toEqual([
      ['warning', 'team/mlflow', '.spec.predictor.model.modelFormat', 'no runtime defined here or installed by KServe v0.20 auto-selects mlflow over v1'],
      ['warning', 'team/onnx', '.spec.predictor.model.modelFormat', 'no runtime defined here or installed by KServe v0.20 auto-selects onnx over v1'],
      ['warning', 'team/torch', '.spec.predictor.model.runtime', 'KServe v0.20\'s kserve-tensorflow-serving does not serve pytorch'],
      ['warning', 'team/torch-grpc', '.spec.predictor.model.runtime', 'KServe v0.20\'s kserve-torchserve does not serve pytorch over grpc-v1'],
    ]);
  });

  test('accepts formats a built-in or a set runtime auto-selects, and a named runtime of the set', () => {
    expect(ruleFindings('kserve/predictor-runtime-available',
      servingRuntime('openvino', { supportedModelFormats: [{ name: 'openvino', autoSelect: true }], protocolVersions: ['v2'] }),
      uses({ name: 'pytorch' }, undefined, undefined, 'torch'),
      uses({ name: 'mlflow' }, undefined, 'v2', 'mlflow'),
      uses({ name: 'triton' }, undefined, undefined, 'triton'),
      uses({ name: 'openvino' }, undefined, 'v2', 'openvino'),
      uses({ name: 'mlflow' }, 'kserve-mlserver', undefined, 'mlserver'),
      uses({ name: 'anything' }, 'openvino', undefined, 'named'),
    )).toEqual([]);
  });
});

describe('kserve/runtime-format-priority', () => {
  test('rejects two priorities for the auto-selected versions of one format', () => {
    const f = ruleFindings('kserve/runtime-format-priority', servingRuntime('sk', { supportedModelFormats: [{ name: 'sklearn', version: '0', autoSelect: true, priority: 1 }, { name: 'sklearn', version: '1', autoSelect: true, priority: 2 }] }));
    expect(where(f)).toEqual([['.spec.supportedModelFormats[1].priority', 'different priorities assigned for the model format sklearn (1 at supportedModelFormats[0], 2 here)']]);
  });

  test('accepts one priority per format, and entries without autoSelect', () => {
    expect(ruleFindings('kserve/runtime-format-priority', servingRuntime('sk', { supportedModelFormats: [{ name: 'sklearn', version: '0', autoSelect: true, priority: 1 }, { name: 'sklearn', version: '1', autoSelect: true, priority: 1 }, { name: 'sklearn', version: '2', priority: 5 }] }))).toEqual([]);
  });
});

describe('kserve/runtime-priority-clash', () => {
  const formats = [{ name: 'pytorch', version: '2', autoSelect: true, priority: 1 }];

  test('rejects the later of two runtimes that tie on an auto-selected format', () => {
    const f = ruleFindings('kserve/runtime-priority-clash',
      servingRuntime('a', { supportedModelFormats: formats, protocolVersions: ['v1'] }),
      servingRuntime('g', { supportedModelFormats: [{ ...formats[0], name: 'PyTorch' }], protocolVersions: ['v1', 'v2'] }),
    );
    expect(f.map((x) => [x.resource, x.path, x.message])).toEqual([
      ['serving.kserve.io/v1alpha1 ServingRuntime team/g', '.spec.supportedModelFormats', 'same priority assigned for the model format PyTorch in the servingruntimes a and g in namespace team (priority 1)'],
    ]);
  });

  test('accepts runtimes of other namespaces, without a shared protocol, disabled, with other priorities, or of the other kind', () => {
    expect(ruleFindings('kserve/runtime-priority-clash',
      servingRuntime('a', { supportedModelFormats: formats, protocolVersions: ['v1'] }),
      servingRuntime('b', { supportedModelFormats: formats, protocolVersions: ['v1'] }, 'other'),
      servingRuntime('c', { supportedModelFormats: formats, protocolVersions: ['v2'] }),
      servingRuntime('d', { supportedModelFormats: formats, protocolVersions: ['v1'], disabled: true }),
      servingRuntime('e', { supportedModelFormats: [{ ...formats[0], priority: 2 }], protocolVersions: ['v1'] }),
      servingRuntime('f', { supportedModelFormats: formats, protocolVersions: ['v1'], multiModel: true }),
      clusterServingRuntime('g', { supportedModelFormats: formats, protocolVersions: ['v1'] }),
    )).toEqual([]);
  });
});
