import { ruleFindings } from '../../../test/policy';
import { graph, isvc, KNATIVE, KNATIVE_HPA, model, server, STANDARD, STANDARD_HPA, STANDARD_KEDA, where } from './test-objects';

const prometheus = { metrics: [{ type: 'External', external: { metric: { backend: 'prometheus', serverAddress: 'http://p:9090', query: 'sum(rate(x[1m]))' }, target: { type: 'Value', value: '50' } } }] };
const transformer = (extra: Record<string, unknown> = {}) => ({ containers: [server()], ...extra });
const root = { root: { routerType: 'Sequence', steps: [{ serviceName: 'iris' }] } };

describe('kserve/replicas', () => {
  test('rejects negative bounds and a minimum above the maximum (the default minimum 1 too)', () => {
    const f = ruleFindings('kserve/replicas', isvc({
      predictor: model('sklearn', 's3://m', { minReplicas: 5, maxReplicas: 2 }),
      transformer: transformer({ minReplicas: -1 }),
      explainer: { containers: [server()], maxReplicas: -3 },
    }));
    expect(where(f)).toEqual([
      ['.spec.predictor.maxReplicas', 'maxReplicas 2 is less than minReplicas 5'],
      ['.spec.transformer.minReplicas', 'must be ≥ 0, got -1'],
      ['.spec.explainer.maxReplicas', 'must be ≥ 0, got -3'],
    ]);
    expect(f[0].fix).toBe('raise maxReplicas to at least 5, or lower minReplicas');
  });

  test('accepts scale to zero, an unlimited maximum (0) and ordered bounds', () => {
    expect(ruleFindings('kserve/replicas', isvc({ predictor: model('sklearn', 's3://m', { minReplicas: 0 }), transformer: transformer({ minReplicas: 3, maxReplicas: 0 }), explainer: { containers: [server()], maxReplicas: 2 } }))).toEqual([]);
  });
});

describe('kserve/autoscaler-class', () => {
  test('rejects kpa (the Knative pod autoscaler comes with the mode)', () => {
    const f = ruleFindings('kserve/autoscaler-class', isvc({ predictor: model() }, { ...STANDARD, 'serving.kserve.io/autoscalerClass': 'kpa' }));
    expect(where(f)).toEqual([['.metadata.annotations["serving.kserve.io/autoscalerClass"]', '[kpa] is not a supported autoscaler class type']]);
    expect(f[0].fix).toContain('Knative\'s pod autoscaler comes with Knative mode');
  });

  test('accepts hpa, keda, external and none', () => {
    expect(ruleFindings('kserve/autoscaler-class', ...['hpa', 'keda', 'external', 'none'].map((c) => isvc({ predictor: model() }, { ...STANDARD, 'serving.kserve.io/autoscalerClass': c }, c)))).toEqual([]);
  });
});

describe('kserve/scale-metric', () => {
  test('Standard mode\'s HPA does not scale on concurrency', () => {
    const f = ruleFindings('kserve/scale-metric', isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'concurrency', scaleTarget: 10, maxReplicas: 3 }) }, STANDARD_HPA));
    expect(where(f)).toEqual([['.spec.predictor.scaleMetric', 'concurrency is not a metric the HPA (serving.kserve.io/autoscalerClass: hpa) scales on in Standard (raw deployment) mode (KServe: "[concurrency] is not a supported metric")']]);
    expect(f[0].fix).toContain('concurrency scaling needs Knative mode');
  });

  test('KServe picks one autoscaler per service: a cpu transformer beside the Knative pod autoscaler', () => {
    const f = ruleFindings('kserve/scale-metric', isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'concurrency' }), transformer: transformer({ scaleMetric: 'cpu', scaleTarget: 60 }) }, KNATIVE));
    expect(where(f)).toEqual([['.spec.transformer.scaleMetric', 'cpu is not a metric the Knative pod autoscaler (KPA) scales on in Knative (serverless) mode (KServe: "[cpu] is not a supported metric")']]);
    expect(f[0].fix).toContain('autoscaling.knative.dev/class: hpa.autoscaling.knative.dev');
  });

  test('targets: cpu 1–100, every HPA target at most 100, rps at least 1; KEDA takes no scaleMetric', () => {
    expect(where(ruleFindings('kserve/scale-metric', isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'memory', scaleTarget: 512 }) }, KNATIVE_HPA)))).toEqual([
      ['.spec.predictor.scaleTarget', 'is 512: the target utilization percentage should be a [1-100] integer'],
    ]);
    expect(where(ruleFindings('kserve/scale-metric', isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'rps', scaleTarget: 0 }) }, KNATIVE)))).toEqual([
      ['.spec.predictor.scaleTarget', 'is 0: the target for rps should be greater than 1'],
    ]);
    expect(where(ruleFindings('kserve/scale-metric', isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'cpu', autoScaling: prometheus }) }, STANDARD_KEDA)))[0][1]).toContain('ScaleMetric is not supported for KEDA');
  });

  test('accepts each autoscaler\'s metrics; Standard mode without an autoscalerClass annotation is not checked by the webhook', () => {
    expect(ruleFindings('kserve/scale-metric',
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'rps', scaleTarget: 100 }), transformer: transformer() }, KNATIVE, 'kpa'),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'cpu', scaleTarget: 70 }) }, KNATIVE_HPA, 'knative-hpa'),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'memory', scaleTarget: 75 }) }, STANDARD_HPA, 'hpa'),
      isvc({ predictor: model('sklearn', 's3://m', { autoScaling: prometheus }) }, STANDARD_KEDA, 'keda'),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'concurrency' }) }, STANDARD, 'unchecked'),
    )).toEqual([]);
  });
});

