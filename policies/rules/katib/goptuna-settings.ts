import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, isNumeric, parametersOf, settingsOf, specOf } from './experiment';
import { checkSettings, SettingRule } from './settings';

const CMAES: Readonly<Record<string, SettingRule>> = {
  random_state: { parse: 'go-int' },
  sigma: { parse: 'go-float' },
  restart_strategy: { parse: 'enum', values: ['none', 'ipop', 'bipop'] },
};

export const goptunaSettingsRule: Rule = {
  id: 'katib/goptuna-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'cmaes searches at least two int or double parameters; its random_state is an integer, sigma a number and restart_strategy none, ipop or bipop.',
  why: 'Katib accepts the experiment, but the goptuna suggestion service rejects CMA-ES over fewer than two numeric dimensions and settings it cannot parse, and the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/goptuna/service.go ValidateAlgorithmSettings; goptuna/converter.go toGoptunaSampler',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec) !== 'cmaes') return;
    yield* checkSettings(settingsOf(spec), CMAES, { name: 'goptuna', algorithm: 'cmaes', rejectsUnknown: false });
    const numeric = parametersOf(spec).filter(isNumeric).length;
    if (numeric < 2) {
      yield {
        path: '.spec.parameters',
        message: `CMA-ES needs at least two int or double parameters, and has ${numeric}`,
        fix: 'add a numeric parameter, or use bayesianoptimization or tpe for a one-dimensional search',
      };
    }
  },
};
