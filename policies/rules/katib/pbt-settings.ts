import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, parametersOf, settingsOf, specOf } from './experiment';
import { checkSettings, SettingRule } from './settings';

const REQUIRED = ['suggestion_trial_dir', 'n_population', 'truncation_threshold'];
const RULES: Readonly<Record<string, SettingRule>> = {
  n_population: { parse: 'int', range: '≥ 5', ok: (n) => n >= 5 },
  truncation_threshold: { parse: 'float', range: 'in [0, 1]', ok: (n) => n >= 0 && n <= 1 },
};

export const pbtSettingsRule: Rule = {
  id: 'katib/pbt-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'pbt has suggestion_trial_dir, n_population (an int ≥ 5) and truncation_threshold (in [0, 1]), no resample_probability, and a step on every double parameter.',
  why: 'Katib accepts the experiment, but the PBT suggestion service rejects missing or invalid settings, fails on resample_probability (v0.19 compares its text with numbers), and cannot sample a double without step (it samples min, min + step, …, max).',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/pbt/service.py PbtService.ValidateAlgorithmSettings and HyperParameterSampler',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec) !== 'pbt') return;
    const settings = settingsOf(spec);
    const missing = REQUIRED.filter((r) => !settings.some((s) => s.name === r));
    if (missing.length) yield { path: '.spec.algorithm.algorithmSettings', message: `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required by pbt`, fix: `add ${missing.join(', ')}, e.g. suggestion_trial_dir "/var/log/katib/checkpoints/", n_population "40", truncation_threshold "0.2"` };
    yield* checkSettings(settings, RULES, { name: 'pbt', algorithm: 'pbt', rejectsUnknown: false });
    const resample = settings.find((s) => s.name === 'resample_probability');
    if (resample) {
      yield { path: resample.namePath, message: 'makes Katib v0.19\'s PBT service fail: it compares the setting\'s text with numbers', fix: 'remove resample_probability (PBT then perturbs values by 0.8 or 1.2)' };
    }
    for (const p of parametersOf(spec).filter((x) => x.type === 'double' && x.step === '')) {
      yield { path: `${p.path}.feasibleSpace.step`, message: 'is required for PBT, which samples doubles from min, min + step, …, max', fix: 'give a step' };
    }
  },
};