describe('kserve/autoscaling-metrics', () => {
  test('rejects External metrics under the HPA, and incomplete KEDA metrics', () => {
    expect(where(ruleFindings('kserve/autoscaling-metrics', isvc({ predictor: model('sklearn', 's3://m', { autoScaling: prometheus }) }, STANDARD_HPA)))).toEqual([
      ['.spec.predictor.autoScaling.metrics[0].type', 'invalid HPA metric source type with value [External], valid metric source types are Resource'],
    ]);
    const keda = (metric: Record<string, unknown>) => isvc({ predictor: model('sklearn', 's3://m', { autoScaling: { metrics: [metric] } }) }, STANDARD_KEDA);
    expect(where(ruleFindings('kserve/autoscaling-metrics',
      keda({ type: 'External', external: { metric: { backend: 'prometheus', query: '' }, target: { type: 'Value', value: '5' } } }),
      keda({ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '1' } } }),
      keda({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Ki' } } }),
    ))).toEqual([
      ['.spec.predictor.autoScaling.metrics[0].external.metric.query', 'is empty: the query should not be empty'],
      ['.spec.predictor.autoScaling.metrics[0].resource.target.type', 'is AverageValue: the cpu target value type should be Utilization'],
      ['.spec.predictor.autoScaling.metrics[0].resource.target.averageValue', 'is 512Ki: the memory target value should be greater than 1 MiB'],
    ]);
  });

  test('accepts Resource metrics under the HPA and Prometheus queries under KEDA', () => {
    expect(ruleFindings('kserve/autoscaling-metrics',
      isvc({ predictor: model('sklearn', 's3://m', { autoScaling: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] } }) }, STANDARD_HPA),
      isvc({ predictor: model('sklearn', 's3://m', { autoScaling: prometheus }) }, STANDARD_KEDA, 'keda'),
    )).toEqual([]);
  });
});

describe('kserve/scale-to-zero', () => {
  test('rejects minReplicas 0 under an HPA: Standard\'s default, and Knative\'s HPA class', () => {
    const f = ruleFindings('kserve/scale-to-zero',
      isvc({ predictor: model('sklearn', 's3://m', { minReplicas: 0 }) }, STANDARD),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'cpu' }), transformer: transformer({ minReplicas: 0 }) }, KNATIVE_HPA, 'knative'),
      graph(root, 'pets', STANDARD, { minReplicas: 0 }),
    );
    expect(where(f)).toEqual([
      ['.spec.predictor.minReplicas', 'is 0, but scale to zero is not possible with the HPA (Standard mode\'s default; no serving.kserve.io/autoscalerClass annotation) in Standard (raw deployment) mode: it keeps at least one replica'],
      ['.spec.transformer.minReplicas', 'is 0, but scale to zero is not possible with Knative\'s HPA class (autoscaling.knative.dev/class: hpa.autoscaling.knative.dev) in Knative (serverless) mode: it keeps at least one replica'],
      ['.spec.minReplicas', expect.stringContaining('scale to zero is not possible with the HPA')],
    ]);
    expect(f[0].fix).toBe('use Knative mode, or KEDA (serving.kserve.io/autoscalerClass: keda, with autoScaling.metrics), or keep at least one replica');
  });

  test('accepts scale to zero with the Knative pod autoscaler and KEDA', () => {
    expect(ruleFindings('kserve/scale-to-zero',
      isvc({ predictor: model('sklearn', 's3://m', { minReplicas: 0 }) }, KNATIVE),
      isvc({ predictor: model('sklearn', 's3://m', { minReplicas: 0, maxReplicas: 4, autoScaling: prometheus }) }, STANDARD_KEDA, 'keda'),
    )).toEqual([]);
  });
});

