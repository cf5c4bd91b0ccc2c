import { Rule } from '../rule';
import { EXPERIMENT, parametersOf, specOf, trialParametersOf } from './experiment';
import { isMetaKey } from './placeholders';

export const trialParametersRule: Rule = {
  id: 'katib/trial-parameters',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Each trial parameter has a name without "{" or "}" and a reference, names and references are unique, and each reference is a search parameter or trial metadata (${trialSpec.Name}, …).',
  why: 'Katib\'s webhook rejects the experiment otherwise: the reference says which value replaces ${trialParameters.<name>} in the template.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateTrialTemplate',
  *check(e) {
    const spec = specOf(e);
    const parameters = parametersOf(spec).map((p) => p.name);
    const names = new Map<string, number>();
    const references = new Map<string, string>();
    for (const p of trialParametersOf(spec)) {
      const at = `.spec.trialTemplate.trialParameters[${p.index}]`;
      if (!p.name || !p.reference || /[{}]/.test(p.name)) {
        yield {
          path: at,
          message: !p.reference && p.name && !/[{}]/.test(p.name) ? `trial parameter "${p.name}" has no reference` : `a trial parameter name must not be empty or contain "{" or "}"${p.name ? ` ("${p.name}")` : ''}`,
          fix: p.name && !/[{}]/.test(p.name) ? 'give the search parameter (or ${trialSpec.<key>}) it substitutes as reference' : 'rename it',
        };
        continue;
      }
      if (names.has(p.name)) {
        yield { path: `${at}.name`, message: `trial parameter "${p.name}" is listed twice (also at index ${names.get(p.name)})`, fix: 'list each trial parameter once' };
        continue;
      }
      if (references.has(p.reference)) {
        yield { path: `${at}.reference`, message: `substitutes the same value (${p.reference}) as "${references.get(p.reference)}"`, fix: 'map each value to one name' };
        continue;
      }
      names.set(p.name, p.index);
      references.set(p.reference, p.name);
      // The webhook checks references only against a hyperparameter search space (not NAS).
      if (parameters.length && !isMetaKey(p.reference) && !parameters.includes(p.reference)) {
        yield {
          path: `${at}.reference`,
          message: `substitutes "${p.reference}", which is not a parameter of the experiment`,
          fix: `reference one of the experiment's parameters (${parameters.join(', ')}) or trial metadata such as \${trialSpec.Name}`,
        };
      }
    }
  },
};
