import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { collectWarnings, Cpu, EnvValue, Gpu, ImagePullPolicy, Release, SeccompProfile, Size, Volume } from '../core';
import { Autoscaler } from './autoscaling';
import { DeploymentMode } from './deployment-mode';
import { InferenceService, InferenceServiceProps } from './inference-service';
import { ModelFormat, ProtocolVersion } from './model-format';
import { ModelProps, PredictorProps, WorkerSpecProps } from './predictor';
import { ClusterServingRuntime, ServingRuntime } from './serving-runtime';
import { StorageUri } from './storage-uri';

const predictorOf = (stack: ReturnType<typeof testStack>, name?: string) => manifest(stack, 'InferenceService', name).spec.predictor;

describe('predictor', () => {
  test('every model format renders as predictor.model and validates against the KServe schema', () => {
    const stack = testStack();
    const formats: Array<[string, ModelFormat, StorageUri]> = [
      ['sklearn', ModelFormat.sklearn('1'), StorageUri.gcs('kfserving-examples/models/sklearn/1.0/model')],
      ['xgboost', ModelFormat.xgboost(), StorageUri.s3('models/xgb')],
      ['lightgbm', ModelFormat.lightgbm(), StorageUri.s3('models/lgb')],
      ['tensorflow', ModelFormat.tensorflow('2'), StorageUri.gcs('kfserving-examples/models/tensorflow/flowers')],
      ['pytorch', ModelFormat.pytorch(), StorageUri.s3('models/resnet/v1')],
      ['onnx', ModelFormat.onnx(), StorageUri.pvc('models', 'onnx/style')],  // Triton, which speaks v2 only
      ['triton', ModelFormat.triton(), StorageUri.s3('models/triton-repo')],
      ['huggingface', ModelFormat.huggingface(), StorageUri.hf('google-bert', 'bert-base-uncased')],
      ['pmml', ModelFormat.pmml(), StorageUri.https('https://models.example.com/iris.pmml')],
      ['paddle', ModelFormat.paddle(), StorageUri.azureBlob('mlmodels', 'paddle', 'resnet')],
      ['mlflow', ModelFormat.mlflow(), StorageUri.oci('ghcr.io/org/wine-model:1.0')],
    ];
    for (const [name, format, storageUri] of formats) {
      new InferenceService(stack, name, {
        predictor: { model: { format, storageUri, protocolVersion: name === 'mlflow' || name === 'onnx' ? ProtocolVersion.V2 : undefined } },
      });
    }
    for (const [name, format, storageUri] of formats) {
      const p = predictorOf(stack, name);
      expect(p.model.modelFormat).toEqual(format._render());
      expect(p.model.storageUri).toBe(storageUri.uri);
      // KServe's validatePredictor: no container name in a standard predictor; the runtime brings the image.
      expect(p.model.name).toBeUndefined();
      expect(p.model.image).toBeUndefined();
      expect(p.containers).toBeUndefined();
    }
    expect(collectWarnings(stack)).toEqual([]);
    expectSchemaValid(stack);
  });

  test('model with runtime, protocol, image, args, env, resources, GPU and mounts', () => {
    const stack = testStack();
    new InferenceService(stack, 'llm', {
      predictor: {
        model: {
          format: ModelFormat.huggingface(),
          runtime: ClusterServingRuntime.fromName(stack, 'Hf', 'kserve-huggingfaceserver'),
          runtimeVersion: 'v0.20.0',
          protocolVersion: ProtocolVersion.V2,
          image: 'ghcr.io/org/hf-server:1.2',
          imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
          args: ['--model_name=llm', '--model_id=meta-llama/Llama-3.1-8B-Instruct'],
          env: { HF_TOKEN: EnvValue.fromSecret('hf', 'token'), MAX_MODEL_LEN: '8192' },
          resources: { cpu: { request: Cpu.units(4) }, memory: { request: Size.gibibytes(32), limit: Size.gibibytes(32) }, gpu: Gpu.nvidia(1) },
          mounts: [{ volume: Volume.sharedMemory(Size.gibibytes(8)), path: '/dev/shm' }],
        },
        pod: { nodeSelector: { 'nvidia.com/gpu.present': 'true' } },
      },
    });
    const p = predictorOf(stack);
    expect(p.model).toMatchObject({
      modelFormat: { name: 'huggingface' },
      runtime: 'kserve-huggingfaceserver',
      runtimeVersion: 'v0.20.0',
      protocolVersion: 'v2',
      image: 'ghcr.io/org/hf-server:1.2',
      imagePullPolicy: 'IfNotPresent',
      args: ['--model_name=llm', '--model_id=meta-llama/Llama-3.1-8B-Instruct'],
      env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }, { name: 'MAX_MODEL_LEN', value: '8192' }],
      volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
    });
    expect(p.model.storageUri).toBeUndefined();
    // GPU requests equal limits (rendered by core from one count); the GPU pool's taint is tolerated.
    expect(p.model.resources.requests['nvidia.com/gpu']).toBe('1');
    expect(p.model.resources.limits['nvidia.com/gpu']).toBe('1');
    expect(p.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(p.volumes).toEqual([{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } }]);
    expect(p.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expectSchemaValid(stack);
  });

  test('custom container: kserve-container with STORAGE_URI and PROTOCOL env', () => {
    const stack = testStack();
    new InferenceService(stack, 'custom', {
      predictor: {
        container: {
          image: 'ghcr.io/org/my-server:2.0',
          storageUri: StorageUri.s3('models/custom/v3'),
          protocolVersion: ProtocolVersion.V2,
          env: { LOG_LEVEL: 'info' },
          ports: [{ containerPort: 8080, name: 'http1', protocol: 'TCP' }],
          resources: { cpu: { request: Cpu.millis(500) } },
        },
      },
    });
    const p = predictorOf(stack);
    expect(p.model).toBeUndefined();
    expect(p.containers).toHaveLength(1);
    expect(p.containers[0]).toMatchObject({
      name: 'kserve-container',
      image: 'ghcr.io/org/my-server:2.0',
      env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'PROTOCOL', value: 'v2' }, { name: 'STORAGE_URI', value: 's3://models/custom/v3' }],
      ports: [{ containerPort: 8080, name: 'http1', protocol: 'TCP' }],
    });
    expectSchemaValid(stack);
  });

  test('a model can name a ServingRuntime or ClusterServingRuntime construct', () => {
    const stack = testStack();
    const torch = new ServingRuntime(stack, 'torch2', {
      supportedModelFormats: [{ format: ModelFormat.pytorch('2'), autoSelect: true, priority: 1 }],
      protocolVersions: [ProtocolVersion.V1, ProtocolVersion.V2],
      container: { image: 'pytorch/torchserve-kfs:0.12.0', args: ['torchserve', '--start', '--model-store=/mnt/models/model-store'] },
    });
    const onnx = new ClusterServingRuntime(stack, 'onnx-rt', {
      supportedModelFormats: [{ format: ModelFormat.onnx('1') }],
      container: { image: 'mcr.microsoft.com/onnxruntime/server:1.5.2' },
    });
    new InferenceService(stack, 'a', { predictor: { model: { format: ModelFormat.pytorch('2'), runtime: torch, storageUri: StorageUri.s3('models/a') } } });
    new InferenceService(stack, 'b', { predictor: { model: { format: ModelFormat.onnx(), runtime: onnx, protocolVersion: ProtocolVersion.GRPC_V2, storageUri: StorageUri.s3('models/b') } } });
    expect(predictorOf(stack, 'a').model.runtime).toBe('torch2');
    expect(predictorOf(stack, 'b').model.runtime).toBe('onnx-rt');
    expectSchemaValid(stack);
  });

  test('synth warns when no runtime would serve the format over the protocol (kserve/predictor-runtime-available)', () => {
    const stack = testStack();
    const uri = StorageUri.s3('models/m');
    new InferenceService(stack, 'mlflow', { predictor: { model: { format: ModelFormat.mlflow(), storageUri: uri } } });
    // Auto-selection filters by v1 when no protocol is set; Triton speaks v2 only, and KServe v0.20 does not install OpenVINO.
    new InferenceService(stack, 'onnx', { predictor: { model: { format: ModelFormat.onnx(), storageUri: uri } } });
    new InferenceService(stack, 'openvino', { predictor: { model: { format: ModelFormat.of('openvino'), protocolVersion: ProtocolVersion.V2, storageUri: uri } } });
    new InferenceService(stack, 'torch', { predictor: { model: { format: ModelFormat.pytorch(), runtime: ClusterServingRuntime.fromName(stack, 'kserve-tensorflow-serving', 'kserve-tensorflow-serving'), storageUri: uri } } });
    new InferenceService(stack, 'torch-grpc', { predictor: { model: { format: ModelFormat.pytorch(), runtime: ClusterServingRuntime.fromName(stack, 'kserve-torchserve', 'kserve-torchserve'), protocolVersion: ProtocolVersion.GRPC_V1, storageUri: uri } } });
    // A named runtime without protocolVersion gets the runtime's protocol (MLServer: v2), so no warning.
    new InferenceService(stack, 'mlserver', { predictor: { model: { format: ModelFormat.mlflow(), runtime: ClusterServingRuntime.fromName(stack, 'kserve-mlserver', 'kserve-mlserver'), storageUri: uri } } });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.severity, f.rule, f.construct, f.path, f.message])).toEqual([
      ['warning', 'kserve/predictor-runtime-available', 'test/mlflow', '.spec.predictor.model.modelFormat', 'no runtime defined here or installed by KServe v0.20 auto-selects mlflow over v1'],
      ['warning', 'kserve/predictor-runtime-available', 'test/onnx', '.spec.predictor.model.modelFormat', 'no runtime defined here or installed by KServe v0.20 auto-selects onnx over v1'],
      ['warning', 'kserve/predictor-runtime-available', 'test/openvino', '.spec.predictor.model.modelFormat', 'no runtime defined here or installed by KServe v0.20 auto-selects openvino over v2'],
      ['warning', 'kserve/predictor-runtime-available', 'test/torch-grpc', '.spec.predictor.model.runtime', 'KServe v0.20\'s kserve-torchserve does not serve pytorch over grpc-v1'],
      ['warning', 'kserve/predictor-runtime-available', 'test/torch', '.spec.predictor.model.runtime', 'KServe v0.20\'s kserve-tensorflow-serving does not serve pytorch'],
    ]);
  });

  test('a runtime known by name only gets a warning: it may be installed outside the app (kserve/predictor-runtime-exists)', () => {
    const stack = testStack();
    new InferenceService(stack, 'own', { predictor: { model: { format: ModelFormat.of('my-format'), runtime: ClusterServingRuntime.fromName(stack, 'my-runtime', 'my-runtime'), storageUri: StorageUri.s3('models/m') } } });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.severity, f.rule, f.construct, f.path])).toEqual([['warning', 'kserve/predictor-runtime-exists', 'test/own', '.spec.predictor.model.runtime']]);
  });

  test('a named runtime construct is checked against the protocol only when one is set (KServe then takes the runtime\'s)', () => {
    const stack = testStack();
    const v2Only = new ServingRuntime(stack, 'torch-v2', {
      supportedModelFormats: [{ format: ModelFormat.pytorch() }, { format: ModelFormat.triton() }], protocolVersions: [ProtocolVersion.V2], container: { image: 'pytorch/torchserve-kfs:0.12.0' },
    });
    const v1Only = new ServingRuntime(stack, 'triton-v1', { supportedModelFormats: [{ format: ModelFormat.triton() }], protocolVersions: [ProtocolVersion.V1], container: { image: 'nvcr.io/nvidia/tritonserver:23.05-py3' } });
    const uri = StorageUri.s3('models/m');
    new InferenceService(stack, 'ok', { predictor: { model: { format: ModelFormat.pytorch(), runtime: v2Only, storageUri: uri } } });
    new InferenceService(stack, 'triton', { predictor: { model: { format: ModelFormat.triton(), runtime: v2Only, storageUri: uri } } });
    expect(predictorOf(stack, 'ok').model.runtime).toBe('torch-v2');
    new InferenceService(stack, 'v1', { predictor: { model: { format: ModelFormat.pytorch(), runtime: v2Only, protocolVersion: ProtocolVersion.V1, storageUri: uri } } });
    // Triton's protocol defaults to v2 (KServe's defaulting webhook), whatever the runtime.
    new InferenceService(stack, 'triton-on-v1', { predictor: { model: { format: ModelFormat.triton(), runtime: v1Only, storageUri: uri } } });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([
      ['kserve/predictor-runtime', 'test/triton-on-v1', '.spec.predictor.model.protocolVersion', 'ServingRuntime "triton-v1" does not speak v2 (KServe\'s default for triton) (it speaks v1)'],
      ['kserve/predictor-runtime', 'test/v1', '.spec.predictor.model.protocolVersion', 'ServingRuntime "torch-v2" does not speak v1 (it speaks v2)'],
    ]);
    expect(collectWarnings(stack)).toEqual([]);
  });

  const model = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v1') };
  test.each<[string, PredictorProps, string, string]>([
    ['no predictor', undefined as unknown as PredictorProps, 'predictor', 'is missing'],
    ['unsupported storage scheme', { model: { ...model, storageUri: StorageUri.parse('ftp://models/resnet') } }, 'predictor.model.storageUri', 'scheme "ftp://"'],
    ['custom protocol', { container: { image: 'ghcr.io/org/s:1', protocolVersion: ProtocolVersion.GRPC_V2 } }, 'predictor.container.protocolVersion', 'custom predictors speak v1 or v2'],
    ['STORAGE_URI twice', { container: { image: 'ghcr.io/org/s:1', storageUri: StorageUri.s3('models/x'), env: { STORAGE_URI: 's3://models/y' } } }, 'predictor.container.env.STORAGE_URI', 'sets what the storageUri prop sets'],
    ['STORAGE_URI as env', { container: { image: 'ghcr.io/org/s:1', env: { STORAGE_URI: 'ftp://models/y' } } }, 'predictor.container.env.STORAGE_URI', 'sets what the storageUri prop sets, unchecked'],
    ['PROTOCOL as env', { container: { image: 'ghcr.io/org/s:1', env: { PROTOCOL: 'grpc-v2' } } }, 'predictor.container.env.PROTOCOL', 'sets what the protocolVersion prop sets, unchecked'],
    ['PYTHONPATH', { model: { ...model, env: { PYTHONPATH: '/opt/evil' } } }, 'predictor.model.env.PYTHONPATH', 'setting PYTHONPATH is not allowed'],
    ['bad image', { model: { ...model, image: 'Not An Image' } }, 'predictor.model.image', 'is not a valid image reference'],
    ['GPU fraction', { model: { ...model, resources: { gpu: Gpu.nvidia(0.5) } } }, 'predictor.model.resources.gpu', 'GPU count must be a whole number ≥ 1'],
    ['bad runtime version', { model: { ...model, runtimeVersion: 'v1 beta' } }, 'predictor.model.runtimeVersion', 'is not an image tag'],
    ['bad predictor name', { model, name: 'V1' }, 'predictor.name', 'is not a valid DNS-1123 label'],
  ])('rejects %s', (_what, predictor, field, problem) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', { predictor }));
    expect(e.constructPath).toBe('test/svc');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('both implementations, or neither, reach the manifest and are reported at synth (kserve/exactly-one-implementation)', () => {
    const stack = testStack();
    new InferenceService(stack, 'both', { predictor: { model, container: { image: 'ghcr.io/org/s:1' } } });
    new InferenceService(stack, 'neither', { predictor: {} });
    expect(policyFindings(stack, 'kserve/exactly-one-implementation').map((f) => [f.construct, f.path, f.message])).toEqual([
      ['test/both', '.spec.predictor', expect.stringContaining('must be set in the predictor, got model and 1 container(s) named kserve-container')],
      ['test/neither', '.spec.predictor', expect.stringContaining('must be set in the predictor, got none')],
    ]);
  });

  test('a named runtime construct must serve the format and protocol, be single-model and enabled (kserve/predictor-runtime); and be reachable', () => {
    const stack = testStack();
    const tf = new ServingRuntime(stack, 'tf', { supportedModelFormats: [{ format: ModelFormat.tensorflow('2') }], protocolVersions: [ProtocolVersion.V1], container: { image: 'tensorflow/serving:2.15.0' } });
    const other = new ServingRuntime(stack, 'elsewhere', { namespace: 'other', supportedModelFormats: [{ format: ModelFormat.pytorch() }], container: { image: 'pytorch/torchserve-kfs:0.12.0' } });
    const off = new ClusterServingRuntime(stack, 'off', { disabled: true, supportedModelFormats: [{ format: ModelFormat.pytorch() }], container: { image: 'pytorch/torchserve-kfs:0.12.0' } });
    const mm = new ClusterServingRuntime(stack, 'mesh', {
      supportedModelFormats: [{ format: ModelFormat.pytorch() }], container: { image: 'pytorch/torchserve-kfs:0.12.0' },
      multiModel: { grpcEndpoint: 'port:8085', grpcDataEndpoint: 'port:8001' },
    });
    const uri = StorageUri.s3('models/m');
    const cases: Array<[ModelFormat, ServingRuntime | ClusterServingRuntime, ProtocolVersion | undefined]> = [
      [ModelFormat.pytorch(), tf, undefined],
      [ModelFormat.tensorflow('1'), tf, undefined],
      [ModelFormat.tensorflow(), tf, ProtocolVersion.V2],
      [ModelFormat.pytorch(), off, undefined],
      [ModelFormat.pytorch(), mm, undefined],
    ];
    cases.forEach(([format, runtime, protocolVersion], i) => new InferenceService(stack, `svc${i}`, { predictor: { model: { format, runtime, protocolVersion, storageUri: uri } } }));
    expect(policyFindings(stack, 'kserve/predictor-runtime').map((f) => [f.construct, f.path, f.message])).toEqual([
      ['test/svc0', '.spec.predictor.model.runtime', 'ServingRuntime "tf" does not serve pytorch (it serves tensorflow 2)'],
      ['test/svc1', '.spec.predictor.model.runtime', 'ServingRuntime "tf" does not serve tensorflow 1 (it serves tensorflow 2)'],
      ['test/svc2', '.spec.predictor.model.protocolVersion', 'ServingRuntime "tf" does not speak v2 (it speaks v1)'],
      ['test/svc3', '.spec.predictor.model.runtime', 'ClusterServingRuntime "off" is disabled'],
      ['test/svc4', '.spec.predictor.model.runtime', 'ClusterServingRuntime "mesh" is a multi-model (ModelMesh) runtime'],
    ]);
    // The manifest names the runtime without its namespace, so a construct of another namespace is a construct error.
    const e = constructError(() => new InferenceService(stack, 'far', { predictor: { model: { format: ModelFormat.pytorch(), runtime: other, storageUri: uri } } }));
    expect([e.field, e.problem]).toEqual(['predictor.model.runtime', 'ServingRuntime "elsewhere" is in namespace "other", the service in "team"']);
  });
});

