/**
 * The suggestion service that runs each algorithm in Katib v0.19's katib-config
 * (manifests/v1beta1/installs/katib-standalone/katib-config.yaml): the service's image decides
 * which settings and distributions are understood.
 */
export const SERVICE_OF: Readonly<Record<string, string>> = {
  'random': 'hyperopt',
  'tpe': 'hyperopt',
  'grid': 'optuna',
  'multivariate-tpe': 'optuna',
  'bayesianoptimization': 'skopt',
  'cmaes': 'goptuna',
  'sobol': 'goptuna',
  'hyperband': 'hyperband',
  'pbt': 'pbt',
  'enas': 'enas',
  'darts': 'darts',
};

/** The algorithms of Katib v0.19's katib-config, in its order. */
export const KATIB_ALGORITHMS = Object.keys(SERVICE_OF);

/** The values the NAS suggestion services assign to each trial (GetSuggestions in pkg/suggestion/v1beta1/nas/{enas,darts}/service.py). */
export const NAS_ASSIGNMENTS: Readonly<Record<string, readonly string[]>> = {
  enas: ['architecture', 'nn_config'],
  darts: ['algorithm-settings', 'search-space', 'num-layers'],
};
