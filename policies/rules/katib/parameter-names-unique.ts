import { Rule } from '../rule';
import { EXPERIMENT, parametersOf, specOf } from './experiment';

export const parameterNamesUniqueRule: Rule = {
  id: 'katib/parameter-names-unique',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Search parameters have distinct names.',
  why: 'Katib accepts duplicates, but the goptuna service rejects them, and with the others each trial gets two assignments of one name for one trial parameter, so Katib fails to create the trials.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/goptuna/service.go ValidateAlgorithmSettings; pkg/controller.v1beta1/experiment/manifest/generator.go applyParameters',
  *check(e) {
    const seen = new Set<string>();
    for (const p of parametersOf(specOf(e))) {
      if (seen.has(p.name)) yield { path: `${p.path}.name`, message: `parameter "${p.name}" is listed twice`, fix: 'give each parameter its own name' };
      seen.add(p.name);
    }
  },
};
