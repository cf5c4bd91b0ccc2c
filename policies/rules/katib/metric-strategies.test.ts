import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const objective = (metricStrategies: unknown[]) => ({ type: 'maximize', objectiveMetricName: 'accuracy', additionalMetricNames: ['loss'], metricStrategies });

describe('katib/metric-strategies', () => {
  test('rejects a strategy other than min, max or latest', () => {
    expect(ruleFindings('katib/metric-strategies', experiment({ objective: objective([{ name: 'accuracy', value: 'best' }]) }))).toEqual([expect.objectContaining({
      path: '.spec.objective.metricStrategies[0].value', message: '"best" is not a metric strategy', fix: 'use one of min, max, latest',
    })]);
  });

  test('accepts min, max and latest', () => {
    expect(ruleFindings('katib/metric-strategies', experiment({ objective: objective([{ name: 'accuracy', value: 'max' }, { name: 'loss', value: 'latest' }]) }))).toEqual([]);
  });
});
