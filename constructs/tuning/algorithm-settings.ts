/*
 * The typed settings of each Katib algorithm. Names follow the TypeScript convention; each doc
 * gives Katib's setting name (`algorithmSettings[].name`) and the suggestion service's default.
 */
import { SearchParameter } from './search-space';

/** Settings every seeded algorithm takes. */
export interface SeedSettings {
  /** Seed of the sampler, for reproducible suggestions (`random_state`). @default - unseeded */
  readonly randomState?: number;
}

/** Settings of random search (Katib's hyperopt service). */
export interface RandomSettings extends SeedSettings {}

/** Settings of grid search (Katib's optuna service). */
export interface GridSettings extends SeedSettings {}

/** Settings of TPE (Katib's hyperopt service, `hyperopt.tpe`). */
export interface TpeSettings extends SeedSettings {
  /** Fraction of trials TPE counts as good, in (0, 1) (`gamma`). @default 0.25 (hyperopt) */
  readonly gamma?: number;
  /** Weight of the prior, > 0 (`prior_weight`). @default 1.0 (hyperopt) */
  readonly priorWeight?: number;
  /** Candidates sampled to maximize expected improvement, ≥ 1 (`n_EI_candidates`). @default 24 (hyperopt) */
  readonly nEiCandidates?: number;
}

/** Settings of multivariate TPE (Katib's optuna service, `TPESampler(multivariate=True)`). */
export interface MultivariateTpeSettings extends SeedSettings {
  /** Random trials before TPE starts (`n_startup_trials`). @default 10 (optuna) */
  readonly nStartupTrials?: number;
  /** Candidates sampled to maximize expected improvement (`n_ei_candidates`). @default 24 (optuna) */
  readonly nEiCandidates?: number;
}

/** CMA-ES restart strategy (`restart_strategy`). */
export enum CmaesRestartStrategy {
  NONE = 'none',
  /** Restart with a doubled population (IPOP-CMA-ES). */
  IPOP = 'ipop',
  /** Alternate large- and small-population restarts (BIPOP-CMA-ES). */
  BIPOP = 'bipop',
}

/** Settings of CMA-ES (Katib's goptuna service). */
export interface CmaesSettings extends SeedSettings {
  /** Initial step size, > 0 (`sigma`). @default - a sixth of the search range (goptuna) */
  readonly sigma?: number;
  /** @default CmaesRestartStrategy.NONE */
  readonly restartStrategy?: CmaesRestartStrategy;
}

/** skopt's surrogate model (`base_estimator`). */
export enum BaseEstimator {
  /** Gaussian process. */
  GP = 'GP',
  /** Random forest. */
  RF = 'RF',
  /** Extra trees. */
  ET = 'ET',
  /** Gradient-boosted trees. */
  GBRT = 'GBRT',
}

/**
 * skopt's acquisition function (`acq_func`). Katib also lists EIps and PIps, which need the
 * objective's run time as well; Katib reports only the value, so they are left out.
 */
export enum AcquisitionFunction {
  /** Picks among LCB, EI and PI at every step. */
  GP_HEDGE = 'gp_hedge',
  /** Lower confidence bound. */
  LCB = 'LCB',
  /** Expected improvement. */
  EI = 'EI',
  /** Probability of improvement. */
  PI = 'PI',
}

/** How skopt minimizes the acquisition function (`acq_optimizer`). */
export enum AcquisitionOptimizer {
  AUTO = 'auto',
  SAMPLING = 'sampling',
  /** Gradient-based: only with the GP estimator. */
  LBFGS = 'lbfgs',
}

/** Settings of Bayesian optimization (Katib's skopt service, `skopt.Optimizer`). */
export interface BayesianOptimizationSettings extends SeedSettings {
  /** @default BaseEstimator.GP */
  readonly baseEstimator?: BaseEstimator;
  /** Random trials before the model is used, ≥ 0 (`n_initial_points`). @default 10 */
  readonly nInitialPoints?: number;
  /** @default AcquisitionFunction.GP_HEDGE */
  readonly acqFunc?: AcquisitionFunction;
  /** @default AcquisitionOptimizer.AUTO */
  readonly acqOptimizer?: AcquisitionOptimizer;
}

