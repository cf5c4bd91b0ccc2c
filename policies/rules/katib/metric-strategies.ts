import { asArray, asObject } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

const STRATEGIES = ['min', 'max', 'latest'];

export const metricStrategiesRule: Rule = {
  id: 'katib/metric-strategies',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Each metric strategy\'s value is min, max or latest.',
  why: 'Katib accepts any value, but passes the suggestion service an empty metric value for any other, which fails to parse it once trials report.',
  source: 'kubeflow/katib pkg/controller.v1beta1/suggestion/suggestionclient/suggestionclient.go convertTrialObservation',
  *check(e) {
    const strategies = asArray(asObject(specOf(e).objective)?.metricStrategies);
    for (const [i, s] of strategies.entries()) {
      const value = asObject(s)?.value;
      if (!STRATEGIES.includes(value as string)) {
        yield { path: `.spec.objective.metricStrategies[${i}].value`, message: `${JSON.stringify(value ?? null)} is not a metric strategy`, fix: `use one of ${STRATEGIES.join(', ')}` };
      }
    }
  },
};
