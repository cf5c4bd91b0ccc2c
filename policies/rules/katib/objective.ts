import { asArray, asObject, asString } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

export const objectiveRule: Rule = {
  id: 'katib/objective',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'The objective is set, its type is minimize or maximize, it names its metric, and additionalMetricNames does not repeat that metric.',
  why: 'Katib\'s webhook rejects the experiment otherwise (and checks nothing else of it when the objective is wrong).',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateObjective',
  *check(e) {
    const o = asObject(specOf(e).objective);
    if (!o) {
      yield { path: '.spec.objective', message: 'is required', fix: 'give the metric to optimize: { type: maximize, objectiveMetricName: accuracy }' };
      return;
    }
    const type = asString(o.type);
    if (type !== 'minimize' && type !== 'maximize') {
      yield { path: '.spec.objective.type', message: type === undefined ? 'is required' : `"${type}" is not minimize or maximize`, fix: 'use minimize or maximize' };
    }
    const name = asString(o.objectiveMetricName) ?? '';
    if (name === '') {
      yield { path: '.spec.objective.objectiveMetricName', message: 'the objective metric name is empty', fix: 'name the metric the training code reports, e.g. "accuracy"' };
      return;
    }
    const additional = asArray(o.additionalMetricNames);
    const i = additional.indexOf(name);
    if (i !== -1) {
      yield { path: `.spec.objective.additionalMetricNames[${i}]`, message: `"${name}" is the objective metric`, fix: 'remove it from additionalMetricNames: the objective metric is always collected' };
    }
  },
};