/** Settings of Hyperband (Katib's hyperband service). */
export interface HyperbandSettings {
  /**
   * The parameter that sets a trial's budget (epochs, steps); Hyperband assigns it, so it must
   * be one of the experiment's parameters (`resource_name`).
   */
  readonly resource: SearchParameter;
  /** The largest budget a trial gets, > 0 (`r_l`). */
  readonly rL: number;
  /** Factor by which each round cuts the trials and raises the budget, a whole number ≥ 2 (`eta`). @default 3 */
  readonly eta?: number;
}

/**
 * Settings of population-based training (Katib's pbt service). `resample_probability` is left
 * out: Katib v0.19's PBT validation compares its string value with numbers and fails.
 */
export interface PbtSettings {
  /**
   * Absolute path where trials read and write checkpoints; Katib mounts the suggestion's volume
   * there in each trial's primary container (`suggestion_trial_dir`).
   */
  readonly suggestionTrialDir: string;
  /** Trials per generation, ≥ 5 (`n_population`). */
  readonly nPopulation: number;
  /** Fraction of the population replaced by better members' exploits, in [0, 1] (`truncation_threshold`). */
  readonly truncationThreshold: number;
}

/** Settings of ENAS's controller (Katib's enas service; each defaults to the service's value). */
export interface EnasSettings {
  /** Whole number ≥ 1 (`controller_hidden_size`). @default 64 */
  readonly controllerHiddenSize?: number;
  /** > 0 (`controller_temperature`). @default 5.0 */
  readonly controllerTemperature?: number;
  /** > 0 (`controller_tanh_const`). @default 2.25 */
  readonly controllerTanhConst?: number;
  /** > 0 (`controller_entropy_weight`). @default 1e-5 */
  readonly controllerEntropyWeight?: number;
  /** In (0, 1] (`controller_baseline_decay`). @default 0.999 */
  readonly controllerBaselineDecay?: number;
  /** In (0, 1] (`controller_learning_rate`). @default 5e-5 */
  readonly controllerLearningRate?: number;
  /** In (0, 1] (`controller_skip_target`). @default 0.4 */
  readonly controllerSkipTarget?: number;
  /** > 0 (`controller_skip_weight`). @default 0.8 */
  readonly controllerSkipWeight?: number;
  /** Whole number ≥ 1 (`controller_train_steps`). @default 50 */
  readonly controllerTrainSteps?: number;
  /** Whole number ≥ 1 (`controller_log_every_steps`). @default 10 */
  readonly controllerLogEverySteps?: number;
}

/** Settings of DARTS (Katib's darts service passes them to the trial; each defaults to its value). */
export interface DartsSettings {
  /** Whole number ≥ 1 (`num_epochs`). @default 50 */
  readonly numEpochs?: number;
  /** ≥ 0 (`w_lr`). @default 0.025 */
  readonly wLr?: number;
  /** ≥ 0 (`w_lr_min`). @default 0.001 */
  readonly wLrMin?: number;
  /** ≥ 0 (`w_momentum`). @default 0.9 */
  readonly wMomentum?: number;
  /** ≥ 0 (`w_weight_decay`). @default 3e-4 */
  readonly wWeightDecay?: number;
  /** ≥ 0 (`w_grad_clip`). @default 5.0 */
  readonly wGradClip?: number;
  /** ≥ 0 (`alpha_lr`). @default 3e-4 */
  readonly alphaLr?: number;
  /** ≥ 0 (`alpha_weight_decay`). @default 1e-3 */
  readonly alphaWeightDecay?: number;
  /** Whole number ≥ 1 (`batch_size`). @default 128 */
  readonly batchSize?: number;
  /** Whole number ≥ 0 (`num_workers`). @default 4 */
  readonly numWorkers?: number;
  /** Whole number ≥ 1 (`init_channels`). @default 16 */
  readonly initChannels?: number;
  /** Whole number ≥ 1 (`print_step`). @default 50 */
  readonly printStep?: number;
  /** Whole number ≥ 1 (`num_nodes`). @default 4 */
  readonly numNodes?: number;
  /** Whole number ≥ 1 (`stem_multiplier`). @default 3 */
  readonly stemMultiplier?: number;
}
