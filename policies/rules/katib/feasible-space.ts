import { Rule, Violation } from '../rule';
import { algorithmName, EXPERIMENT, Parameter, parametersOf, specOf } from './experiment';
import { pyFloat, pyInt } from './numbers';

/** Algorithms whose services read an int parameter's bounds as integers (optuna, skopt, goptuna, hyperband). */
const INT_BOUNDS = ['grid', 'multivariate-tpe', 'bayesianoptimization', 'cmaes', 'sobol', 'hyperband'];

export const feasibleSpaceRule: Rule = {
  id: 'katib/feasible-space',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Each numeric parameter\'s min, max and step are numbers (whole numbers for int parameters of the optuna, skopt, goptuna and Hyperband algorithms), min ≤ max, step > 0; each list parameter has values.',
  why: 'Katib accepts the strings as they are; the suggestion service fails to build its search space from them and the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/internal/search_space.py HyperParameterSearchSpace (and each service\'s search-space conversion: optuna base_service.py, skopt base_service.py, goptuna converter.go, hyperband parsing_util.py)',
  *check(e) {
    const spec = specOf(e);
    const ints = INT_BOUNDS.includes(algorithmName(spec) ?? '');
    for (const p of parametersOf(spec)) yield* feasibleSpaceProblems(p, ints);
  },
};

/** The problems of one parameter's feasible space (also used for NAS operations' parameters). */
export function* feasibleSpaceProblems(p: Parameter, intBounds: boolean): Generator<Violation> {
  const at = `${p.path}.feasibleSpace`;
  if (p.type === 'categorical' || p.type === 'discrete') {
    if (!p.list.length) yield { path: `${at}.list`, message: 'is empty', fix: 'give at least one value' };
    return;
  }
  if (p.type !== 'int' && p.type !== 'double') return;
  const whole = p.type === 'int' && intBounds;
  const values: Record<string, number | undefined> = {};
  for (const key of ['min', 'max', 'step'] as const) {
    const raw = p[key];
    if (raw === '') continue;
    values[key] = whole ? pyInt(raw) : pyFloat(raw);
    if (values[key] === undefined || Number.isNaN(values[key])) {
      yield {
        path: `${at}.${key}`,
        message: `"${raw}" is not ${whole ? 'a whole number' : 'a number'}${whole ? ' (the suggestion service reads int bounds with int())' : ''}`,
        fix: whole ? 'give a whole number, or make the parameter a double' : 'give a number, e.g. "0.01"',
      };
    }
  }
  const { min, max, step } = values;
  if (min !== undefined && max !== undefined && !Number.isNaN(min) && min > max) {
    yield { path: `${at}.max`, message: `${p.max} is less than min ${p.min}`, fix: 'swap min and max' };
  }
  if (step !== undefined && !Number.isNaN(step) && !(step > 0)) {
    yield { path: `${at}.step`, message: `must be greater than zero, got ${p.step}`, fix: 'give a positive step, or leave it out to search the whole range' };
  }
}
