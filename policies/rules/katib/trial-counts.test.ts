import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

const check = (spec: Record<string, unknown>) => ruleFindings('katib/trial-counts', experiment(spec)).map((f) => `${f.path}: ${f.message}`);

describe('katib/trial-counts', () => {
  test('rejects counts out of range and parallel or failed counts above maxTrialCount', () => {
    expect(check({ maxTrialCount: 0, parallelTrialCount: 0, maxFailedTrialCount: -1 })).toEqual([
      '.spec.maxTrialCount: must be > 0, got 0', '.spec.parallelTrialCount: must be > 0, got 0', '.spec.maxFailedTrialCount: must be ≥ 0, got -1',
    ]);
    expect(check({ maxTrialCount: 4, parallelTrialCount: 5, maxFailedTrialCount: 5 })).toEqual([
      '.spec.maxFailedTrialCount: is 5, more than maxTrialCount 4', '.spec.parallelTrialCount: is 5, more than maxTrialCount 4',
    ]);
  });

  test('an unset parallelTrialCount is Katib\'s 3, checked against maxTrialCount', () => {
    expect(check({ maxTrialCount: 2, parallelTrialCount: undefined })).toEqual([
      '.spec.parallelTrialCount: is not set, and Katib\'s default of 3 is more than maxTrialCount 2',
    ]);
  });

  test('accepts counts within maxTrialCount, and no maxTrialCount at all', () => {
    expect(check({ maxTrialCount: 3, parallelTrialCount: undefined, maxFailedTrialCount: 3 })).toEqual([]);
    expect(check({ maxTrialCount: undefined, parallelTrialCount: 10 })).toEqual([]);
  });
});
