import { asObject, asString } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

/** The kinds whose conditions Katib's mutating webhook fills in (setDefaultTrialTemplate: Job and KubeflowJobKinds, by kind only). */
const DEFAULTED_KINDS = ['Job', 'TFJob', 'PyTorchJob', 'XGBoostJob', 'MPIJob', 'TrainJob'];

export const trialTemplateRule: Rule = {
  id: 'katib/trial-template',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'The trial template has a primaryContainerName, trialParameters, exactly one of trialSpec and configMap (with name, namespace and templatePath), and success and failure conditions unless Katib defaults them (a trialSpec of kind Job, TFJob, PyTorchJob, XGBoostJob, MPIJob or TrainJob).',
  why: 'Katib\'s webhook rejects the experiment otherwise: without conditions it cannot tell when a trial ends, without the primary container where its metrics come from.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateTrialTemplate; setDefaultTrialTemplate in pkg/apis/controller/experiments/v1beta1/experiment_defaults.go',
  *check(e) {
    const t = asObject(specOf(e).trialTemplate);
    if (!t) {
      yield { path: '.spec.trialTemplate', message: 'is required', fix: 'give the job each trial runs: trialSpec (or configMap), primaryContainerName and trialParameters' };
      return;
    }
    if (!asString(t.primaryContainerName)) {
      yield { path: '.spec.trialTemplate.primaryContainerName', message: 'is required', fix: 'name the container that trains (Katib collects its metrics)' };
    }
    const trialSpec = asObject(t.trialSpec);
    const kind = asString(trialSpec?.kind);
    const defaulted = trialSpec !== undefined && kind !== undefined && DEFAULTED_KINDS.includes(kind);
    for (const key of ['successCondition', 'failureCondition']) {
      if (!asString(t[key]) && !defaulted) {
        yield {
          path: `.spec.trialTemplate.${key}`,
          message: `is required: Katib has no default ${key} for ${trialSpec ? `a ${kind ?? 'trialSpec without kind'}` : 'a ConfigMap template'}`,
          fix: `give a gjson path into the job's status that is non-empty once it ${key === 'successCondition' ? 'succeeded' : 'failed'}, e.g. status.conditions.#(type=="${key === 'successCondition' ? 'Complete' : 'Failed'}")#|#(status=="True")#`,
        };
      }
    }
    if (t.trialParameters === undefined || t.trialParameters === null) {
      yield { path: '.spec.trialTemplate.trialParameters', message: 'is required', fix: 'declare each ${trialParameters.<name>} of the template: [{ name, reference }]' };
      return;
    }
    const hasConfigMap = t.configMap !== undefined && t.configMap !== null;
    if (!trialSpec && !hasConfigMap) {
      yield { path: '.spec.trialTemplate', message: 'has neither trialSpec nor configMap', fix: 'give the trial job as trialSpec, or a configMap that holds it' };
      return;
    }
    if (trialSpec && hasConfigMap) {
      yield { path: '.spec.trialTemplate.configMap', message: 'is set together with trialSpec; Katib takes one or the other', fix: 'remove configMap, or trialSpec' };
      return;
    }
    const cm = asObject(t.configMap);
    if (cm) {
      for (const key of ['configMapName', 'configMapNamespace', 'templatePath']) {
        if (!asString(cm[key])) yield { path: `.spec.trialTemplate.configMap.${key}`, message: 'is required', fix: 'give configMapName, configMapNamespace and templatePath' };
      }
    }
  },
};
