import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, parallelTrialCount, parametersOf, settingsOf, specOf } from './experiment';
import { pyFloat, pyInt } from './numbers';

export const hyperbandSettingsRule: Rule = {
  id: 'katib/hyperband-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'hyperband has r_l (a number > 0) and resource_name (an int or double parameter), eta (when set) truncates to an integer other than 1, parallelTrialCount is at least eta^⌊log(r_l)/log(eta)⌋, and discrete parameters hold integers.',
  why: 'Katib accepts the experiment, but the Hyperband suggestion service rejects it (or fails dividing by log(eta), or reading discrete values with int()), and the experiment fails; Hyperband writes each bracket\'s budget into the resource parameter.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/hyperband/service.py HyperbandService.ValidateAlgorithmSettings; hyperband/parsing_util.py parse_parameter_configs',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec) !== 'hyperband') return;
    const settings = settingsOf(spec);
    const setting = (name: string) => settings.find((s) => s.name === name);
    const parameters = parametersOf(spec);
    const rl = setting('r_l');
    const resource = setting('resource_name');
    for (const [name, what] of [['r_l', 'the largest budget a trial gets, e.g. "9"'], ['resource_name', 'the parameter that sets a trial\'s budget, e.g. "epochs"']]) {
      if (!setting(name)) yield { path: '.spec.algorithm.algorithmSettings', message: `${name} is required by hyperband`, fix: `add the setting ${name}: ${what}` };
    }
    const r = rl ? pyFloat(rl.value) : undefined;
    if (rl && (r === undefined || !Number.isFinite(r) || !(r > 0))) {
      yield { path: rl.path, message: `r_l must be a number > 0, got "${rl.value}"`, fix: 'give the largest budget a trial gets, e.g. "9"' };
    }
    const etaSetting = setting('eta');
    let eta = 3;
    if (etaSetting) {
      const f = pyFloat(etaSetting.value);
      const t = f === undefined || !Number.isFinite(f) ? undefined : Math.trunc(f);
      if (t === 1 || t === undefined) {
        yield { path: etaSetting.path, message: `eta must be a whole number ≥ 2, got "${etaSetting.value}"`, fix: 'give a factor such as "3", or leave it out for the default' };
      } else if (t > 0) {
        eta = t;
      }
    }
    if (resource) {
      const p = parameters.find((x) => x.name === resource.value);
      if (!p) {
        yield { path: resource.path, message: `parameter "${resource.value}" is not one of the experiment's parameters`, fix: 'add the resource parameter (e.g. epochs) to parameters' };
      } else if (p.type !== 'int' && p.type !== 'double') {
        yield { path: `${p.path}.parameterType`, message: `the resource parameter "${p.name}" is ${p.type}, but Hyperband assigns it a number of epochs or steps`, fix: 'make the resource parameter an int or double' };
      }
    }
    for (const p of parameters.filter((x) => x.type === 'discrete')) {
      const bad = p.list.find((v) => pyInt(v) === undefined);
      if (bad !== undefined) {
        yield { path: `${p.path}.feasibleSpace.list`, message: `has the value "${bad}", but Katib's Hyperband service reads discrete values as integers`, fix: 'use a categorical parameter or whole numbers' };
      }
    }
    if (r !== undefined && Number.isFinite(r) && r > 0) {
      const needed = Math.ceil(eta ** Math.trunc(Math.log(r) / Math.log(eta)));
      const parallel = parallelTrialCount(spec);
      if (parallel < needed) {
        yield {
          path: '.spec.parallelTrialCount',
          message: `Hyperband with r_l ${rl!.value} and eta ${eta} runs ${needed} trials in its first bracket, and parallelTrialCount is ${parallel}${spec.parallelTrialCount === undefined ? ' (Katib\'s default)' : ''}`,
          fix: `set parallelTrialCount to at least ${needed}, or lower r_l`,
        };
      }
    }
  },
};
