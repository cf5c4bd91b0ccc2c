import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack, testTenant } from '../../test/util';
import { collectWarnings, Stack } from '../core';
import { Algorithm } from './algorithm';
import { AcquisitionFunction, AcquisitionOptimizer, BaseEstimator, CmaesRestartStrategy } from './algorithm-settings';
import { Experiment, ExperimentProps } from './experiment';
import { Metric } from './objective';
import { Distribution, SearchParameter, SearchSpace } from './search-space';
import { TrialTemplate } from './trial-template';

const lr = () => SearchSpace.double('lr', { min: 0.001, max: 0.1, step: 0.001 });
const layers = () => SearchSpace.int('layers', { min: 2, max: 5 });
const optimizer = () => SearchSpace.categorical('optimizer', ['sgd', 'adam']);
const epochs = () => SearchSpace.int('epochs', { min: 1, max: 9 });

function experiment(algorithm: Algorithm, parameters: SearchParameter[] = [lr(), layers(), optimizer()], props: Partial<ExperimentProps> = {}) {
  const stack = testStack();
  new Experiment(stack, 'Tune', {
    tenant: testTenant(stack),
    objective: Metric.maximize('accuracy'),
    algorithm,
    parameters,
    maxTrialCount: 8,
    trialTemplate: TrialTemplate.fromContainer({ image: 'ghcr.io/example/train:1.0.0', command: ['python', 'train.py', ...parameters.map((p) => `--${p.name}=${p.ref}`)] }),
    ...props,
  });
  return stack;
}

