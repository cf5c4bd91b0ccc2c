import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const check = (objective: unknown) => ruleFindings('katib/objective', experiment({ objective })).map((f) => `${f.path}: ${f.message}`);

describe('katib/objective', () => {
  test('rejects a missing objective, an unknown type, an empty metric name and the objective metric among the additional ones', () => {
    expect(check(undefined)).toEqual(['.spec.objective: is required']);
    expect(check({ type: 'max', objectiveMetricName: '' })).toEqual([
      '.spec.objective.type: "max" is not minimize or maximize', '.spec.objective.objectiveMetricName: the objective metric name is empty',
    ]);
    expect(check({ type: 'maximize', objectiveMetricName: 'accuracy', additionalMetricNames: ['loss', 'accuracy'] })).toEqual([
      '.spec.objective.additionalMetricNames[1]: "accuracy" is the objective metric',
    ]);
  });

  test('accepts an objective with other additional metrics', () => {
    expect(check({ type: 'minimize', objectiveMetricName: 'loss', additionalMetricNames: ['accuracy'], goal: 0.1 })).toEqual([]);
  });
});