describe('security settings of the containers KServe merges into the runtime\'s', () => {
  // KServe strategic-merges predictor.model into the runtime's container (MergeRuntimeContainers):
  // a default written on the model would override the runtime's own setting.
  const HARDENED = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
  const hardenedRuntime = (stack: ReturnType<typeof testStack>) => new ServingRuntime(stack, 'srv', {
    supportedModelFormats: [{ format: ModelFormat.sklearn('1'), autoSelect: true }],
    container: {
      image: 'ghcr.io/org/server:1.0',
      securityContext: { readOnlyRootFilesystem: true, seccompProfile: SeccompProfile.localhost('profiles/srv.json'), capabilities: { add: ['SYS_ADMIN'] } },
    },
  });
  const model = (runtime: ServingRuntime, extra: Partial<ModelProps> = {}): ModelProps => ({ format: ModelFormat.sklearn('1'), runtime, storageUri: StorageUri.gcs('models/sklearn/m'), ...extra });

  test('a model renders no security context unless given, then only the fields given; the runtime\'s container and a custom server keep the hardened defaults', () => {
    const stack = testStack();
    const rt = hardenedRuntime(stack);
    new InferenceService(stack, 'plain', { predictor: { model: model(rt) } });
    new InferenceService(stack, 'read-only', { predictor: { model: model(rt, { securityContext: { readOnlyRootFilesystem: true } }) } });
    new InferenceService(stack, 'custom', { predictor: { container: { image: 'ghcr.io/org/my-server:2.0' } } });
    expect(predictorOf(stack, 'plain').model.securityContext).toBeUndefined();
    expect(predictorOf(stack, 'read-only').model.securityContext).toEqual({ readOnlyRootFilesystem: true });
    expect(predictorOf(stack, 'custom').containers[0].securityContext).toEqual(HARDENED);
    // The runtime carries the security settings, its own and the hardened defaults it did not change.
    expect(manifest(stack, 'ServingRuntime').spec.containers[0].securityContext).toEqual({
      ...HARDENED, allowPrivilegeEscalation: true, readOnlyRootFilesystem: true,
      capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] }, seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/srv.json' },
    });
    expectSchemaValid(stack);
  });

  test('a model that is privileged or adds SYS_ADMIN says allowPrivilegeEscalation: true, over a hardened runtime\'s false; a contradiction is rejected as on any container', () => {
    const stack = testStack();
    const rt = hardenedRuntime(stack);
    new InferenceService(stack, 'fuse', { predictor: { model: model(rt, { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }) } });
    expect(predictorOf(stack, 'fuse').model.securityContext).toEqual({ capabilities: { add: ['SYS_ADMIN'] }, allowPrivilegeEscalation: true });
    const e = constructError(() => new InferenceService(stack, 'bad', { predictor: { model: model(rt, { securityContext: { privileged: true, allowPrivilegeEscalation: false } }) } }));
    expect([e.field, e.problem]).toEqual(['predictor.model.securityContext.allowPrivilegeEscalation', expect.stringContaining('the container is privileged')]);
  });
});

