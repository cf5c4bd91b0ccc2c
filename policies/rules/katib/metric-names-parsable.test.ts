import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const objective = { type: 'maximize', objectiveMetricName: 'val/acc', additionalMetricNames: ['top 1', 'val-loss'] };

describe('katib/metric-names-parsable', () => {
  test('rejects metric names Katib\'s default filter cannot read', () => {
    expect(ruleFindings('katib/metric-names-parsable', experiment({ objective })).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.objective.objectiveMetricName: metric "val/acc" cannot be read by Katib\'s default metrics filter, which matches names of letters, digits, "_", "|" and "-"',
      '.spec.objective.additionalMetricNames[0]: metric "top 1" cannot be read by Katib\'s default metrics filter, which matches names of letters, digits, "_", "|" and "-"',
    ]);
  });

  test('accepts such names with a filter, a JSON file or another collector, and plain names with the default filter', () => {
    for (const metricsCollectorSpec of [
      { collector: { kind: 'StdOut' }, source: { filter: { metricsFormat: ['(\\S+) = (\\S+)'] } } },
      { collector: { kind: 'File' }, source: { fileSystemPath: { path: '/m.json', kind: 'File', format: 'JSON' } } },
      { collector: { kind: 'Push' } },
    ]) expect(ruleFindings('katib/metric-names-parsable', experiment({ objective, metricsCollectorSpec }))).toEqual([]);
    expect(ruleFindings('katib/metric-names-parsable', experiment())).toEqual([]);
  });
});
