import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu, Release, Size } from '../core';
import { Autoscaler, ScaleMetric } from './autoscaling';
import { DeploymentMode } from './deployment-mode';
import { GraphNode, GraphStep, InferenceGraph, InferenceGraphProps, GraphStepData, GraphStepDependency } from './inference-graph';
import { InferenceService } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

function services(stack: ReturnType<typeof testStack>, ...names: string[]): InferenceService[] {
  return names.map((name) => new InferenceService(stack, name, { predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.s3(`models/${name}`) } } }));
}

describe('InferenceGraph', () => {
  test('Sequence, Switch, Ensemble and Splitter nodes referencing InferenceService constructs', () => {
    const stack = testStack();
    const [catDog, dogBreed, catBreed, sk, xgb, a, b] = services(stack, 'cat-dog', 'dog-breed', 'cat-breed', 'sk', 'xgb', 'model-a', 'model-b');
    const breeds = GraphNode.switch([
      GraphStep.service(dogBreed, { condition: '[@this].#(predictions.0=="dog")' }),
      GraphStep.service(catBreed, { condition: '[@this].#(predictions.0=="cat")' }),
    ], { name: 'breed-classifier' });
    const ensemble = GraphNode.ensemble([GraphStep.service(sk, { name: 'sklearn' }), GraphStep.service(xgb, { name: 'xgboost' })], { name: 'ensemble' });
    const split = GraphNode.splitter([GraphStep.service(a, { weight: 80 }), GraphStep.service(b, { weight: 20 })], { name: 'ab-test' });
    new InferenceGraph(stack, 'dogs', {
      root: GraphNode.sequence([
        GraphStep.service(catDog),
        GraphStep.node(breeds, { data: GraphStepData.REQUEST, dependency: GraphStepDependency.HARD }),
        GraphStep.node(ensemble, { data: GraphStepData.REQUEST }),
        GraphStep.node(split, { data: GraphStepData.REQUEST }),
        GraphStep.url('http://postprocess.team.svc.cluster.local/v1/models/post:predict', { data: GraphStepData.RESPONSE }),
      ]),
      autoscaling: { minReplicas: 0, maxReplicas: 3, metric: ScaleMetric.concurrency(20) },
      resources: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
    });
    const g = manifest(stack, 'InferenceGraph');
    expect(g.apiVersion).toBe('serving.kserve.io/v1alpha1');
    expect(g.metadata.annotations).toMatchObject({ 'serving.kserve.io/deploymentMode': 'Knative', 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' });
    expect(Object.keys(g.spec.nodes).sort()).toEqual(['ab-test', 'breed-classifier', 'ensemble', 'root']);
    expect(g.spec.nodes.root).toEqual({
      routerType: 'Sequence',
      steps: [
        { serviceName: 'cat-dog' },
        { nodeName: 'breed-classifier', data: '$request', dependency: 'Hard' },
        { nodeName: 'ensemble', data: '$request' },
        { nodeName: 'ab-test', data: '$request' },
        { serviceUrl: 'http://postprocess.team.svc.cluster.local/v1/models/post:predict', data: '$response' },
      ],
    });
    expect(g.spec.nodes['breed-classifier'].steps[0]).toEqual({ serviceName: 'dog-breed', condition: '[@this].#(predictions.0=="dog")' });
    expect(g.spec.nodes.ensemble).toEqual({ routerType: 'Ensemble', steps: [{ name: 'sklearn', serviceName: 'sk' }, { name: 'xgboost', serviceName: 'xgb' }] });
    expect(g.spec.nodes['ab-test']).toEqual({ routerType: 'Splitter', steps: [{ serviceName: 'model-a', weight: 80 }, { serviceName: 'model-b', weight: 20 }] });
    expect(g.spec).toMatchObject({ minReplicas: 0, maxReplicas: 3, scaleMetric: 'concurrency', scaleTarget: 20, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } });
    expectSchemaValid(stack);
  });

  test('Standard mode, services by name, a node reached twice is listed once', () => {
    const stack = testStack();
    const shared = GraphNode.sequence([GraphStep.service(InferenceService.fromName(stack, 'Existing', 'existing-model', 'team'))], { name: 'shared' });
    new InferenceGraph(stack, 'g', {
      deploymentMode: DeploymentMode.STANDARD,
      root: GraphNode.ensemble([GraphStep.node(shared, { name: 'one' }), GraphStep.node(shared, { name: 'two' })]),
      autoscaling: { maxReplicas: 2, metric: ScaleMetric.cpu(70) },
      serviceAccountName: 'graph-runner',
      timeout: Duration.minutes(2),
      scheduling: { nodeSelector: { pool: 'cpu' }, tolerations: [{ key: 'dedicated', value: 'serving', effect: 'NoSchedule' }] },
    });
    const g = manifest(stack, 'InferenceGraph');
    expect(g.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('hpa');
    expect(g.spec).toMatchObject({
      serviceAccountName: 'graph-runner', timeout: 120, nodeSelector: { pool: 'cpu' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'serving', effect: 'NoSchedule' }],
    });
    expect(Object.keys(g.spec.nodes).sort()).toEqual(['root', 'shared']);
    expectSchemaValid(stack);
  });

  test.each<[string, (s: InferenceService) => Partial<InferenceGraphProps>, string, string]>([
    ['a weight outside a Splitter', (s) => ({ root: GraphNode.sequence([GraphStep.service(s, { weight: 50 })]) }), 'root.steps[0].weight', 'only Splitter nodes use weights'],
    ['an unnamed node behind a step', (s) => ({ root: GraphNode.sequence([GraphStep.node(GraphNode.sequence([GraphStep.service(s)]))]) }), 'root.steps[0]', 'points to a node without a name'],
    ['two nodes with one name', (s) => ({
      root: GraphNode.sequence([GraphStep.node(GraphNode.sequence([GraphStep.service(s)], { name: 'n' })), GraphStep.node(GraphNode.ensemble([GraphStep.service(s)], { name: 'n' }))]),
    }), 'nodes.n', 'two different nodes are named "n"'],
    ['a root with another name', (s) => ({ root: GraphNode.sequence([GraphStep.service(s)], { name: 'start' }) }), 'root.name', 'the entry node is always named "root"'],
    ['a node named root behind a step', (s) => ({ root: GraphNode.sequence([GraphStep.node(GraphNode.sequence([GraphStep.service(s)], { name: 'root' }))]) }), 'root.steps[0]', 'points to a node named "root"'],
    ['an empty node', () => ({ root: GraphNode.sequence([]) }), 'root.steps', 'is empty'],
    ['no root', () => ({ root: undefined as unknown as GraphNode }), 'root', 'is missing'],
    ['a weight above 100', (s) => ({ root: GraphNode.splitter([GraphStep.service(s, { weight: 150 }), GraphStep.service(s, { weight: -50 })]) }),
      'root.steps[0].weight', 'must be a whole number between 0 and 100, got 150'],
    ['an empty condition', (s) => ({ root: GraphNode.switch([GraphStep.service(s, { condition: ' ' })]) }), 'root.steps[0].condition', 'is empty'],
    ['a sub-second timeout', (s) => ({ root: GraphNode.sequence([GraphStep.service(s)]), timeout: Duration.millis(500) }), 'timeout', 'must be a whole number of seconds ≥ 1, got 0.5s'],
    ['a bad service account', (s) => ({ root: GraphNode.sequence([GraphStep.service(s)]), serviceAccountName: 'Graph_Runner' }), 'serviceAccountName', 'is not a valid DNS-1123 subdomain'],
    ['a bad URL', () => ({ root: GraphNode.sequence([GraphStep.url('model.team.svc')]) }), 'root.steps[0].serviceUrl', 'is not an http(s) URL'],
    ['a bad graph name', (s) => ({ name: 'Graph', root: GraphNode.sequence([GraphStep.service(s)]) }), 'name', 'is not a valid DNS-1035 label'],
    ['a name too long for Knative\'s revision names', (s) => ({ name: 'g'.repeat(58), root: GraphNode.sequence([GraphStep.service(s)]) }), 'name',
      `Knative names the graph's first revision "${'g'.repeat(58)}-00001" (64 characters)`],
    ['KEDA scaling', (s) => ({ deploymentMode: DeploymentMode.STANDARD, root: GraphNode.sequence([GraphStep.service(s)]),
      autoscaling: { metric: ScaleMetric.prometheus({ query: 'up', threshold: 1, serverAddress: 'http://p:9090' }) } }), 'autoscaling.metric', 'prometheus is not a metric'],
    ['an average-memory metric (read from autoScaling, which graphs lack)', (s) => ({ deploymentMode: DeploymentMode.STANDARD, root: GraphNode.sequence([GraphStep.service(s)]),
      autoscaling: { metric: ScaleMetric.memoryAverage(Size.gibibytes(1)) } }), 'autoscaling.metric', 'memoryAverage is not a metric an InferenceGraph can scale on'],
    ['the KEDA autoscaler', (s) => ({ deploymentMode: DeploymentMode.STANDARD, root: GraphNode.sequence([GraphStep.service(s)]), autoscaler: Autoscaler.KEDA }),
      'autoscaler', 'KEDA cannot scale an InferenceGraph'],
    ['NONE in Knative mode', (s) => ({ root: GraphNode.sequence([GraphStep.service(s)]), autoscaler: Autoscaler.NONE }), 'autoscaler', 'Knative mode has no none autoscaler for an InferenceGraph'],
    ['a fractional router timeout', (s) => ({ root: GraphNode.sequence([GraphStep.service(s)]), routerTimeouts: { serverRead: Duration.millis(1500) } }),
      'routerTimeouts.serverRead', 'must be a whole number of seconds ≥ 1, got 1.5s'],
  ])('rejects %s', (_what, props, field, problem) => {
    const stack = testStack();
    const [svc] = services(stack, 'model');
    const e = constructError(() => new InferenceGraph(stack, 'graph', props(svc) as InferenceGraphProps));
    expect(e.constructPath).toBe('test/graph');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, (s: InferenceService) => Partial<InferenceGraphProps>, string, string, string]>([
    ['Splitter weights not adding up to 100', (s) => ({ root: GraphNode.splitter([GraphStep.service(s, { weight: 70 }), GraphStep.service(s, { weight: 20 })]) }),
      'kserve/graph-splitter-weights', '.spec.nodes.root.steps', 'Splitter node "root": the sum of traffic weights for all routing targets should be 100, got 90'],
    ['a Splitter step without weight', (s) => ({ root: GraphNode.splitter([GraphStep.service(s, { weight: 100 }), GraphStep.service(s)]) }),
      'kserve/graph-splitter-weights', '.spec.nodes.root.steps[1].weight', 'step 1 of node "root" is missing the weight (Splitter node "root")'],
    ['duplicate step names', (s) => ({ root: GraphNode.ensemble([GraphStep.service(s, { name: 'm' }), GraphStep.service(s, { name: 'm' })]) }),
      'kserve/graph-step-names', '.spec.nodes.root.steps[1].name', 'node "root" contains more than one step with name "m"'],
    ['a Switch step without condition', (s) => ({ root: GraphNode.switch([GraphStep.service(s, { condition: 'x' }), GraphStep.service(s)]) }),
      'kserve/graph-switch-condition', '.spec.nodes.root.steps[1].condition', 'step 1 of node "root" has no condition, so the Switch never routes to it'],
    ['scale to zero with the Standard HPA', (s) => ({ deploymentMode: DeploymentMode.STANDARD, root: GraphNode.sequence([GraphStep.service(s)]), autoscaling: { minReplicas: 0 } }),
      'kserve/scale-to-zero', '.spec.minReplicas', 'is 0, but scale to zero is not possible with the HPA (serving.kserve.io/autoscalerClass: hpa) in Standard (raw deployment) mode: it keeps at least one replica'],
    ['a Standard metric without maxReplicas', (s) => ({ deploymentMode: DeploymentMode.STANDARD, root: GraphNode.sequence([GraphStep.service(s)]), autoscaling: { metric: ScaleMetric.cpu(70) } }),
      'kserve/max-replicas-for-metric', '.spec.maxReplicas', 'is not set, so KServe makes it minReplicas (1) and the cpu metric can never add a replica'],
    ['concurrency in Standard mode', (s) => ({ deploymentMode: DeploymentMode.STANDARD, root: GraphNode.sequence([GraphStep.service(s)]), autoscaling: { maxReplicas: 3, metric: ScaleMetric.concurrency(5) } }),
      'kserve/graph-scaling', '.spec.scaleMetric', 'concurrency is not a metric the HPA (serving.kserve.io/autoscalerClass: hpa) scales on in Standard (raw deployment) mode'],
    ['minReplicas above maxReplicas', (s) => ({ root: GraphNode.sequence([GraphStep.service(s)]), autoscaling: { minReplicas: 3, maxReplicas: 2 } }),
      'kserve/graph-scaling', '.spec.maxReplicas', 'maxReplicas 2 is less than minReplicas 3'],
  ])('reports %s at synth', (_what, props, rule, path, message) => {
    const stack = testStack();
    const [svc] = services(stack, 'model');
    new InferenceGraph(stack, 'graph', props(svc) as InferenceGraphProps);
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([[rule, 'test/graph', path, message]]);
  });

  test('a service known by name only gets a warning: it may be deployed outside the app (kserve/graph-service-exists)', () => {
    const stack = testStack();
    new InferenceGraph(stack, 'g', { root: GraphNode.sequence([GraphStep.service(InferenceService.fromName(stack, 'Existing', 'existing-model', 'team'))]) });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.severity, f.rule, f.construct, f.path])).toEqual([['warning', 'kserve/graph-service-exists', 'test/g', '.spec.nodes.root.steps[0].serviceName']]);
  });

  test('a service of another namespace cannot be called by name', () => {
    const stack = testStack();
    const other = new InferenceService(stack, 'm', { namespace: 'other', predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.s3('models/m') } } });
    const e = constructError(() => new InferenceGraph(stack, 'g', { root: GraphNode.sequence([GraphStep.service(other)]) }));
    expect([e.field, e.problem]).toEqual(['root.steps[0].serviceName', 'InferenceService "m" is in namespace "other", the graph in "team"']);
  });

  test('the router\'s autoscaler and HTTP timeouts', () => {
    const stack = testStack();
    const [svc] = services(stack, 'model');
    new InferenceGraph(stack, 'fixed', {
      deploymentMode: DeploymentMode.STANDARD,
      root: GraphNode.sequence([GraphStep.service(svc)]),
      autoscaler: Autoscaler.NONE,
      autoscaling: { minReplicas: 2 },
      routerTimeouts: { serverRead: Duration.seconds(30), serverWrite: Duration.minutes(5), serverIdle: Duration.minutes(2), serviceClient: Duration.minutes(4) },
    });
    const g = manifest(stack, 'InferenceGraph');
    expect(g.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('none');
    expect(g.spec).toMatchObject({ minReplicas: 2, routerTimeouts: { serverRead: 30, serverWrite: 300, serverIdle: 120, serviceClient: 240 } });
    expectSchemaValid(stack);
    expect(policyFindings(stack, 'kserve/')).toEqual([]);
  });

  test('mapPredictionsToInstances chains v1 models from KServe 0.17; older targets say so', () => {
    const build = (stack: ReturnType<typeof testStack>) => {
      const [a, b] = services(stack, 'a', 'b');
      new InferenceGraph(stack, 'g', { root: GraphNode.sequence([GraphStep.service(a), GraphStep.service(b, { data: GraphStepData.RESPONSE, mapPredictionsToInstances: true })]) });
    };
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    build(stack);
    expect(manifest(stack, 'InferenceGraph').spec.nodes.root.steps[1]).toEqual({ serviceName: 'b', data: '$response', mapPredictionsToInstances: true });
    const e = constructError(() => build(testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04 })));
    expect([e.field, e.problem]).toEqual(['root.steps[1].mapPredictionsToInstances', 'mapPredictionsToInstances needs KServe 0.17.0 or later; this stack targets kubeflow-platform-2026-04 (KServe 0.16.0)']);
  });
});
