import { ruleFindings } from '../../../test/policy';
import { experiment } from './fixtures';

describe('katib/resume-policy', () => {
  test('rejects an unknown resume policy', () => {
    expect(ruleFindings('katib/resume-policy', experiment({ resumePolicy: 'Always' }))).toEqual([expect.objectContaining({
      path: '.spec.resumePolicy', message: '"Always" is not a resume policy', fix: 'use one of Never, LongRunning, FromVolume',
    })]);
  });

  test('accepts Katib\'s policies and none', () => {
    for (const resumePolicy of ['Never', 'LongRunning', 'FromVolume', undefined]) expect(ruleFindings('katib/resume-policy', experiment({ resumePolicy }))).toEqual([]);
  });
});