describe('model storage spec', () => {
  const format = ModelFormat.sklearn();

  test('a storage-config entry and a path instead of a storageUri (KServe\'s storage spec)', () => {
    const stack = testStack();
    new InferenceService(stack, 'iris', {
      predictor: { model: { format, storage: { key: 'localMinIO', path: 'sklearn/model.joblib', parameters: { bucket: 'example-models', type: 's3' }, schemaPath: 'schemas/iris.json' } } },
    });
    const model = predictorOf(stack).model;
    expect(model.storage).toEqual({ key: 'localMinIO', path: 'sklearn/model.joblib', parameters: { bucket: 'example-models', type: 's3' }, schemaPath: 'schemas/iris.json' });
    expect(model.storageUri).toBeUndefined();
    expectSchemaValid(stack);
  });

  test('beside a storageUri it only selects the credentials', () => {
    const stack = testStack();
    new InferenceService(stack, 'iris', { predictor: { model: { format, storageUri: StorageUri.s3('models/iris'), storage: { key: 'minio' } } } });
    expect(predictorOf(stack).model).toMatchObject({ storageUri: 's3://models/iris', storage: { key: 'minio' } });
  });

  test.each<[string, ModelProps, string, string, string]>([
    ['a path beside a storageUri (KServe ignores the path)', { format, storageUri: StorageUri.s3('models/a'), storage: { path: 'b' } }, 'predictor.model.storage.path',
      'is set beside storageUri (s3://models/a); KServe downloads storageUri and ignores the path', 'give the location once'],
    ['no location at all', { format, storage: { key: 'minio' } }, 'predictor.model.storage',
      'gives no location: neither storage.path nor the model\'s storageUri is set, so nothing is downloaded', 'give storage.path'],
    ['an empty path', { format, storage: { path: '/' } }, 'predictor.model.storage.path', 'is empty', 'sklearn/model.joblib'],
    ['a key no Secret can have', { format, storage: { key: 'local minio', path: 'm' } }, 'predictor.model.storage.key', '"local minio" is not a Secret key', 'letters, digits'],
    ['a storage type the storage spec does not support', { format, storage: { path: 'm', parameters: { type: 'gs' } } }, 'predictor.model.storage.parameters.type',
      '"gs" is not a storage type KServe\'s storage spec supports', 'use one of s3, hdfs, webhdfs, or a storageUri for other storage'],
  ])('rejects %s', (_what, m, field, problem, fix) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', { predictor: { model: m } }));
    expect([e.constructPath, e.field, e.problem]).toEqual(['test/svc', field, problem]);
    expect(e.fix).toContain(fix);
  });
});