describe('Algorithm', () => {
  test.each<[string, () => Algorithm, SearchParameter[] | undefined, Partial<ExperimentProps>, Array<{ name: string; value: string }> | undefined]>([
    ['random', () => Algorithm.random({ randomState: 1 }), undefined, {}, [{ name: 'random_state', value: '1' }]],
    ['grid', () => Algorithm.grid(), undefined, {}, undefined],
    ['tpe', () => Algorithm.tpe({ gamma: 0.25, priorWeight: 1.5, nEiCandidates: 24, randomState: 3 }), undefined, {},
      [{ name: 'gamma', value: '0.25' }, { name: 'prior_weight', value: '1.5' }, { name: 'n_EI_candidates', value: '24' }, { name: 'random_state', value: '3' }]],
    ['multivariate-tpe', () => Algorithm.multivariateTpe({ nStartupTrials: 5, nEiCandidates: 10 }), undefined, {},
      [{ name: 'n_startup_trials', value: '5' }, { name: 'n_ei_candidates', value: '10' }]],
    ['cmaes', () => Algorithm.cmaes({ sigma: 0.3, restartStrategy: CmaesRestartStrategy.IPOP }), undefined, {},
      [{ name: 'sigma', value: '0.3' }, { name: 'restart_strategy', value: 'ipop' }]],
    ['sobol', () => Algorithm.sobol(), undefined, {}, undefined],
    ['bayesianoptimization', () => Algorithm.bayesianOptimization({
      baseEstimator: BaseEstimator.GP, nInitialPoints: 4, acqFunc: AcquisitionFunction.EI, acqOptimizer: AcquisitionOptimizer.LBFGS, randomState: 10,
    }), undefined, {}, [
      { name: 'base_estimator', value: 'GP' }, { name: 'n_initial_points', value: '4' }, { name: 'acq_func', value: 'EI' },
      { name: 'acq_optimizer', value: 'lbfgs' }, { name: 'random_state', value: '10' },
    ]],
    ['hyperband', () => Algorithm.hyperband({ resource: epochs(), rL: 9, eta: 3 }), [lr(), epochs()], { parallelTrialCount: 9, maxTrialCount: 9 },
      [{ name: 'resource_name', value: 'epochs' }, { name: 'r_l', value: '9' }, { name: 'eta', value: '3' }]],
    ['pbt', () => Algorithm.pbt({ suggestionTrialDir: '/var/log/katib/checkpoints/', nPopulation: 40, truncationThreshold: 0.2 }), [lr()], {}, [
      { name: 'suggestion_trial_dir', value: '/var/log/katib/checkpoints/' }, { name: 'n_population', value: '40' }, { name: 'truncation_threshold', value: '0.2' },
    ]],
  ])('%s renders its settings and validates', (name, make, parameters, props, settings) => {
    const stack = experiment(make(), parameters, props);
    expect(manifest(stack, 'Experiment').spec.algorithm).toEqual({ algorithmName: name, algorithmSettings: settings });
    expectSchemaValid(stack);
  });

  test.each<[string, () => Algorithm, string, string]>([
    ['random seed < 0', () => Algorithm.random({ randomState: -1 }), 'algorithm.randomState', 'random_state must be a whole number ≥ 0'],
    ['tpe gamma outside (0, 1)', () => Algorithm.tpe({ gamma: 1 }), 'algorithm.gamma', 'gamma must be a number > 0 and < 1'],
    ['tpe prior weight 0', () => Algorithm.tpe({ priorWeight: 0 }), 'algorithm.priorWeight', '> 0'],
    ['tpe candidates 0', () => Algorithm.tpe({ nEiCandidates: 0 }), 'algorithm.nEiCandidates', '≥ 1'],
    ['multivariate-tpe startup < 0', () => Algorithm.multivariateTpe({ nStartupTrials: -2 }), 'algorithm.nStartupTrials', '≥ 0'],
    ['cmaes sigma 0', () => Algorithm.cmaes({ sigma: 0 }), 'algorithm.sigma', 'sigma must be a number > 0'],
    ['cmaes restart strategy', () => Algorithm.cmaes({ restartStrategy: 'sep' as CmaesRestartStrategy }), 'algorithm.restartStrategy', 'not one of none, ipop, bipop'],
    ['bayes estimator', () => Algorithm.bayesianOptimization({ baseEstimator: 'SVM' as BaseEstimator }), 'algorithm.baseEstimator', 'not one of GP, RF, ET, GBRT'],
    ['bayes initial points', () => Algorithm.bayesianOptimization({ nInitialPoints: 1.5 }), 'algorithm.nInitialPoints', 'n_initial_points must be a whole number ≥ 0'],
    ['pbt population < 5', () => Algorithm.pbt({ suggestionTrialDir: '/ckpt', nPopulation: 4, truncationThreshold: 0.2 }), 'algorithm.nPopulation', 'n_population must be a whole number ≥ 5'],
    ['pbt threshold > 1', () => Algorithm.pbt({ suggestionTrialDir: '/ckpt', nPopulation: 5, truncationThreshold: 1.2 }), 'algorithm.truncationThreshold', '≥ 0 and ≤ 1'],
    ['pbt relative dir', () => Algorithm.pbt({ suggestionTrialDir: 'ckpt', nPopulation: 5, truncationThreshold: 0.2 }), 'algorithm.suggestionTrialDir', 'not an absolute path'],
  ])('rejects %s', (_name, make, field, problem) => {
    const e = constructError(() => experiment(make(), [lr(), layers()]));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  describe('cross-checks with the experiment, as the suggestion services do, are the katib/* rules\' at synth', () => {
    const findings = (stack: Stack) => policyFindings(stack, 'katib/').map((f) => `${f.severity} ${f.rule} ${f.construct} ${f.path}: ${f.message}`);

    test('grid needs a finite space (a step for doubles) and no more trials than combinations', () => {
      expect(findings(experiment(Algorithm.grid(), [SearchSpace.double('lr', { min: 0.01, max: 0.1 })]))).toEqual([
        'error katib/optuna-settings test/Tune .spec.parameters[0].feasibleSpace.step: is required for grid search: a double without a step has infinitely many values',
      ]);
      // 0.01..0.03 step 0.01 → 3 values, × 2 optimizers = 6 < 8 trials.
      expect(findings(experiment(Algorithm.grid(), [SearchSpace.double('lr', { min: 0.01, max: 0.03, step: 0.01 }), optimizer()]))).toEqual([
        'error katib/optuna-settings test/Tune .spec.maxTrialCount: is 8, but the grid has only 6 combinations',
      ]);
      expect(findings(experiment(Algorithm.grid(), [SearchSpace.double('lr', { min: 0.01, max: 0.03, step: 0.01 }), optimizer()], { maxTrialCount: 6 }))).toEqual([]);
    });

    test('hyperband needs its resource parameter and enough parallel trials for the first bracket', () => {
      expect(findings(experiment(Algorithm.hyperband({ resource: epochs(), rL: 9 }), [lr()], { parallelTrialCount: 9, maxTrialCount: 9 }))).toEqual([
        'error katib/hyperband-settings test/Tune .spec.algorithm.algorithmSettings[0].value: parameter "epochs" is not one of the experiment\'s parameters',
      ]);
      expect(findings(experiment(Algorithm.hyperband({ resource: epochs(), rL: 9, eta: 3 }), [lr(), epochs()], { parallelTrialCount: 3 }))).toEqual([
        'error katib/hyperband-settings test/Tune .spec.parallelTrialCount: Hyperband with r_l 9 and eta 3 runs 9 trials in its first bracket, and parallelTrialCount is 3',
      ]);
      expect(findings(experiment(Algorithm.hyperband({ resource: epochs(), rL: 1 }), [SearchSpace.discrete('bs', [0.5, 1]), epochs()]))).toEqual([
        'error katib/hyperband-settings test/Tune .spec.parameters[0].feasibleSpace.list: has the value "0.5", but Katib\'s Hyperband service reads discrete values as integers',
      ]);
    });

    test('hyperband\'s own settings are checked at construction', () => {
      let e = constructError(() => experiment(Algorithm.hyperband({ resource: epochs(), rL: 0 }), [lr(), epochs()]));
      expect(e.field).toBe('algorithm.rL');
      e = constructError(() => experiment(Algorithm.hyperband({ resource: epochs(), rL: 4, eta: 1 }), [lr(), epochs()]));
      expect([e.field, e.problem]).toEqual(['algorithm.eta', 'eta must be a whole number ≥ 2, got 1']);
    });

    test('cmaes needs two numeric dimensions', () => {
      expect(findings(experiment(Algorithm.cmaes(), [lr(), optimizer()]))).toEqual([
        'error katib/goptuna-settings test/Tune .spec.parameters: CMA-ES needs at least two int or double parameters, and has 1',
      ]);
    });

    test('Bayesian optimization samples doubles log-uniformly: min must be > 0; lbfgs needs GP; warns when no trial uses the model', () => {
      expect(findings(experiment(Algorithm.bayesianOptimization(), [SearchSpace.double('shift', { min: -1, max: 1 })]))).toEqual([
        'error katib/skopt-settings test/Tune .spec.parameters[0].feasibleSpace.min: must be greater than zero for Bayesian optimization, got -1: Katib\'s skopt service samples every double log-uniformly',
      ]);
      expect(findings(experiment(Algorithm.bayesianOptimization({ baseEstimator: BaseEstimator.RF, acqOptimizer: AcquisitionOptimizer.LBFGS }), [lr()]))).toEqual([
        'error katib/skopt-settings test/Tune .spec.algorithm.algorithmSettings[1].value: lbfgs needs gradients, which only the GP estimator has (base_estimator is RF)',
      ]);
      const stack = experiment(Algorithm.bayesianOptimization(), [lr()]);
      expect(collectWarnings(stack).map((w) => w.field)).toEqual(['algorithm.nInitialPoints']);
    });

    test('PBT needs a step for doubles', () => {
      expect(findings(experiment(Algorithm.pbt({ suggestionTrialDir: '/ckpt', nPopulation: 5, truncationThreshold: 0.2 }), [SearchSpace.double('lr', { min: 0.01, max: 0.1 })]))).toEqual([
        'error katib/pbt-settings test/Tune .spec.parameters[0].feasibleSpace.step: is required for PBT, which samples doubles from min, min + step, …, max',
      ]);
    });

    test.each<[string, () => Algorithm, Distribution, string]>([
      ['optuna (multivariate-tpe)', () => Algorithm.multivariateTpe(), Distribution.NORMAL, 'error'],
      ['optuna (grid)', () => Algorithm.grid(), Distribution.LOG_NORMAL, 'error'],
      ['skopt', () => Algorithm.bayesianOptimization(), Distribution.LOG_UNIFORM, 'warning'],
      ['goptuna (cmaes)', () => Algorithm.cmaes(), Distribution.NORMAL, 'warning'],
      ['goptuna (sobol)', () => Algorithm.sobol(), Distribution.LOG_UNIFORM, 'warning'],
    ])('%s: distributions it does not sample', (_name, make, distribution, severity) => {
      const stack = experiment(make(), [SearchSpace.double('lr', { min: 0.001, max: 0.1, step: 0.001, distribution }), layers()]);
      expect(policyFindings(stack, 'katib/distribution-supported').map((f) => [f.severity, f.path])).toEqual([[severity, '.spec.parameters[0].feasibleSpace.distribution']]);
    });

    test('hyperopt (random, tpe) samples every distribution', () => {
      const ps = [Distribution.UNIFORM, Distribution.LOG_UNIFORM, Distribution.NORMAL, Distribution.LOG_NORMAL]
        .map((distribution, i) => SearchSpace.double(`p${i}`, { min: 0.01, max: 1, distribution }));
      const stack = experiment(Algorithm.tpe(), ps);
      expect(manifest(stack, 'Experiment').spec.parameters.map((p: any) => p.feasibleSpace.distribution)).toEqual(['uniform', 'logUniform', 'normal', 'logNormal']);
      expect(findings(stack)).toEqual([]);
      expectSchemaValid(stack);
    });

    test('parameter algorithms refuse `nas`, NAS algorithms refuse parameters', () => {
      expect(findings(experiment(Algorithm.enas(), [lr()])).filter((f) => f.includes('algorithm-search-space'))).toEqual([
        'error katib/algorithm-search-space test/Tune .spec.parameters: are set, but enas searches architectures, not parameters',
      ]);
    });
  });
});
