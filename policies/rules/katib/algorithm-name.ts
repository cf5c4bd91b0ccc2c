import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, specOf } from './experiment';
import { KATIB_ALGORITHMS } from './services';

export interface AlgorithmNameParams {
  /** The `runtime.suggestions` of the cluster's katib-config. */
  readonly algorithms: readonly string[];
}

export const algorithmNameRule: Rule<AlgorithmNameParams> = {
  id: 'katib/algorithm-name',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'spec.algorithm.algorithmName is one of the algorithms katib-config has a suggestion service for.',
  why: 'Katib\'s webhook rejects an algorithm katib-config does not list ("unable to get Suggestion config data"). Set `algorithms` to your katib-config\'s `runtime.suggestions` if it differs from Katib\'s.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateAlgorithm',
  defaults: { algorithms: KATIB_ALGORITHMS },
  *check(e, { params }) {
    const name = algorithmName(specOf(e));
    if (name === undefined || name === '') {
      yield { path: '.spec.algorithm.algorithmName', message: 'is required', fix: `name the search algorithm: ${params.algorithms.join(', ')}` };
    } else if (!params.algorithms.includes(name)) {
      yield { path: '.spec.algorithm.algorithmName', message: `"${name}" is not an algorithm of katib-config`, fix: `use one of ${params.algorithms.join(', ')} (or add its suggestion service to katib-config's runtime.suggestions)` };
    }
  },
};
