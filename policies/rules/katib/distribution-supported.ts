import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, isNumeric, parametersOf, specOf } from './experiment';
import { pyFloat } from './numbers';
import { SERVICE_OF } from './services';

/** What each service does with a distribution it does not sample. */
const IGNORES: Readonly<Record<string, string>> = {
  skopt: 'it ignores distributions, sampling ints uniformly and doubles log-uniformly',
  goptuna: 'it ignores distributions and samples uniformly',
  hyperband: 'it ignores distributions and samples uniformly',
  pbt: 'it ignores distributions and samples the values min, min + step, …, max',
};

export const distributionSupportedRule: Rule = {
  id: 'katib/distribution-supported',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'A parameter\'s distribution is one its algorithm\'s suggestion service samples: hyperopt (random, tpe) all four, with min > 0 for the log ones; optuna (grid, multivariate-tpe) uniform and logUniform; the others ignore it (a warning).',
  why: 'Katib v0.19\'s optuna service leaves normal and logNormal parameters out of its search space, so trials lack their values and are not created; hyperopt takes log(min) of the log distributions and fails for min ≤ 0; skopt, goptuna, Hyperband and PBT sample as if the distribution were not there.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/optuna/base_service.py _get_optuna_search_space; hyperopt/base_service.py create_hyperopt_domain; skopt/base_service.py create_optimizer; goptuna/converter.go toGoptunaSearchSpace',
  *check(e) {
    const spec = specOf(e);
    const algorithm = algorithmName(spec) ?? '';
    const service = SERVICE_OF[algorithm];
    for (const p of parametersOf(spec).filter(isNumeric)) {
      const d = p.distribution || 'uniform';
      if (d === 'uniform') continue;
      const at = `${p.path}.feasibleSpace.distribution`;
      if (service === 'hyperopt') {
        const min = pyFloat(p.min);
        if ((d === 'logUniform' || d === 'logNormal') && min !== undefined && !(min > 0)) {
          yield { path: `${p.path}.feasibleSpace.min`, message: `must be greater than zero for the ${d} distribution (${algorithm} samples log(value)), got ${p.min}`, fix: 'raise min above zero (e.g. 1e-5 for a learning rate), or use the uniform distribution' };
        }
      } else if (service === 'optuna' && (d === 'normal' || d === 'logNormal')) {
        yield { path: at, message: `${algorithm} (Katib's optuna suggestion) does not sample the ${d} distribution: it leaves the parameter out, and the trials are not created`, fix: 'use uniform or logUniform, or an algorithm that samples it (random, tpe)' };
      } else if (IGNORES[service]) {
        yield { path: at, severity: 'warning', message: `${algorithm} (Katib's ${service} suggestion) does not sample the ${d} distribution: ${IGNORES[service]}`, fix: 'use uniform, or an algorithm that samples it (random, tpe)' };
      }
    }
  },
};
