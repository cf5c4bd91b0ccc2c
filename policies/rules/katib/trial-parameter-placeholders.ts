import { Rule } from '../rule';
import { EXPERIMENT, specOf, trialParametersOf } from './experiment';
import { placeholder, PLACEHOLDERS } from './placeholders';
import { trialTemplateOf } from './template';

export const trialParameterPlaceholdersRule: Rule = {
  id: 'katib/trial-parameter-placeholders',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Every trial parameter appears in the trial template as ${trialParameters.<name>}, and every such placeholder is a declared trial parameter (a ConfigMap template is checked when the ConfigMap is one of the objects).',
  why: 'Katib\'s webhook rejects the experiment otherwise: an unused trial parameter is tuned to no effect, an undeclared placeholder would reach the trial job unreplaced.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateTrialTemplate',
  *check(e, context) {
    const template = trialTemplateOf(e, context);
    if (!template) return;
    const trialParameters = trialParametersOf(specOf(e)).filter((p) => p.name);
    let text = template.text;
    const seen = new Set<string>();
    for (const p of trialParameters) {
      if (seen.has(p.name) || /[{}]/.test(p.name)) continue;
      seen.add(p.name);
      const ph = placeholder(p.name);
      if (!text.includes(ph)) {
        yield {
          path: `.spec.trialTemplate.trialParameters[${p.index}].name`,
          message: `"${p.name}" is not used by the trial job: the template has no ${ph}`,
          fix: `put ${ph} where the value goes in the trial job (e.g. args: ['--${p.name}', '${ph}']), or remove the trial parameter`,
        };
      }
      text = text.split(ph).join('test-value');
    }
    const undeclared = [...new Set(text.match(PLACEHOLDERS) ?? [])];
    const declared = [...seen];
    for (const ph of undeclared) {
      const name = ph.slice('${trialParameters.'.length, -1);
      yield {
        path: template.path,
        message: `the trial job uses ${ph}, but "${name}" is not declared`,
        fix: `declare "${name}" in trialTemplate.trialParameters (a construct declares each search parameter whose ref the job uses)${declared.length ? `, or use a declared one (${declared.join(', ')})` : ''}`,
      };
    }
  },
};
