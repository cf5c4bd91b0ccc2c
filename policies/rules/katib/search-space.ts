import { asArray } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

export const searchSpaceRule: Rule = {
  id: 'katib/search-space',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'An Experiment has spec.parameters or spec.nasConfig, not both.',
  why: 'Katib\'s webhook rejects an experiment with nothing to search, or with both a hyperparameter and an architecture search space.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go ValidateExperiment',
  *check(e) {
    const spec = specOf(e);
    const parameters = asArray(spec.parameters).length > 0;
    const nas = spec.nasConfig !== undefined && spec.nasConfig !== null;
    if (!parameters && !nas) {
      yield { path: '.spec.parameters', message: 'is empty and there is no nasConfig: there is nothing to search', fix: 'add parameters, e.g. { name: lr, parameterType: double, feasibleSpace: { min: "0.0001", max: "0.1" } }' };
    }
    if (parameters && nas) {
      yield { path: '.spec.nasConfig', message: 'is set together with parameters; Katib takes one or the other', fix: 'use parameters to tune hyperparameters, or nasConfig with the enas or darts algorithm to search architectures' };
    }
  },
};
