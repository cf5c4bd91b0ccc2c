import { asObject } from '../json';
import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, parametersOf, specOf, trialParametersOf } from './experiment';
import { META_KEYS, metaReference } from './placeholders';
import { NAS_ASSIGNMENTS } from './services';
import { trialTemplateOf } from './template';

export const trialParameterAssignmentsRule: Rule = {
  id: 'katib/trial-parameter-assignments',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Each value the suggestion assigns (every search parameter, or the NAS algorithm\'s outputs) has a trial parameter referencing it, a NAS experiment\'s trial parameters reference only those outputs or trial metadata, and ${trialSpec.Labels[k]} / Annotations[k] references name metadata the trial job has.',
  why: 'Katib accepts the experiment, but fails to create every trial: it substitutes the trial template from the suggestion\'s assignments and refuses an assignment without a trial parameter, a reference without an assignment, and missing trial metadata.',
  source: 'kubeflow/katib pkg/controller.v1beta1/experiment/manifest/generator.go applyParameters',
  *check(e, context) {
    const spec = specOf(e);
    const algorithm = algorithmName(spec) ?? '';
    const parameters = parametersOf(spec);
    const nas = parameters.length === 0 ? NAS_ASSIGNMENTS[algorithm] : undefined;
    const trialParameters = trialParametersOf(spec).filter((p) => p.name && p.reference);
    const referenced = new Set(trialParameters.filter((p) => !metaReference(p.reference)).map((p) => p.reference));
    if (parameters.length) {
      for (const p of parameters) {
        if (!p.name || referenced.has(p.name)) continue;
        yield {
          path: p.path,
          message: `parameter "${p.name}" is not used by the trial job: no trial parameter references it, so Katib fails to create the trials`,
          fix: `pass its ref to the trial job (e.g. args: ['--${p.name}', ${p.name}.ref]; in YAML, a trial parameter with reference "${p.name}" whose placeholder the job uses), or remove the parameter`,
        };
      }
    } else if (nas) {
      for (const out of nas.filter((o) => !referenced.has(o))) {
        yield {
          path: '.spec.trialTemplate.trialParameters',
          message: `${algorithm} assigns "${out}" to each trial, and no trial parameter references it, so Katib fails to create the trials`,
          fix: `pass it to the trial job (with the construct: the algorithm's ${camel(out)}.ref; in YAML, a trial parameter with reference "${out}" whose placeholder the job uses)`,
        };
      }
    }
    const template = trialTemplateOf(e, context)?.object;
    const meta = asObject(template?.metadata);
    for (const p of trialParameters) {
      const at = `.spec.trialTemplate.trialParameters[${p.index}].reference`;
      const m = metaReference(p.reference);
      if (!m) {
        if (nas && !nas.includes(p.reference)) {
          yield { path: at, message: `substitutes "${p.reference}", which ${algorithm} does not assign (it assigns ${nas.join(', ')})`, fix: `reference one of ${nas.join(', ')}, or trial metadata such as \${trialSpec.Name}` };
        }
        continue;
      }
      const indexed = m.key === 'Labels' || m.key === 'Annotations';
      const known = META_KEYS.includes(m.key) && !(indexed && m.index === undefined);
      if (!known) {
        // A hyperparameter experiment's webhook already rejects it as no parameter (katib/trial-parameters).
        if (!parameters.length) yield { path: at, message: `"${p.reference}" is not a reference to trial metadata`, fix: 'use ${trialSpec.Name}, .Namespace, .Kind, .APIVersion, .Labels[key] or .Annotations[key]' };
        continue;
      }
      if (indexed && m.index !== undefined && template) {
        const field = m.key === 'Labels' ? 'labels' : 'annotations';
        if (asObject(meta?.[field])?.[m.index] === undefined) {
          yield {
            path: at,
            message: `references the trial job's ${field.slice(0, -1)} "${m.index}", which the trial job does not have`,
            fix: `set the ${field.slice(0, -1)} "${m.index}" in the trial job's metadata (its ${field}), or reference another`,
          };
        }
      }
    }
  },
};

function camel(s: string): string {
  return s.replace(/[-_](\w)/g, (_m, c: string) => c.toUpperCase());
}
