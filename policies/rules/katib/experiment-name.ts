import { Rule } from '../rule';
import { EXPERIMENT } from './experiment';

/** validateExperiment's name check in validator.go (the pattern is matched at the start only). */
const MAX = 40;

export const experimentNameRule: Rule = {
  id: 'katib/experiment-name',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'An Experiment\'s name starts with a lowercase letter and has at most 40 characters.',
  why: 'Katib\'s webhook rejects other names: Katib derives the names of the suggestion\'s Deployment and Service and of every trial and its job from it.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go ValidateExperiment',
  *check(e) {
    const name = e.metadata?.name;
    if (name === undefined) return;
    if (!/^[a-z]/.test(name)) {
      yield { path: '.metadata.name', message: `"${name}" does not start with a lowercase letter`, fix: 'use a DNS-1035 label: lowercase letters, digits and "-", starting with a letter' };
    }
    if (name.length > MAX) {
      yield { path: '.metadata.name', message: `"${name}" has ${name.length} characters, and at most ${MAX} are allowed`, fix: `shorten the name to at most ${MAX} characters, e.g. "${name.slice(0, MAX).replace(/-+$/, '')}"` };
    }
  },
};
