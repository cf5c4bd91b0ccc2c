import { constructError, testStack } from '../../test/util';
import { Metric, MetricStrategy, ObjectiveType } from './objective';

describe('Metric', () => {
  test('fills in Katib\'s default strategies: max for every metric when maximizing, min when minimizing', () => {
    expect(Metric.maximize('accuracy', { goal: 0.99, additionalMetrics: ['loss'] })._render()).toEqual({
      type: ObjectiveType.MAXIMIZE, goal: 0.99, objectiveMetricName: 'accuracy', additionalMetricNames: ['loss'],
      metricStrategies: [{ name: 'accuracy', value: 'max' }, { name: 'loss', value: 'max' }],
    });
    expect(Metric.minimize('loss', { additionalMetrics: ['accuracy'], metricStrategies: { accuracy: MetricStrategy.LATEST } })._render().metricStrategies)
      .toEqual([{ name: 'loss', value: 'min' }, { name: 'accuracy', value: 'latest' }]);
  });

  test.each<[Metric, string, string]>([
    [Metric.maximize(''), 'objective.name', 'empty'],
    [Metric.maximize('acc', { additionalMetrics: ['loss', 'loss'] }), 'objective.additionalMetrics', 'listed twice'],
    [Metric.maximize('acc', { metricStrategies: { f1: MetricStrategy.MAX } }), 'objective.metricStrategies.f1', 'neither the objective metric nor an additional metric'],
    [Metric.minimize('loss', { goal: NaN }), 'objective.goal', 'finite number'],
    [Metric.minimize('loss', { goal: 0.1, metricStrategies: { loss: MetricStrategy.MAX } }), 'objective.metricStrategies.loss', 'worst value'],
  ])('rejects %#', (metric, field, problem) => {
    const e = constructError(() => metric._validate(testStack(), 'objective'));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('latest is fine in either direction', () => {
    expect(() => Metric.maximize('acc', { goal: 0.9, metricStrategies: { acc: MetricStrategy.LATEST } })._validate(testStack(), 'objective')).not.toThrow();
  });
});
