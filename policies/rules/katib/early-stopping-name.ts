import { asObject } from '../json';
import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, specOf } from './experiment';

export interface EarlyStoppingNameParams {
  /** The `runtime.earlyStoppings` of the cluster's katib-config. */
  readonly algorithms: readonly string[];
}

export const earlyStoppingNameRule: Rule<EarlyStoppingNameParams> = {
  id: 'katib/early-stopping-name',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'spec.earlyStopping, when set, names an early-stopping algorithm of katib-config.',
  why: 'Katib\'s webhook rejects an algorithm katib-config does not list; Katib v0.19 ships medianstop only. Set `algorithms` to your katib-config\'s `runtime.earlyStoppings` if it differs.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateEarlyStopping',
  defaults: { algorithms: ['medianstop'] },
  *check(e, { params }) {
    const spec = specOf(e);
    if (!asObject(spec.earlyStopping)) return;
    const name = algorithmName(spec, 'earlyStopping');
    if (name === undefined || name === '') {
      yield { path: '.spec.earlyStopping.algorithmName', message: 'is required', fix: `name the early-stopping algorithm: ${params.algorithms.join(', ')}` };
    } else if (!params.algorithms.includes(name)) {
      yield { path: '.spec.earlyStopping.algorithmName', message: `"${name}" is not an early-stopping algorithm of katib-config`, fix: `use one of ${params.algorithms.join(', ')}` };
    }
  },
};
