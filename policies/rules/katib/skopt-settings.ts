import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, isNumeric, parametersOf, settingsOf, specOf } from './experiment';
import { pyFloat } from './numbers';
import { AT_LEAST_0, checkSettings, SettingRule } from './settings';

const RULES: Readonly<Record<string, SettingRule>> = {
  base_estimator: { parse: 'enum', values: ['GP', 'RF', 'ET', 'GBRT'] },
  n_initial_points: { parse: 'int', ...AT_LEAST_0 },
  acq_func: { parse: 'enum', values: ['gp_hedge', 'LCB', 'EI', 'PI', 'EIps', 'PIps'] },
  acq_optimizer: { parse: 'enum', values: ['auto', 'sampling', 'lbfgs'] },
  random_state: { parse: 'int', ...AT_LEAST_0 },
};

export const skoptSettingsRule: Rule = {
  id: 'katib/skopt-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'bayesianoptimization takes base_estimator, n_initial_points, acq_func, acq_optimizer and random_state with skopt\'s values; lbfgs only with the GP estimator; not the EIps or PIps acquisition functions; numeric parameters need min < max, doubles also min > 0.',
  why: 'Katib accepts the experiment, but the skopt service rejects unknown or invalid settings, skopt refuses lbfgs without gradients, EIps and PIps expect trial run times Katib never reports, and skopt samples every double log-uniformly: the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/skopt/service.py _validate_bayesianoptimization_setting; skopt/base_service.py BaseSkoptService.create_optimizer',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec) !== 'bayesianoptimization') return;
    const settings = settingsOf(spec);
    yield* checkSettings(settings, RULES, { name: 'skopt', algorithm: 'bayesianoptimization', rejectsUnknown: true });
    const value = (name: string) => settings.find((s) => s.name === name);
    const optimizer = value('acq_optimizer');
    const estimator = value('base_estimator')?.value ?? 'GP';
    if (optimizer?.value === 'lbfgs' && estimator !== 'GP') {
      yield { path: optimizer.path, message: `lbfgs needs gradients, which only the GP estimator has (base_estimator is ${estimator})`, fix: 'use acq_optimizer sampling or auto with tree estimators' };
    }
    const func = value('acq_func');
    if (func && (func.value === 'EIps' || func.value === 'PIps')) {
      yield { path: func.path, message: `${func.value} weighs by each trial's run time, which Katib does not report to skopt`, fix: 'use gp_hedge, LCB, EI or PI' };
    }
    for (const p of parametersOf(spec).filter(isNumeric)) {
      const [min, max] = [pyFloat(p.min), pyFloat(p.max)];
      if (min === undefined || max === undefined) continue;
      if (p.type === 'double' && !(min > 0)) {
        yield { path: `${p.path}.feasibleSpace.min`, message: `must be greater than zero for Bayesian optimization, got ${p.min}: Katib's skopt service samples every double log-uniformly`, fix: 'shift the range above zero, or use the tpe or random algorithm' };
      } else if (min === max) {
        yield { path: `${p.path}.feasibleSpace.max`, message: `equals min (${p.min}), and skopt needs min < max`, fix: 'widen the range, or drop the parameter and pass the value to the trial directly' };
      }
    }
  },
};
