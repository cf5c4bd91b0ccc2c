import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, settingsOf, specOf } from './experiment';
import { ABOVE_0, AT_LEAST_0, checkSettings, SettingRule } from './settings';

const SEED: Record<string, SettingRule> = { random_state: { parse: 'int', ...AT_LEAST_0 } };
const RULES: Readonly<Record<string, Readonly<Record<string, SettingRule>>>> = {
  random: SEED,
  tpe: {
    gamma: { parse: 'float', range: '> 0 and < 1', ok: (n) => n > 0 && n < 1 },
    prior_weight: { parse: 'float', ...ABOVE_0 },
    n_EI_candidates: { parse: 'int', ...ABOVE_0 },
    ...SEED,
  },
};

export const hyperoptSettingsRule: Rule = {
  id: 'katib/hyperopt-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'random takes random_state (an int ≥ 0); tpe takes gamma in (0, 1), prior_weight > 0, n_EI_candidates (an int > 0) and random_state; no other settings.',
  why: 'Katib accepts any settings, but the hyperopt suggestion service rejects these, and the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/hyperopt/service.py OptimizerConfiguration.validate_algorithm_spec',
  *check(e) {
    const spec = specOf(e);
    const algorithm = algorithmName(spec) ?? '';
    if (!RULES[algorithm]) return;
    yield* checkSettings(settingsOf(spec), RULES[algorithm], { name: 'hyperopt', algorithm, rejectsUnknown: true });
  },
};