describe('several model locations (storageUris)', () => {
  test('a base model and a LoRA adapter, each in its own directory', () => {
    const stack = testStack();
    new InferenceService(stack, 'llm', {
      predictor: {
        model: { format: ModelFormat.huggingface(), args: ['--enable-lora', '--lora-modules=adapter=/mnt/models/adapter'] },
        storageUris: [
          { uri: StorageUri.hf('meta-llama', 'Llama-3.1-8B-Instruct'), mountPath: '/mnt/models/base' },
          { uri: StorageUri.s3('adapters/support-bot/v3'), mountPath: '/mnt/models/adapter' },
        ],
      },
    });
    expect(predictorOf(stack).storageUris).toEqual([
      { uri: 'hf://meta-llama/Llama-3.1-8B-Instruct', mountPath: '/mnt/models/base' },
      { uri: 's3://adapters/support-bot/v3', mountPath: '/mnt/models/adapter' },
    ]);
    expectSchemaValid(stack);
    expect(policyFindings(stack, 'kserve/storage-uris')).toEqual([]);
  });

  test.each<[string, PredictorProps, string, string]>([
    ['an empty list', { model: { format: ModelFormat.sklearn() }, storageUris: [] }, 'predictor.storageUris', 'is empty'],
    ['an unsupported scheme', { model: { format: ModelFormat.sklearn() }, storageUris: [{ uri: StorageUri.parse('ftp://x/y') }] }, 'predictor.storageUris[0].uri', 'scheme "ftp://"'],
    ['a relative mount path', { model: { format: ModelFormat.sklearn() }, storageUris: [{ uri: StorageUri.s3('models/a'), mountPath: 'models/a' }] }, 'predictor.storageUris[0].mountPath',
      '"models/a" is not an absolute path of at most 255 characters'],
  ])('rejects %s', (_what, predictor, field, problem) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', { predictor }));
    expect([e.field, e.problem]).toEqual([field, expect.stringContaining(problem)]);
  });

  test('beside a storageUri it is reported at synth (kserve/storage-uris)', () => {
    const stack = testStack();
    new InferenceService(stack, 'svc', { predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.s3('models/a') }, storageUris: [{ uri: StorageUri.s3('models/b') }] } });
    expect(policyFindings(stack, 'kserve/storage-uris').map((f) => f.path)).toEqual(['.spec.predictor.storageUris']);
  });
});

