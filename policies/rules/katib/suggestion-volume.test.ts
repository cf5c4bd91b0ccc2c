import { ruleFindings } from '../../../test/policy';
import { algorithm, experiment } from './fixtures';

const pbt = algorithm('pbt', { suggestion_trial_dir: '/var/log/katib/checkpoints/', n_population: '5', truncation_threshold: '0.2' });

describe('katib/suggestion-volume', () => {
  test('rejects suggestion_trial_dir without resumePolicy FromVolume', () => {
    expect(ruleFindings('katib/suggestion-volume', experiment({ algorithm: pbt, resumePolicy: 'LongRunning' }))).toEqual([expect.objectContaining({
      path: '.spec.resumePolicy',
      message: 'is LongRunning, but trials share checkpoints on the suggestion\'s volume (suggestion_trial_dir), which Katib only creates with FromVolume',
    })]);
    expect(ruleFindings('katib/suggestion-volume', experiment({ algorithm: pbt })).map((f) => f.message)).toEqual([expect.stringMatching(/^is Never, /)]);
  });

  test('accepts FromVolume, and algorithms without the setting', () => {
    expect(ruleFindings('katib/suggestion-volume', experiment({ algorithm: pbt, resumePolicy: 'FromVolume' }))).toEqual([]);
    expect(ruleFindings('katib/suggestion-volume', experiment())).toEqual([]);
  });
});
