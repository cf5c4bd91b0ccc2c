import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, parametersOf, settingsOf, specOf } from './experiment';
import { gridValues } from './grid';
import { pyFloat } from './numbers';
import { AT_LEAST_0, checkSettings, SettingRule } from './settings';

const SEED: Record<string, SettingRule> = { random_state: { parse: 'int', ...AT_LEAST_0 } };
const RULES: Readonly<Record<string, Readonly<Record<string, SettingRule>>>> = {
  'grid': SEED,
  'multivariate-tpe': { n_startup_trials: { parse: 'int', ...AT_LEAST_0 }, n_ei_candidates: { parse: 'int', ...AT_LEAST_0 }, ...SEED },
};

export const optunaSettingsRule: Rule = {
  id: 'katib/optuna-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'multivariate-tpe takes n_startup_trials, n_ei_candidates and random_state (ints ≥ 0), grid random_state only; grid needs a step on every double and no more trials than combinations.',
  why: 'Katib accepts the experiment, but the optuna suggestion service rejects unknown or invalid settings, a double without step (infinitely many grid points) and a maxTrialCount above the number of grid combinations, and the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/optuna/service.py OptimizerConfiguration.validate_algorithm_spec (_validate_tpe_setting, _validate_grid_setting)',
  *check(e) {
    const spec = specOf(e);
    const algorithm = algorithmName(spec) ?? '';
    if (!RULES[algorithm]) return;
    yield* checkSettings(settingsOf(spec), RULES[algorithm], { name: 'optuna', algorithm, rejectsUnknown: true });
    if (algorithm !== 'grid') return;
    let combinations: number | undefined = 1;
    for (const p of parametersOf(spec)) {
      const n = gridValues(p);
      if (typeof n === 'object') {
        const [min, max] = [pyFloat(p.min) ?? 0, pyFloat(p.max) ?? 1];
        yield {
          path: `${p.path}.feasibleSpace.step`,
          message: 'is required for grid search: a double without a step has infinitely many values',
          fix: `give a step, e.g. "${Number(((max - min) / 4).toPrecision(2))}"`,
        };
      }
      // Parameters the grid cannot count otherwise are reported by katib/feasible-space.
      combinations = typeof n === 'number' && combinations !== undefined ? combinations * n : undefined;
    }
    const max = spec.maxTrialCount;
    if (typeof max === 'number' && combinations !== undefined && max > combinations) {
      yield {
        path: '.spec.maxTrialCount',
        message: `is ${max}, but the grid has only ${combinations} combination${combinations === 1 ? '' : 's'}`,
        fix: `lower maxTrialCount to at most ${combinations}, or add values to the grid`,
      };
    }
  },
};
