import { asString } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, settingsOf, specOf } from './experiment';

export const suggestionVolumeRule: Rule = {
  id: 'katib/suggestion-volume',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'An algorithm with the suggestion_trial_dir setting (PBT) has resumePolicy FromVolume.',
  why: 'Katib mounts the suggestion\'s volume into every trial\'s primary container at suggestion_trial_dir, but creates that volume only with FromVolume: otherwise the trial pods wait forever for a claim that does not exist.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/pod/inject_webhook.go mutateSuggestionVolume; pkg/controller.v1beta1/suggestion/composer/composer.go',
  *check(e) {
    const spec = specOf(e);
    const dir = settingsOf(spec).find((s) => s.name === 'suggestion_trial_dir' && s.value !== '');
    const policy = asString(spec.resumePolicy) || 'Never';
    if (!dir || policy === 'FromVolume') return;
    yield {
      path: '.spec.resumePolicy',
      message: `is ${policy}, but trials share checkpoints on the suggestion's volume (suggestion_trial_dir), which Katib only creates with FromVolume`,
      fix: 'use resumePolicy FromVolume (the construct\'s default with PBT)',
    };
  },
};
