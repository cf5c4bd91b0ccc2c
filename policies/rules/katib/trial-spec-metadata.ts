import { asObject, asString } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT } from './experiment';
import { trialTemplateOf } from './template';

export const trialSpecMetadataRule: Rule = {
  id: 'katib/trial-spec-metadata',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'The trial template is an object with apiVersion and kind, and without metadata.name and metadata.namespace (a ConfigMap template is checked when the ConfigMap is one of the objects).',
  why: 'Katib\'s webhook rejects the experiment otherwise: Katib names each trial\'s job after the trial and runs it in the experiment\'s namespace.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateTrialTemplate',
  *check(e, context) {
    const template = trialTemplateOf(e, context);
    if (!template) return;
    const job = template.object;
    if (!job) {
      yield { path: template.path, message: 'the template in the ConfigMap is not a YAML object', fix: 'store the trial job as YAML (apiVersion, kind, spec) under templatePath' };
      return;
    }
    const meta = asObject(job.metadata);
    for (const key of ['name', 'namespace']) {
      if (meta?.[key] !== undefined && meta[key] !== '') {
        yield { path: `${template.path}${template.path.endsWith('trialSpec') ? `.metadata.${key}` : ''}`, message: `the trial job sets metadata.${key} (${JSON.stringify(meta[key])})`, fix: `remove metadata.${key}: Katib names each trial's job after the trial, in the experiment's namespace` };
      }
    }
    if (!asString(job.apiVersion) || !asString(job.kind)) {
      yield { path: template.path, message: 'the trial job has no apiVersion or kind', fix: 'give the job\'s apiVersion and kind, e.g. batch/v1 Job' };
    }
  },
};
