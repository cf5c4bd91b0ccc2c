import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, settingsOf, specOf } from './experiment';
import { AT_LEAST_1, checkSettings, SettingRule } from './settings';

const RULES: Readonly<Record<string, SettingRule>> = {
  min_trials_required: { parse: 'int', ...AT_LEAST_1 },
  start_step: { parse: 'int', ...AT_LEAST_1 },
};

export const medianStopSettingsRule: Rule = {
  id: 'katib/median-stop-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'medianstop early stopping takes min_trials_required and start_step, whole numbers ≥ 1, and no other settings.',
  why: 'Katib accepts the experiment, but the median-stop service rejects other settings, and the experiment fails.',
  source: 'kubeflow/katib pkg/earlystopping/v1beta1/medianstop/service.py MedianStopService.validate_medianstop_setting',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec, 'earlyStopping') !== 'medianstop') return;
    yield* checkSettings(settingsOf(spec, 'earlyStopping'), RULES, { name: 'medianstop', algorithm: 'medianstop', rejectsUnknown: true });
  },
};
