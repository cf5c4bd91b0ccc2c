import { asObject, asString, Json, path } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';
import { trialTemplateOf } from './template';

export const primaryContainerRule: Rule = {
  id: 'katib/primary-container',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Every pod template of the trial job has a container named primaryContainerName.',
  why: 'Katib\'s pod webhook adds the trial\'s name to the primary container of every pod of a trial\'s job and rejects a pod without it, so the trial job never gets its pods.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/pod/utils.go mutatePodEnv (and wrapWorkerContainer), called by SidecarInjector.Mutate in inject_webhook.go',
  *check(e, context) {
    const name = asString(asObject(specOf(e).trialTemplate)?.primaryContainerName);
    const template = trialTemplateOf(e, context);
    // A TrainJob's pods come from its runtime: its podTemplateOverrides are partial and name other steps' containers.
    if (!name || !template?.object || asString(template.object.apiVersion)?.startsWith('trainer.kubeflow.org/')) return;
    const pods = podSpecs(template.object, template.path.endsWith('trialSpec') ? template.path : '');
    const lacking = pods.filter((p) => !p.names.includes(name));
    if (!lacking.length) return;
    const all = [...new Set(pods.flatMap((p) => p.names))];
    if (lacking.length === pods.length) {
      yield {
        path: '.spec.trialTemplate.primaryContainerName',
        message: `no container of the trial job is named "${name}" (it has ${all.join(', ') || 'none'})`,
        fix: 'name the container that trains; Katib\'s webhook fails to create pods without it',
      };
      return;
    }
    for (const p of lacking) {
      yield {
        path: p.path || '.spec.trialTemplate.primaryContainerName',
        message: `this pod template of the trial job has no container "${name}" (it has ${p.names.join(', ')}), and Katib's pod webhook rejects every pod of the job without it`,
        fix: `name the training container of every replica "${name}"`,
      };
    }
  },
};

/** Every pod spec (an object with `containers`) in a job, with its path under `base` (empty: no path). */
function podSpecs(value: unknown, base: string): Array<{ readonly path: string; readonly names: string[] }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => podSpecs(v, base && `${base}[${i}]`));
  const o = asObject(value);
  if (!o) return [];
  if (Array.isArray(o.containers)) return [{ path: base && `${base}.containers`, names: o.containers.map((c) => asString((c as Json)?.name) ?? '') }];
  return Object.entries(o).flatMap(([k, v]) => podSpecs(v, base && `${base}${path(k)}`));
}