describe('multi-node serving (workerSpec)', () => {
  const runtime = (stack: ReturnType<typeof testStack>) => new ClusterServingRuntime(stack, 'hf-multinode', {
    supportedModelFormats: [{ format: ModelFormat.huggingface('1'), autoSelect: true, priority: 2 }],
    protocolVersions: [ProtocolVersion.V2, ProtocolVersion.V1],
    container: { image: 'kserve/huggingfaceserver:v0.16.0-gpu', resources: { cpu: { request: Cpu.units(2) }, memory: { request: Size.gibibytes(6), limit: Size.gibibytes(12) } } },
    workerSpec: {
      pipelineParallelSize: 1,
      tensorParallelSize: 1,
      container: { image: 'kserve/huggingfaceserver:v0.16.0-gpu', command: ['bash', '-c', 'ray start --address="${HEAD_SVC}:6379" --block'] },
      pod: { volumes: [Volume.sharedMemory(Size.gibibytes(3))] },
    },
  });

  test('a Llama served across two GPU nodes, as in KServe\'s multi-node example: Standard mode, autoscaler none by default', () => {
    const stack = testStack();
    new InferenceService(stack, 'llama', {
      deploymentMode: DeploymentMode.STANDARD,
      predictor: {
        model: { format: ModelFormat.huggingface(), runtime: runtime(stack), storageUri: StorageUri.pvc('llama-3-8b-pvc', 'hf/8b_instruction_tuned'), resources: { gpu: Gpu.nvidia(1) } },
        workerSpec: { pipelineParallelSize: 2, tensorParallelSize: 1, container: { resources: { gpu: Gpu.nvidia(1) } }, pod: { nodeSelector: { pool: 'a100' } } },
      },
    });
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('none');
    expect(isvc.spec.predictor.workerSpec).toEqual({
      pipelineParallelSize: 2,
      tensorParallelSize: 1,
      containers: [expect.objectContaining({ name: 'worker-container', resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } } })],
      nodeSelector: { pool: 'a100' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    });
    // The runtime brings the worker image.
    expect(isvc.spec.predictor.workerSpec.containers[0].image).toBeUndefined();
    const rt = manifest(stack, 'ClusterServingRuntime');
    expect(rt.spec.workerSpec).toMatchObject({
      pipelineParallelSize: 1, tensorParallelSize: 1,
      containers: [{ name: 'worker-container', image: 'kserve/huggingfaceserver:v0.16.0-gpu', command: ['bash', '-c', 'ray start --address="${HEAD_SVC}:6379" --block'] }],
      volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '3Gi' } }],
    });
    expectSchemaValid(stack);
    expect(policyFindings(stack, 'kserve/')).toEqual([]);
  });

  test('the worker container, merged into the runtime\'s worker-container, renders only the security settings given; the runtime\'s keeps the hardened defaults', () => {
    const stack = testStack();
    const rt = runtime(stack);
    const worker = (name: string, container: WorkerSpecProps['container']) => new InferenceService(stack, name, {
      deploymentMode: DeploymentMode.STANDARD,
      predictor: { model: { format: ModelFormat.huggingface(), runtime: rt, storageUri: StorageUri.pvc('llama-3-8b-pvc', 'hf/8b') }, workerSpec: { pipelineParallelSize: 2, container } },
    });
    worker('plain', { resources: { gpu: Gpu.nvidia(1) } });
    worker('read-only', { securityContext: { readOnlyRootFilesystem: true } });
    expect(predictorOf(stack, 'plain').workerSpec.containers[0].securityContext).toBeUndefined();
    expect(predictorOf(stack, 'read-only').workerSpec.containers[0].securityContext).toEqual({ readOnlyRootFilesystem: true });
    expect(manifest(stack, 'ClusterServingRuntime').spec.workerSpec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expectSchemaValid(stack);
  });

  test('what KServe checks of the service as a whole is reported at synth (kserve/worker-spec)', () => {
    const stack = testStack();
    new InferenceService(stack, 'llama', {
      deploymentMode: DeploymentMode.STANDARD,
      autoscaler: Autoscaler.HPA,
      predictor: { model: { format: ModelFormat.huggingface(), storageUri: StorageUri.s3('models/llama'), env: { TENSOR_PARALLEL_SIZE: '2' } }, workerSpec: {} },
    });
    expect(policyFindings(stack, 'kserve/worker-spec').map((f) => f.path)).toEqual([
      '.spec.predictor.model.env[0]', '.spec.predictor.model.storageUri', '.metadata.annotations["serving.kserve.io/autoscalerClass"]',
    ]);
  });

  test.each<[string, Partial<InferenceServiceProps>, string, string]>([
    ['Knative mode (it would deploy the head only)', { predictor: { model: { format: ModelFormat.huggingface() }, workerSpec: {} } }, 'predictor.workerSpec',
      'needs Standard mode: in Knative mode KServe creates no worker pods'],
    ['a zero pipeline size', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: { format: ModelFormat.huggingface() }, workerSpec: { pipelineParallelSize: 0 } } },
      'predictor.workerSpec.pipelineParallelSize', 'must be a whole number ≥ 1, got 0'],
    ['a fractional tensor size', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: { format: ModelFormat.huggingface() }, workerSpec: { tensorParallelSize: 1.5 } } },
      'predictor.workerSpec.tensorParallelSize', 'must be a whole number ≥ 1, got 1.5'],
    ['PYTHONPATH in the worker', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: { format: ModelFormat.huggingface() }, workerSpec: { container: { env: { PYTHONPATH: '/x' } } } } },
      'predictor.workerSpec.container.env.PYTHONPATH', 'setting PYTHONPATH is not allowed'],
    ['a bad worker image', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: { format: ModelFormat.huggingface() }, workerSpec: { container: { image: 'Bad Image' } } } },
      'predictor.workerSpec.container.image', 'is not a valid image reference'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', props as InferenceServiceProps));
    expect([e.field, e.problem]).toEqual([field, expect.stringContaining(problem)]);
  });

  test('a runtime\'s worker spec is checked as its container is', () => {
    const stack = testStack();
    const base = { supportedModelFormats: [{ format: ModelFormat.huggingface() }], container: { image: 'kserve/huggingfaceserver:v0.16.0' } };
    const e = constructError(() => new ClusterServingRuntime(stack, 'a', { ...base, workerSpec: { tensorParallelSize: 0, container: { image: 'kserve/huggingfaceserver:v0.16.0' } } }));
    expect([e.field, e.problem]).toEqual(['workerSpec.tensorParallelSize', 'must be a whole number ≥ 1, got 0']);
    const env = constructError(() => new ClusterServingRuntime(stack, 'b', { ...base, workerSpec: { container: { image: 'kserve/huggingfaceserver:v0.16.0', env: { PYTHONPATH: '/x' } } } }));
    expect(env.field).toBe('workerSpec.container.env.PYTHONPATH');
    const image = constructError(() => new ClusterServingRuntime(stack, 'c', { ...base, workerSpec: { container: { image: 'Bad Image' } } }));
    expect(image.field).toBe('workerSpec.container.image');
  });

  test('older KServe releases than 0.14 have no workerSpec', () => {
    const stack = testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ kserve: '0.13.1' }) });
    const e = constructError(() => new InferenceService(stack, 'svc', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: { format: ModelFormat.huggingface() }, workerSpec: {} } }));
    expect([e.field, e.problem]).toEqual(['predictor.workerSpec', 'multi-node serving (workerSpec) needs KServe 0.14.0 or later; this stack targets kubeflow-platform-2026-04+kserve-0.13.1 (KServe 0.13.1)']);
  });
});
