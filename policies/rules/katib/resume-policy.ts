import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

const POLICIES = ['Never', 'LongRunning', 'FromVolume'];

export const resumePolicyRule: Rule = {
  id: 'katib/resume-policy',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'spec.resumePolicy is Never, LongRunning or FromVolume.',
  why: 'Katib\'s webhook rejects any other value ("invalid ResumePolicyType").',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateResumePolicy',
  *check(e) {
    const policy = specOf(e).resumePolicy;
    if (policy === undefined || policy === '' || POLICIES.includes(policy as string)) return;
    yield { path: '.spec.resumePolicy', message: `${JSON.stringify(policy)} is not a resume policy`, fix: `use one of ${POLICIES.join(', ')}` };
  },
};
