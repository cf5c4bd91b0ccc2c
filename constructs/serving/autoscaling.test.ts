import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { AutoscalingProps, ScaleMetric } from './autoscaling';
import { DeploymentMode } from './deployment-mode';
import { InferenceService, InferenceServiceProps } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

const model = { format: ModelFormat.sklearn(), storageUri: StorageUri.gcs('kfserving-examples/models/sklearn/1.0/model') };
const transformerImage = { image: 'ghcr.io/org/transformer:1.0' };
const prom = ScaleMetric.prometheus({ query: 'sum(rate(revision_request_count{service="iris"}[1m]))', threshold: 50, serverAddress: 'http://prometheus-operated.monitoring:9090' });

function svc(mode: DeploymentMode, autoscaling: AutoscalingProps, extra: Partial<InferenceServiceProps> = {}) {
  const stack = testStack();
  new InferenceService(stack, 'iris', { deploymentMode: mode, predictor: { model, autoscaling }, ...extra });
  return stack;
}

describe('autoscaling', () => {
  test.each<[string, DeploymentMode, AutoscalingProps, Record<string, unknown>, Record<string, string>]>([
    ['Knative default (KPA, concurrency)', DeploymentMode.KNATIVE, {}, {}, { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' }],
    ['Knative scale to zero on concurrency', DeploymentMode.KNATIVE, { minReplicas: 0, maxReplicas: 10, metric: ScaleMetric.concurrency(5) },
      { minReplicas: 0, maxReplicas: 10, scaleMetric: 'concurrency', scaleTarget: 5 }, { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' }],
    ['Knative rps', DeploymentMode.KNATIVE, { minReplicas: 0, metric: ScaleMetric.rps(100) }, { minReplicas: 0, scaleMetric: 'rps', scaleTarget: 100 },
      { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' }],
    ['Knative cpu via Knative\'s HPA class', DeploymentMode.KNATIVE, { minReplicas: 1, maxReplicas: 5, metric: ScaleMetric.cpu(70) },
      { minReplicas: 1, maxReplicas: 5, scaleMetric: 'cpu', scaleTarget: 70 }, { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' }],
    ['Knative memory via Knative\'s HPA class', DeploymentMode.KNATIVE, { metric: ScaleMetric.memory(80) }, { scaleMetric: 'memory', scaleTarget: 80 },
      { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' }],
    ['Standard default (HPA, CPU 80 %)', DeploymentMode.STANDARD, { minReplicas: 2, maxReplicas: 6 }, { minReplicas: 2, maxReplicas: 6 },
      { 'serving.kserve.io/autoscalerClass': 'hpa' }],
    ['Standard cpu', DeploymentMode.STANDARD, { minReplicas: 1, maxReplicas: 4, metric: ScaleMetric.cpu() }, { minReplicas: 1, maxReplicas: 4, scaleMetric: 'cpu', scaleTarget: 80 },
      { 'serving.kserve.io/autoscalerClass': 'hpa' }],
    ['Standard memory', DeploymentMode.STANDARD, { maxReplicas: 4, metric: ScaleMetric.memory(75) }, { maxReplicas: 4, scaleMetric: 'memory', scaleTarget: 75 },
      { 'serving.kserve.io/autoscalerClass': 'hpa' }],
    ['Standard KEDA on Prometheus, scale to zero', DeploymentMode.STANDARD, { minReplicas: 0, maxReplicas: 8, metric: prom },
      {
        minReplicas: 0, maxReplicas: 8,
        autoScaling: { metrics: [{ type: 'External', external: { metric: { backend: 'prometheus', serverAddress: 'http://prometheus-operated.monitoring:9090', query: 'sum(rate(revision_request_count{service="iris"}[1m]))' }, target: { type: 'Value', value: '50' } } }] },
      },
      { 'serving.kserve.io/autoscalerClass': 'keda' }],
  ])('%s', (_what, mode, autoscaling, fields, annotations) => {
    const stack = svc(mode, autoscaling);
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.metadata.annotations).toMatchObject({ 'serving.kserve.io/deploymentMode': mode, ...annotations });
    const { model: _m, ...predictor } = isvc.spec.predictor;
    expect(predictor).toEqual(fields);
    expectSchemaValid(stack);
  });

  test('all components share the autoscaler their metrics need', () => {
    const stack = testStack();
    new InferenceService(stack, 'iris', {
      deploymentMode: DeploymentMode.KNATIVE,
      predictor: { model, autoscaling: { metric: ScaleMetric.cpu(60) } },
      transformer: { container: transformerImage },
    });
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.metadata.annotations['autoscaling.knative.dev/class']).toBe('hpa.autoscaling.knative.dev');
    expect(isvc.spec.transformer.scaleMetric).toBeUndefined();
  });

  test.each<[string, DeploymentMode, AutoscalingProps, string, string]>([
    ['negative minReplicas', DeploymentMode.KNATIVE, { minReplicas: -1 }, 'predictor.autoscaling.minReplicas', 'must be a whole number ≥ 0, got -1'],
    ['zero maxReplicas', DeploymentMode.KNATIVE, { maxReplicas: 0 }, 'predictor.autoscaling.maxReplicas', 'must be a whole number ≥ 1, got 0'],
    ['CPU target above 100 %', DeploymentMode.STANDARD, { maxReplicas: 2, metric: ScaleMetric.cpu(120) }, 'predictor.autoscaling.metric', 'the cpu target must be a whole percentage between 1 and 100, got 120'],
    ['memory target above 100', DeploymentMode.STANDARD, { maxReplicas: 2, metric: ScaleMetric.memory(512) }, 'predictor.autoscaling.metric', 'the memory target must be a whole percentage between 1 and 100'],
    ['rps target below 1', DeploymentMode.KNATIVE, { metric: ScaleMetric.rps(0) }, 'predictor.autoscaling.metric', 'the rps target must be a whole number ≥ 1, got 0'],
    ['empty Prometheus query', DeploymentMode.STANDARD, { maxReplicas: 2, metric: ScaleMetric.prometheus({ query: ' ', threshold: 5, serverAddress: 'http://p:9090' }) }, 'predictor.autoscaling.metric.query', 'is empty'],
    ['bad Prometheus URL', DeploymentMode.STANDARD, { maxReplicas: 2, metric: ScaleMetric.prometheus({ query: 'up', threshold: 5, serverAddress: 'prometheus:9090' }) }, 'predictor.autoscaling.metric.serverAddress', 'is not an http(s) URL'],
    ['zero KEDA threshold', DeploymentMode.STANDARD, { maxReplicas: 2, metric: ScaleMetric.prometheus({ query: 'up', threshold: 0, serverAddress: 'http://p:9090' }) }, 'predictor.autoscaling.metric.threshold', 'must be greater than zero'],
  ])('rejects %s at construction', (_what, mode, autoscaling, field, problem) => {
    const e = constructError(() => svc(mode, autoscaling));
    expect(e.constructPath).toBe('test/iris');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, DeploymentMode, AutoscalingProps, Partial<InferenceServiceProps>, Array<[string, string, string]>]>([
    ['minReplicas > maxReplicas', DeploymentMode.KNATIVE, { minReplicas: 5, maxReplicas: 2 }, {}, [['kserve/replicas', '.spec.predictor.maxReplicas', 'maxReplicas 2 is less than minReplicas 5']]],
    ['concurrency in Standard mode', DeploymentMode.STANDARD, { maxReplicas: 3, metric: ScaleMetric.concurrency(10) }, {},
      [['kserve/scale-metric', '.spec.predictor.scaleMetric', 'concurrency is not a metric the HPA (serving.kserve.io/autoscalerClass: hpa) scales on in Standard (raw deployment) mode']]],
    ['rps in Standard mode, without maxReplicas', DeploymentMode.STANDARD, { metric: ScaleMetric.rps(10) }, {}, [
      ['kserve/scale-metric', '.spec.predictor.scaleMetric', 'rps is not a metric the HPA'],
      ['kserve/max-replicas-for-metric', '.spec.predictor.maxReplicas', 'is not set, so KServe makes it minReplicas (1) and the rps metric can never add a replica'],
    ]],
    ['Prometheus (KEDA) in Knative mode', DeploymentMode.KNATIVE, { metric: prom }, {},
      [['kserve/scaling-ignored', '.spec.predictor.autoScaling', 'is read by Standard mode\'s HPA and KEDA only; Knative (serverless) mode ignores it']]],
    ['scale to zero with the Standard HPA', DeploymentMode.STANDARD, { minReplicas: 0 }, {},
      [['kserve/scale-to-zero', '.spec.predictor.minReplicas', 'is 0, but scale to zero is not possible with the HPA (serving.kserve.io/autoscalerClass: hpa)']]],
    ['scale to zero with Knative\'s HPA class', DeploymentMode.KNATIVE, { minReplicas: 0, metric: ScaleMetric.cpu(50) }, {},
      [['kserve/scale-to-zero', '.spec.predictor.minReplicas', 'scale to zero is not possible with Knative\'s HPA class']]],
    ['components whose metrics need different autoscalers', DeploymentMode.KNATIVE, { metric: ScaleMetric.concurrency(4) }, { transformer: { container: transformerImage, autoscaling: { metric: ScaleMetric.cpu(60) } } },
      [['kserve/scale-metric', '.spec.transformer.scaleMetric', 'cpu is not a metric the Knative pod autoscaler (KPA) scales on']]],
    ['a component without KEDA metric beside one with', DeploymentMode.STANDARD, { maxReplicas: 4, metric: prom }, { transformer: { container: transformerImage } },
      [['kserve/keda-metrics', '.spec.transformer', 'every component needs its own KEDA metric']]],
    ['a component without metric scaling to zero under another component\'s HPA', DeploymentMode.KNATIVE, { metric: ScaleMetric.cpu(50) }, { transformer: { container: transformerImage, autoscaling: { minReplicas: 0 } } },
      [['kserve/scale-to-zero', '.spec.transformer.minReplicas', 'scale to zero is not possible with Knative\'s HPA class']]],
  ])('reports %s at synth', (_what, mode, autoscaling, extra, expected) => {
    const findings = policyFindings(svc(mode, autoscaling, extra), 'kserve/');
    expect(findings.map((f) => [f.rule, f.construct, f.path, f.message])).toEqual(expected.map(([rule, path, message]) => [rule, 'test/iris', path, expect.stringContaining(message)]));
  });
});
