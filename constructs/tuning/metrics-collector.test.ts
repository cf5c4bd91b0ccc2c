import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack, testTenant } from '../../test/util';
import { collectWarnings, Cpu, EnvValue, Stack } from '../core';
import { Algorithm } from './algorithm';
import { EarlyStopping } from './early-stopping';
import { Experiment } from './experiment';
import { MetricsCollector, MetricsFormat } from './metrics-collector';
import { Metric } from './objective';
import { SearchSpace } from './search-space';
import { TrialTemplate } from './trial-template';

function collect(metricsCollector: MetricsCollector, objective = Metric.maximize('accuracy'), stack = testStack()) {
  const lr = SearchSpace.double('lr', { min: 0.01, max: 0.1 });
  new Experiment(stack, 'Tune', {
    tenant: testTenant(stack),
    objective,
    algorithm: Algorithm.random(),
    parameters: [lr],
    maxTrialCount: 4,
    metricsCollector,
    trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/example/train:1.0.0', command: ['python', 'train.py', `--lr=${lr.ref}`] }),
  });
  return stack;
}

describe('MetricsCollector', () => {
  test.each<[string, MetricsCollector, unknown]>([
    ['StdOut', MetricsCollector.stdOut(), { collector: { kind: 'StdOut' } }],
    ['StdOut with a filter', MetricsCollector.stdOut({ filter: ['([\\w-]+)=([+-]?\\d+(\\.\\d+)?)'] }),
      { collector: { kind: 'StdOut' }, source: { filter: { metricsFormat: ['([\\w-]+)=([+-]?\\d+(\\.\\d+)?)'] } } }],
    ['File (defaults)', MetricsCollector.file(),
      { collector: { kind: 'File' }, source: { fileSystemPath: { path: '/var/log/katib/metrics.log', kind: 'File', format: 'TEXT' } } }],
    ['File JSON', MetricsCollector.file({ path: '/katib/metrics.json', format: MetricsFormat.JSON }),
      { collector: { kind: 'File' }, source: { fileSystemPath: { path: '/katib/metrics.json', kind: 'File', format: 'JSON' } } }],
    ['TensorFlowEvent', MetricsCollector.tensorFlowEvent({ directory: '/logs/train' }),
      { collector: { kind: 'TensorFlowEvent' }, source: { fileSystemPath: { path: '/logs/train', kind: 'Directory' } } }],
    ['PrometheusMetric', MetricsCollector.prometheus(), { collector: { kind: 'PrometheusMetric' }, source: { httpGet: { port: 8080, path: '/metrics' } } }],
    ['Push', MetricsCollector.push(), { collector: { kind: 'Push' } }],
    ['None (renamed Push by Katib)', MetricsCollector.none(), { collector: { kind: 'Push' } }],
  ])('%s renders and validates', (_name, collector, expected) => {
    const stack = collect(collector);
    expect(manifest(stack, 'Experiment').spec.metricsCollectorSpec).toEqual(expected);
    expectSchemaValid(stack);
  });

  test('Custom: the sidecar container and the shared path', () => {
    const stack = collect(MetricsCollector.custom({
      container: {
        image: 'ghcr.io/example/metrics-collector:1.0.0',
        args: ['-m', 'accuracy', '-path', '/katib/mnist.log'],
        env: { TRIAL: EnvValue.fromFieldPath('metadata.name') },
        resources: { cpu: { request: Cpu.millis(50) } },
      },
      path: '/katib/mnist.log',
    }));
    const mc = manifest(stack, 'Experiment').spec.metricsCollectorSpec;
    expect(mc.source).toEqual({ fileSystemPath: { path: '/katib/mnist.log', kind: 'File' } });
    expect(mc.collector.kind).toBe('Custom');
    expect(mc.collector.customCollector).toMatchObject({ name: 'custom-metrics-logger-and-collector', image: 'ghcr.io/example/metrics-collector:1.0.0' });
    expectSchemaValid(stack);
  });

  test('PrometheusMetric, for which Katib ships no collector image, and a filter on a JSON file are the katib/* rules\' at synth', () => {
    const findings = (stack: Stack) => policyFindings(stack, 'katib/').map((f) => `${f.rule} ${f.construct} ${f.path}: ${f.message}`);
    expect(findings(collect(MetricsCollector.prometheus()))).toEqual([
      'katib/metrics-collector-configured test/Tune .spec.metricsCollectorSpec.collector.kind: is PrometheusMetric, for which katib-config has no collector image (Katib ships none), so Katib\'s webhook rejects the experiment',
    ]);
    expect(findings(collect(MetricsCollector.file({ format: MetricsFormat.JSON, filter: ['(a)(b)'] })))).toEqual([
      'katib/metrics-collector test/Tune .spec.metricsCollectorSpec.source.filter: is set for a JSON metrics file, which Katib parses without a filter',
    ]);
    expect(collectWarnings(collect(MetricsCollector.prometheus()))).toEqual([]);
  });

  test('a stack whose katib-config has a Prometheus collector says so in its policy configuration', () => {
    const policies = { rules: { 'katib/metrics-collector-configured': { params: { collectors: ['StdOut', 'File', 'TensorFlowEvent', 'PrometheusMetric'] } } } };
    const stack = collect(MetricsCollector.prometheus(), undefined, testStack({ namespace: 'team', policies }));
    expect(policyFindings(stack, 'katib/')).toEqual([]);
  });

  test('only StdOut and File support early stopping', () => {
    expect([MetricsCollector.stdOut(), MetricsCollector.file(), MetricsCollector.tensorFlowEvent(), MetricsCollector.prometheus(), MetricsCollector.push()]
      .map((c) => c.supportsEarlyStopping)).toEqual([true, true, false, false, false]);
  });

  test('early stopping with a file collector is accepted', () => {
    const stack = testStack();
    const lr = SearchSpace.double('lr', { min: 0.01, max: 0.1 });
    new Experiment(stack, 'Tune', {
      objective: Metric.maximize('accuracy'),
      algorithm: Algorithm.random(),
      parameters: [lr],
      maxTrialCount: 4,
      earlyStopping: EarlyStopping.medianStop(),
      metricsCollector: MetricsCollector.file({ path: '/katib/metrics.log' }),
      trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/example/train:1.0.0', command: ['python', 'train.py', `--lr=${lr.ref}`] }),
    });
    expect(manifest(stack, 'Experiment').spec.earlyStopping).toEqual({ algorithmName: 'medianstop' });
  });

  test.each<[string, () => MetricsCollector, string, string]>([
    ['relative file path', () => MetricsCollector.file({ path: 'metrics.log' }), 'metricsCollector.path', 'not an absolute path'],
    ['relative event directory', () => MetricsCollector.tensorFlowEvent({ directory: 'logs' }), 'metricsCollector.directory', 'not an absolute path'],
    ['filter with one group', () => MetricsCollector.stdOut({ filter: ['accuracy=(\\d+)'] }), 'metricsCollector.filter', 'needs two groups'],
    ['filter that does not compile', () => MetricsCollector.stdOut({ filter: ['(a)(b'] }), 'metricsCollector.filter', 'not a valid regular expression'],
    ['prometheus port 0', () => MetricsCollector.prometheus({ port: 0 }), 'metricsCollector.port', 'out of range'],
    ['prometheus path', () => MetricsCollector.prometheus({ path: 'metrics' }), 'metricsCollector.path', 'must start with "/"'],
    ['custom container image', () => MetricsCollector.custom({ container: { image: 'Not An Image' } }), 'metricsCollector.container.image', 'not a valid image reference'],
  ])('rejects %s', (_name, make, field, problem) => {
    const e = constructError(() => collect(make()));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
