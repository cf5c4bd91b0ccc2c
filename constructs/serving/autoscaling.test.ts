import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Release, Size } from '../core';
import { Autoscaler, AutoscalingProps, ScaleMetric } from './autoscaling';
import { DeploymentMode } from './deployment-mode';
import { InferenceService, InferenceServiceProps } from './inference-service';
import { ModelFormat } from './model-format';
import { StorageUri } from './storage-uri';

const model = { format: ModelFormat.sklearn(), storageUri: StorageUri.gcs('kfserving-examples/models/sklearn/1.0/model') };
const transformerImage = { image: 'ghcr.io/org/transformer:1.0' };
const prom = ScaleMetric.prometheus({ query: 'sum(rate(revision_request_count{service="iris"}[1m]))', threshold: 50, serverAddress: 'http://prometheus-operated.monitoring:9090' });

function svc(mode: DeploymentMode, autoscaling: AutoscalingProps, extra: Partial<InferenceServiceProps> = {}, stack = testStack()) {
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

describe('the autoscaler prop', () => {
  const metricsOf = (stack: ReturnType<typeof testStack>) => manifest(stack, 'InferenceService').spec.predictor.autoScaling?.metrics;

  test.each<[string, DeploymentMode, Autoscaler, AutoscalingProps, Record<string, string>, Record<string, unknown>]>([
    ['Standard without autoscaling: fixed replicas', DeploymentMode.STANDARD, Autoscaler.NONE, { minReplicas: 3 },
      { 'serving.kserve.io/autoscalerClass': 'none' }, { minReplicas: 3 }],
    ['Standard with an autoscaler of your own', DeploymentMode.STANDARD, Autoscaler.EXTERNAL, { minReplicas: 1, maxReplicas: 5 },
      { 'serving.kserve.io/autoscalerClass': 'external' }, { minReplicas: 1, maxReplicas: 5 }],
    ['Knative\'s HPA class without a metric (CPU at 80 %)', DeploymentMode.KNATIVE, Autoscaler.HPA, { maxReplicas: 3 },
      { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' }, { maxReplicas: 3 }],
    ['KPA named although it is the default', DeploymentMode.KNATIVE, Autoscaler.KPA, {}, { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' }, {}],
    ['KEDA on CPU: a Resource metric, not scaleMetric (KServe\'s webhook rejects that under KEDA)', DeploymentMode.STANDARD, Autoscaler.KEDA,
      { minReplicas: 1, maxReplicas: 6, metric: ScaleMetric.cpu(70) }, { 'serving.kserve.io/autoscalerClass': 'keda' },
      { minReplicas: 1, maxReplicas: 6, autoScaling: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } }],
    ['KEDA on memory utilization', DeploymentMode.STANDARD, Autoscaler.KEDA, { maxReplicas: 4, metric: ScaleMetric.memory(60) }, { 'serving.kserve.io/autoscalerClass': 'keda' },
      { maxReplicas: 4, autoScaling: { metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 60 } } }] } }],
    ['KEDA on average memory per replica', DeploymentMode.STANDARD, Autoscaler.KEDA, { maxReplicas: 4, metric: ScaleMetric.memoryAverage(Size.gibibytes(6)) },
      { 'serving.kserve.io/autoscalerClass': 'keda' },
      { maxReplicas: 4, autoScaling: { metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '6Gi' } } }] } }],
  ])('%s', (_what, mode, autoscaler, autoscaling, annotations, fields) => {
    const stack = svc(mode, autoscaling, { autoscaler });
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.metadata.annotations).toMatchObject(annotations);
    const { model: _m, ...predictor } = isvc.spec.predictor;
    expect(predictor).toEqual(fields);
    expectSchemaValid(stack);
    expect(policyFindings(stack, 'kserve/')).toEqual([]);
  });

  test('without the prop, average memory scales with Standard mode\'s HPA, which reads Resource metrics too', () => {
    const stack = svc(DeploymentMode.STANDARD, { maxReplicas: 4, metric: ScaleMetric.memoryAverage(Size.mebibytes(1536)) });
    expect(manifest(stack, 'InferenceService').metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('hpa');
    expect(metricsOf(stack)).toEqual([{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1536Mi' } } }]);
    expect(policyFindings(stack, 'kserve/')).toEqual([]);
  });

  test('a Prometheus query with a KEDA TriggerAuthentication', () => {
    const metric = ScaleMetric.prometheus({ query: 'sum(rate(requests[1m]))', threshold: 20, serverAddress: 'https://prometheus.example.com', authenticationRef: 'prom-creds', authModes: 'bearer' });
    const stack = svc(DeploymentMode.STANDARD, { maxReplicas: 4, metric });
    expect(metricsOf(stack)).toEqual([{
      type: 'External',
      external: {
        metric: { backend: 'prometheus', serverAddress: 'https://prometheus.example.com', query: 'sum(rate(requests[1m]))' },
        target: { type: 'Value', value: '20' },
        authenticationRef: { authenticationRef: { name: 'prom-creds' }, authModes: 'bearer' },
      },
    }]);
    expectSchemaValid(stack);
  });

  test('the prop decides for every component, and the metrics render for it', () => {
    const stack = svc(DeploymentMode.STANDARD, { maxReplicas: 4, metric: ScaleMetric.cpu(50) },
      { autoscaler: Autoscaler.KEDA, transformer: { container: transformerImage, autoscaling: { maxReplicas: 2, metric: prom } } });
    const isvc = manifest(stack, 'InferenceService');
    expect(isvc.spec.predictor.scaleMetric).toBeUndefined();
    expect(isvc.spec.predictor.autoScaling.metrics[0].resource.name).toBe('cpu');
    expect(isvc.spec.transformer.autoScaling.metrics[0].type).toBe('External');
    expect(policyFindings(stack, 'kserve/')).toEqual([]);
  });

  test('a metric the chosen autoscaler cannot use renders as given; the kserve policies report it at synth', () => {
    const stack = svc(DeploymentMode.STANDARD, { maxReplicas: 3, metric: ScaleMetric.concurrency(5) }, { autoscaler: Autoscaler.KEDA });
    expect(manifest(stack, 'InferenceService').spec.predictor.scaleMetric).toBe('concurrency');
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.path])).toEqual([['kserve/scale-metric', '.spec.predictor.scaleMetric'], ['kserve/keda-metrics', '.spec.predictor']]);
  });

  test.each<[string, DeploymentMode, Autoscaler, AutoscalingProps, string, string, string]>([
    ['KEDA in Knative mode', DeploymentMode.KNATIVE, Autoscaler.KEDA, {}, 'autoscaler', 'Knative mode has no keda autoscaler for an InferenceService',
      'in Knative mode use Autoscaler.KPA or Autoscaler.HPA, or DeploymentMode.STANDARD'],
    ['NONE in Knative mode', DeploymentMode.KNATIVE, Autoscaler.NONE, {}, 'autoscaler', 'Knative mode has no none autoscaler', 'or DeploymentMode.STANDARD'],
    ['KPA in Standard mode', DeploymentMode.STANDARD, Autoscaler.KPA, {}, 'autoscaler', 'Standard mode has no kpa autoscaler',
      'in Standard mode use Autoscaler.HPA or Autoscaler.KEDA or Autoscaler.EXTERNAL or Autoscaler.NONE, or DeploymentMode.KNATIVE'],
    ['an unknown autoscaler', DeploymentMode.STANDARD, 'vpa' as Autoscaler, {}, 'autoscaler', '"vpa" is not an autoscaler', 'use one of Autoscaler.KPA'],
    ['a metric under NONE', DeploymentMode.STANDARD, Autoscaler.NONE, { metric: ScaleMetric.cpu(50) }, 'predictor.autoscaling.metric',
      'is set, but the none autoscaler scales on no metric (the Deployment runs minReplicas replicas)', 'drop the metric, or choose Autoscaler.HPA or Autoscaler.KEDA'],
    ['a metric under EXTERNAL', DeploymentMode.STANDARD, Autoscaler.EXTERNAL, { metric: prom }, 'predictor.autoscaling.metric',
      'is set, but the external autoscaler scales on no metric (your own autoscaler scales the Deployment)', 'drop the metric'],
    ['a zero memory average', DeploymentMode.STANDARD, Autoscaler.KEDA, { metric: ScaleMetric.memoryAverage(Size.mebibytes(0)) }, 'predictor.autoscaling.metric',
      'the memory per replica must be greater than zero, got 0', 'ScaleMetric.memoryAverage(Size.gibibytes(4))'],
    ['a KEDA CPU target above 100 %', DeploymentMode.STANDARD, Autoscaler.KEDA, { metric: ScaleMetric.cpu(150) }, 'predictor.autoscaling.metric',
      'the cpu target must be a whole percentage between 1 and 100, got 150', 'ScaleMetric.cpu(70)'],
    ['authModes without authenticationRef', DeploymentMode.STANDARD, Autoscaler.KEDA,
      { metric: ScaleMetric.prometheus({ query: 'up', threshold: 1, serverAddress: 'http://p:9090', authModes: 'basic' }) }, 'predictor.autoscaling.metric.authModes',
      'is set without authenticationRef', 'name the KEDA TriggerAuthentication'],
    ['a bad TriggerAuthentication name', DeploymentMode.STANDARD, Autoscaler.KEDA,
      { metric: ScaleMetric.prometheus({ query: 'up', threshold: 1, serverAddress: 'http://p:9090', authenticationRef: 'Prom_Creds' }) }, 'predictor.autoscaling.metric.authenticationRef',
      'is not a valid DNS-1123 subdomain', ''],
  ])('rejects %s at construction', (_what, mode, autoscaler, autoscaling, field, problem, fix) => {
    const e = constructError(() => svc(mode, autoscaling, { autoscaler }));
    expect(e.constructPath).toBe('test/iris');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
    expect(e.fix).toContain(fix);
  });

  test('the autoscaler annotations stay the prop\'s to set', () => {
    const e = constructError(() => svc(DeploymentMode.STANDARD, {}, { metadata: { annotations: { 'serving.kserve.io/autoscalerClass': 'none' } } }));
    expect(e.field).toBe('metadata.annotations.serving.kserve.io/autoscalerClass');
    expect(e.fix).toBe('use the autoscaler prop');
  });

  test('autoscalers and metrics newer than the target KServe name the version that has them', () => {
    const kserve = (v: string) => testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ kserve: v }) });
    const none = constructError(() => svc(DeploymentMode.STANDARD, {}, { autoscaler: Autoscaler.NONE }, kserve('0.15.0')));
    expect([none.field, none.problem]).toEqual(['autoscaler', 'the none autoscaler class needs KServe 0.15.1 or later; this stack targets kubeflow-platform-2026-04+kserve-0.15.0 (KServe 0.15.0)']);
    const keda = constructError(() => svc(DeploymentMode.STANDARD, {}, { autoscaler: Autoscaler.KEDA }, kserve('0.14.1')));
    expect(keda.problem).toContain('the keda autoscaler class needs KServe 0.15.0 or later');
    const metric = constructError(() => svc(DeploymentMode.STANDARD, { maxReplicas: 2, metric: prom }, {}, kserve('0.14.1')));
    expect([metric.field, metric.problem]).toEqual(['predictor.autoscaling.metric', 'the prometheus metric (autoScaling.metrics) needs KServe 0.15.0 or later; this stack targets kubeflow-platform-2026-04+kserve-0.14.1 (KServe 0.14.1)']);
    expect(() => svc(DeploymentMode.STANDARD, {}, { autoscaler: Autoscaler.NONE }, kserve('0.15.1'))).not.toThrow();
  });
});
