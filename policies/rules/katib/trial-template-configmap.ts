import { asObject } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT } from './experiment';
import { configMapOf, configMapRefOf } from './template';

export const trialTemplateConfigMapRule: Rule = {
  id: 'katib/trial-template-configmap',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'When the ConfigMap of a trial template is one of the objects, it has the templatePath key (a ConfigMap not among them may exist in the cluster and is not reported).',
  why: 'Katib\'s webhook reads the template from the ConfigMap and rejects the experiment when the key is missing ("unable to find trial template in ConfigMap").',
  source: 'kubeflow/katib pkg/controller.v1beta1/experiment/manifest/generator.go GetTrialTemplate (called by validateTrialTemplate)',
  *check(e, context) {
    const ref = configMapRefOf(e);
    if (!ref || !ref.key) return;
    const cm = configMapOf(ref, context);
    if (!cm) return;
    const keys = Object.keys(asObject(cm.data) ?? {});
    if (!keys.includes(ref.key)) {
      yield {
        path: '.spec.trialTemplate.configMap.templatePath',
        message: `ConfigMap ${ref.namespace}/${ref.name} has no key "${ref.key}"${keys.length ? ` (it has ${keys.join(', ')})` : ' (its data is empty)'}`,
        fix: keys.length ? `use one of its keys as templatePath, or add "${ref.key}" to the ConfigMap's data` : `add the trial job's YAML to the ConfigMap's data under "${ref.key}"`,
      };
    }
  },
};
