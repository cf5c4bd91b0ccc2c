import { Rule, Violation } from '../rule';
import { DEFAULT_PARALLEL_TRIAL_COUNT, EXPERIMENT, specOf } from './experiment';

export const trialCountsRule: Rule = {
  id: 'katib/trial-counts',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'maxTrialCount and parallelTrialCount are > 0 and maxFailedTrialCount ≥ 0; parallelTrialCount (3 when not set) and maxFailedTrialCount are at most maxTrialCount.',
  why: 'Katib\'s webhook rejects the experiment otherwise; an unset parallelTrialCount is defaulted to 3 before the check, so maxTrialCount below 3 needs an explicit parallelTrialCount.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go ValidateExperiment',
  *check(e) {
    const spec = specOf(e);
    const count = (key: string) => (typeof spec[key] === 'number' ? (spec[key] as number) : undefined);
    const max = count('maxTrialCount');
    const parallel = count('parallelTrialCount');
    const failed = count('maxFailedTrialCount');
    const positive = (key: string, n: number | undefined, min: number): Violation[] =>
      (n !== undefined && n < min ? [{ path: `.spec.${key}`, message: `must be ${min === 0 ? '≥ 0' : '> 0'}, got ${n}`, fix: `give a count such as ${min === 0 ? 3 : 12}` }] : []);
    yield* positive('maxTrialCount', max, 1);
    yield* positive('parallelTrialCount', parallel, 1);
    yield* positive('maxFailedTrialCount', failed, 0);
    if (max === undefined) return;
    if (failed !== undefined && failed > max) {
      yield { path: '.spec.maxFailedTrialCount', message: `is ${failed}, more than maxTrialCount ${max}`, fix: `lower maxFailedTrialCount to at most ${max}` };
    }
    if (parallel !== undefined && parallel > max) {
      yield { path: '.spec.parallelTrialCount', message: `is ${parallel}, more than maxTrialCount ${max}`, fix: `lower parallelTrialCount to at most ${max}, or raise maxTrialCount` };
    } else if (parallel === undefined && DEFAULT_PARALLEL_TRIAL_COUNT > max && max > 0) {
      yield {
        path: '.spec.parallelTrialCount',
        message: `is not set, and Katib's default of ${DEFAULT_PARALLEL_TRIAL_COUNT} is more than maxTrialCount ${max}`,
        fix: `set parallelTrialCount to at most ${max}`,
      };
    }
  },
};