describe('kserve/max-replicas-for-metric', () => {
  test('rejects a Standard metric without maxReplicas, for services and graphs', () => {
    const f = ruleFindings('kserve/max-replicas-for-metric',
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'cpu', scaleTarget: 70 }) }, STANDARD_HPA),
      isvc({ predictor: model('sklearn', 's3://m', { minReplicas: 0, autoScaling: prometheus }) }, STANDARD_KEDA, 'keda'),
      graph(root, 'pets', STANDARD, { scaleMetric: 'cpu' }),
    );
    expect(where(f)).toEqual([
      ['.spec.predictor.maxReplicas', 'is not set, so KServe makes it minReplicas (1) and the cpu metric can never add a replica'],
      ['.spec.predictor.maxReplicas', 'is not set, so KServe makes it minReplicas (0) and the autoScaling metric can never add a replica (nor start one)'],
      ['.spec.maxReplicas', 'is not set, so KServe makes it minReplicas (1) and the cpu metric can never add a replica'],
    ]);
  });

  test('accepts a maximum, a fixed size without metric, and Knative (which has no such default)', () => {
    expect(ruleFindings('kserve/max-replicas-for-metric',
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'cpu', maxReplicas: 4 }) }, STANDARD_HPA),
      isvc({ predictor: model('sklearn', 's3://m', { minReplicas: 2 }) }, STANDARD_HPA, 'fixed'),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'concurrency' }) }, KNATIVE, 'knative'),
    )).toEqual([]);
  });
});

describe('kserve/keda-metrics', () => {
  test('rejects a component without its own KEDA metric', () => {
    const f = ruleFindings('kserve/keda-metrics', isvc({ predictor: model('sklearn', 's3://m', { maxReplicas: 4, autoScaling: prometheus }), transformer: transformer() }, STANDARD_KEDA));
    expect(where(f)).toEqual([['.spec.transformer', expect.stringContaining('every component needs its own KEDA metric once the InferenceService scales with KEDA')]]);
  });

  test('accepts every component with its metric', () => {
    expect(ruleFindings('kserve/keda-metrics', isvc({ predictor: model('sklearn', 's3://m', { autoScaling: prometheus }), transformer: transformer({ autoScaling: prometheus }) }, STANDARD_KEDA))).toEqual([]);
  });
});

describe('kserve/scaling-ignored', () => {
  test('rejects autoScaling in Knative mode, and what Standard\'s default HPA ignores', () => {
    const f = ruleFindings('kserve/scaling-ignored',
      isvc({ predictor: model('sklearn', 's3://m', { autoScaling: prometheus }) }, KNATIVE),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'rps', maxReplicas: 3 }), transformer: transformer({ autoScaling: prometheus }) }, STANDARD, 'standard'),
    );
    expect(where(f)).toEqual([
      ['.spec.predictor.autoScaling', 'is read by Standard mode\'s HPA and KEDA only; Knative (serverless) mode ignores it and the Knative pod autoscaler (KPA) scales on scaleMetric (concurrency)'],
      ['.spec.predictor.scaleMetric', 'rps is not a metric Standard (raw deployment) mode can scale on: its HPA (the default without serving.kserve.io/autoscalerClass) ignores it and scales on CPU'],
      ['.spec.transformer.autoScaling.metrics[0].type', 'External metrics are read by KEDA only; the HPA (Standard mode\'s default without serving.kserve.io/autoscalerClass) ignores them'],
    ]);
  });

  test('accepts what each autoscaler reads', () => {
    expect(ruleFindings('kserve/scaling-ignored',
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'concurrency' }) }, KNATIVE),
      isvc({ predictor: model('sklearn', 's3://m', { scaleMetric: 'memory', maxReplicas: 3 }) }, STANDARD, 'standard'),
      isvc({ predictor: model('sklearn', 's3://m', { autoScaling: prometheus }) }, STANDARD_KEDA, 'keda'),
    )).toEqual([]);
  });
});

describe('kserve/graph-scaling', () => {
  test('rejects inverted bounds, a metric of another autoscaler, and KEDA', () => {
    expect(where(ruleFindings('kserve/graph-scaling', graph(root, 'a', KNATIVE, { minReplicas: 3, maxReplicas: 1, scaleMetric: 'cpu' })))).toEqual([
      ['.spec.maxReplicas', 'maxReplicas 1 is less than minReplicas 3'],
      ['.spec.scaleMetric', 'cpu is not a metric the Knative pod autoscaler (KPA) scales on in Knative (serverless) mode'],
    ]);
    expect(where(ruleFindings('kserve/graph-scaling', graph(root, 'b', STANDARD, { scaleMetric: 'concurrency', maxReplicas: 2 })))[0][1]).toContain('concurrency is not a metric the HPA');
    expect(where(ruleFindings('kserve/graph-scaling', graph(root, 'c', STANDARD_KEDA)))[0][1]).toContain('KEDA cannot scale an InferenceGraph');
  });

  test('accepts concurrency under Knative and cpu under the HPA', () => {
    expect(ruleFindings('kserve/graph-scaling', graph(root, 'a', KNATIVE, { minReplicas: 0, maxReplicas: 3, scaleMetric: 'concurrency' }), graph(root, 'b', STANDARD_HPA, { maxReplicas: 2, scaleMetric: 'cpu' }))).toEqual([]);
  });
});
