import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu, Probe, Size, Volume } from '../core';
import { ModelFormat, ProtocolVersion } from './model-format';
import { ClusterServingRuntime, ServingRuntime, ServingRuntimeProps } from './serving-runtime';

const container = { image: 'pytorch/torchserve-kfs:0.12.0', args: ['torchserve', '--start', '--model-store=/mnt/models/model-store'] };

describe('ServingRuntime and ClusterServingRuntime', () => {
  test('a namespaced single-model runtime', () => {
    const stack = testStack();
    const rt = new ServingRuntime(stack, 'torchserve-gpu', {
      supportedModelFormats: [{ format: ModelFormat.pytorch('2'), autoSelect: true, priority: 2 }],
      protocolVersions: [ProtocolVersion.V1, ProtocolVersion.V2, ProtocolVersion.GRPC_V2],
      container: { ...container, ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: { cpu: { request: Cpu.units(1) }, memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } } },
      pod: { nodeSelector: { pool: 'gpu' }, labels: { runtime: 'torchserve' } },
    });
    expect([rt.kind, rt.namespace, rt.details.multiModel, rt.details.disabled]).toEqual(['ServingRuntime', 'team', false, false]);
    const r = manifest(stack, 'ServingRuntime');
    expect(r.apiVersion).toBe('serving.kserve.io/v1alpha1');
    expect(r.spec).toMatchObject({
      supportedModelFormats: [{ name: 'pytorch', version: '2', autoSelect: true, priority: 2 }],
      protocolVersions: ['v1', 'v2', 'grpc-v2'],
      containers: [expect.objectContaining({ name: 'kserve-container', image: 'pytorch/torchserve-kfs:0.12.0' })],
      nodeSelector: { pool: 'gpu' },
      labels: { runtime: 'torchserve' },
    });
    expectSchemaValid(stack);
  });

  test('a cluster-wide multi-model (ModelMesh) runtime, disabled', () => {
    const stack = testStack();
    const rt = new ClusterServingRuntime(stack, 'mlserver-mm', {
      supportedModelFormats: [{ format: ModelFormat.sklearn('1'), autoSelect: true }, { format: ModelFormat.xgboost('2'), autoSelect: true }],
      protocolVersions: [ProtocolVersion.GRPC_V2],
      multiModel: { grpcEndpoint: 'port:8085', grpcDataEndpoint: 'port:8001', httpDataEndpoint: 'port:8008' },
      disabled: true,
      container: { image: 'seldonio/mlserver:1.6.1' },
    });
    expect([rt.kind, rt.namespace, rt.details.multiModel, rt.details.disabled]).toEqual(['ClusterServingRuntime', undefined, true, true]);
    const r = manifest(stack, 'ClusterServingRuntime');
    expect(r.metadata.namespace).toBeUndefined();
    expect(r.spec).toMatchObject({ multiModel: true, grpcEndpoint: 'port:8085', grpcDataEndpoint: 'port:8001', httpDataEndpoint: 'port:8008', disabled: true });
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<ServingRuntimeProps>, string, string]>([
    ['no formats', { supportedModelFormats: [] }, 'supportedModelFormats', 'is empty'],
    ['a format twice', { supportedModelFormats: [{ format: ModelFormat.pytorch('2') }, { format: ModelFormat.pytorch('2') }] }, 'supportedModelFormats[1]', 'pytorch 2 is listed twice'],
    ['priority 0', { supportedModelFormats: [{ format: ModelFormat.pytorch(), autoSelect: true, priority: 0 }] }, 'supportedModelFormats[0].priority', 'must be a whole number ≥ 1'],
    ['priority without autoSelect', { supportedModelFormats: [{ format: ModelFormat.pytorch(), priority: 1 }] }, 'supportedModelFormats[0].priority', 'has no effect without autoSelect'],
    ['a bad format version', { supportedModelFormats: [{ format: ModelFormat.pytorch('two') }] }, 'supportedModelFormats[0].format.version', 'is not a model format version'],
    ['a protocol twice', { protocolVersions: [ProtocolVersion.V1, ProtocolVersion.V1] }, 'protocolVersions', 'lists a protocol twice'],
    ['an unknown protocol', { protocolVersions: ['v3' as ProtocolVersion] }, 'protocolVersions', '"v3" is not a protocol version'],
    ['PYTHONPATH', { container: { ...container, env: { PYTHONPATH: '/x' } } }, 'container.env.PYTHONPATH', 'not allowed for security reasons'],
    ['a bad endpoint', { multiModel: { grpcEndpoint: '8085', grpcDataEndpoint: 'port:8001' } }, 'multiModel.grpcEndpoint', 'is not an endpoint'],
    ['a bad image', { container: { image: 'no good' } }, 'container.image', 'is not a valid image reference'],
    ['a bad name', { name: '1runtime' }, 'name', 'is not a valid DNS-1035 label'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new ServingRuntime(testStack(), 'rt', { supportedModelFormats: [{ format: ModelFormat.pytorch() }], container, ...props }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('two priorities for one auto-selected format are reported at synth (kserve/runtime-format-priority)', () => {
    const stack = testStack();
    new ServingRuntime(stack, 'sk', {
      supportedModelFormats: [{ format: ModelFormat.sklearn('0'), autoSelect: true, priority: 1 }, { format: ModelFormat.sklearn('1'), autoSelect: true, priority: 2 }], container,
    });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([
      ['kserve/runtime-format-priority', 'test/sk', '.spec.supportedModelFormats[1].priority', 'different priorities assigned for the model format sklearn (1 at supportedModelFormats[0], 2 here)'],
    ]);
  });

  test('two runtimes that tie on an auto-selected format\'s priority are reported at synth on the later (kserve/runtime-priority-clash)', () => {
    const stack = testStack();
    const formats = [{ format: ModelFormat.pytorch('2'), autoSelect: true, priority: 1 }];
    new ServingRuntime(stack, 'a', { supportedModelFormats: formats, protocolVersions: [ProtocolVersion.V1], container });
    // No clash between a and: another namespace, no shared protocol, disabled, another priority, the other kind. g ties with a (v1) and c (v2).
    new ServingRuntime(stack, 'b', { namespace: 'other', supportedModelFormats: formats, protocolVersions: [ProtocolVersion.V1], container });
    new ServingRuntime(stack, 'c', { supportedModelFormats: formats, protocolVersions: [ProtocolVersion.V2], container });
    new ServingRuntime(stack, 'd', { supportedModelFormats: formats, protocolVersions: [ProtocolVersion.V1], disabled: true, container });
    new ServingRuntime(stack, 'e', { supportedModelFormats: [{ ...formats[0], priority: 2 }], protocolVersions: [ProtocolVersion.V1], container });
    new ClusterServingRuntime(stack, 'f', { supportedModelFormats: formats, protocolVersions: [ProtocolVersion.V1], container });
    new ServingRuntime(stack, 'g', { supportedModelFormats: formats, protocolVersions: [ProtocolVersion.V1, ProtocolVersion.V2], container });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([
      ['kserve/runtime-priority-clash', 'test/g', '.spec.supportedModelFormats', 'same priority assigned for the model format pytorch in the servingruntimes a and g in namespace team (priority 1)'],
      ['kserve/runtime-priority-clash', 'test/g', '.spec.supportedModelFormats', 'same priority assigned for the model format pytorch in the servingruntimes c and g in namespace team (priority 1)'],
    ]);
  });
});

describe('ServingRuntime pods', () => {
  test('sidecars run as containers after kserve-container (a runtime has no init containers); probes and security on the server container', () => {
    const stack = testStack();
    new ServingRuntime(stack, 'rt', {
      supportedModelFormats: [{ format: ModelFormat.pytorch('2') }],
      container: { ...container, ports: [{ containerPort: 8080 }], readiness: Probe.fromHttpGet('/ping'), securityContext: { readOnlyRootFilesystem: true } },
      pod: { sidecars: [{ name: 'metrics', image: 'ghcr.io/example/exporter:1.0.0' }], volumes: [Volume.emptyDir('cache')] },
    });
    const r = manifest(stack, 'ServingRuntime').spec;
    expect(r.containers.map((c: any) => c.name)).toEqual(['kserve-container', 'metrics']);
    expect(r.containers[0]).toMatchObject({ readinessProbe: { httpGet: { path: '/ping', port: 8080 } }, securityContext: { readOnlyRootFilesystem: true } });
    expect(r.initContainers).toBeUndefined();
    expectSchemaValid(stack);
    const e = constructError(() => new ServingRuntime(testStack(), 'bad', {
      supportedModelFormats: [{ format: ModelFormat.pytorch('2') }], container, pod: { sidecars: [{ name: 'x', image: 'busybox', env: { PYTHONPATH: '/x' } }] },
    }));
    expect(e.field).toBe('pod.sidecars[0].env.PYTHONPATH');
  });
});
