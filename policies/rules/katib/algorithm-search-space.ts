import { asArray } from '../json';
import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, specOf } from './experiment';
import { KATIB_ALGORITHMS, NAS_ASSIGNMENTS } from './services';

export const algorithmSearchSpaceRule: Rule = {
  id: 'katib/algorithm-search-space',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'The architecture-search algorithms (enas, darts) search spec.nasConfig; the others search spec.parameters.',
  why: 'Katib accepts either search space with any algorithm, but a suggestion service reads only its own: ENAS rejects an experiment without nasConfig, DARTS and the hyperparameter services suggest nothing useful from the other.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/nas/enas/service.py ValidateAlgorithmSettings; nas/darts/service.py get_search_space; internal/search_space.py HyperParameterSearchSpace.convert',
  *check(e) {
    const spec = specOf(e);
    const name = algorithmName(spec) ?? '';
    if (!KATIB_ALGORITHMS.includes(name)) return;
    const parameters = asArray(spec.parameters).length > 0;
    const nas = spec.nasConfig !== undefined && spec.nasConfig !== null;
    if (NAS_ASSIGNMENTS[name]) {
      if (parameters) yield { path: '.spec.parameters', message: `are set, but ${name} searches architectures, not parameters`, fix: 'describe the search space in nasConfig and remove parameters' };
      else if (!nas) yield { path: '.spec.nasConfig', message: `is required by ${name}`, fix: 'describe the network: nasConfig: { graphConfig: { numLayers, inputSizes, outputSizes }, operations: [...] }' };
    } else if (nas && !parameters) {
      yield { path: '.spec.nasConfig', message: `is set, but ${name} tunes parameters, not architectures`, fix: 'use the enas or darts algorithm for architecture search, or tune parameters' };
    }
  },
};
