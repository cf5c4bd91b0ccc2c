import { ruleFindings } from '../../../test/policy';
import { RULES, runPolicies } from '../index';
import { experiment } from './fixtures';

const prometheus = experiment({ metricsCollectorSpec: { collector: { kind: 'PrometheusMetric' } } });

describe('katib/metrics-collector-configured', () => {
  test('rejects PrometheusMetric, for which Katib\'s katib-config has no collector image', () => {
    expect(ruleFindings('katib/metrics-collector-configured', prometheus)).toEqual([expect.objectContaining({
      path: '.spec.metricsCollectorSpec.collector.kind',
      message: 'is PrometheusMetric, for which katib-config has no collector image (Katib ships none), so Katib\'s webhook rejects the experiment',
    })]);
  });

  test('accepts the kinds katib-config has images for, Custom and Push, and PrometheusMetric when configured', () => {
    for (const kind of ['StdOut', 'File', 'TensorFlowEvent', 'Custom', 'Push']) {
      expect(ruleFindings('katib/metrics-collector-configured', experiment({ metricsCollectorSpec: { collector: { kind } } }))).toEqual([]);
    }
    const rules = RULES.filter((r) => r.id === 'katib/metrics-collector-configured');
    const config = { rules: { 'katib/metrics-collector-configured': { params: { collectors: ['StdOut', 'PrometheusMetric'] } } } };
    expect(runPolicies([{ object: prometheus }], { rules, config }).findings).toEqual([]);
  });
});
