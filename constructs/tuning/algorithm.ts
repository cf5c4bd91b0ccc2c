import { IConstruct } from 'constructs';
import { fail, field as join, warn } from '../core';
import {
  AcquisitionFunction, AcquisitionOptimizer, BaseEstimator, BayesianOptimizationSettings, CmaesRestartStrategy, CmaesSettings,
  DartsSettings, EnasSettings, GridSettings, HyperbandSettings, MultivariateTpeSettings, PbtSettings, RandomSettings, TpeSettings,
} from './algorithm-settings';
import { NasConfigProps } from './nas';
import { ResumePolicy } from './resume-policy';
import { Distribution, SearchParameter, SearchParameterType } from './search-space';
import { ITrialParameter, TrialValue } from './trial-parameter';
import { num } from './wire';

/** What the experiment tells an algorithm for its cross-checks. @internal */
export interface AlgorithmContext {
  readonly parameters: SearchParameter[];
  readonly nas?: NasConfigProps;
  readonly parallelTrialCount: number;
  readonly maxTrialCount?: number;
  readonly resumePolicy?: ResumePolicy;
}

/** How a setting is checked and rendered. */
interface Rule {
  readonly wire: string;
  readonly int?: boolean;
  readonly min?: number;
  readonly minOpen?: boolean;
  readonly max?: number;
  readonly maxOpen?: boolean;
  readonly values?: string[];
}

const SEED: Record<string, Rule> = { randomState: { wire: 'random_state', int: true, min: 0 } };

/** The distributions each suggestion service samples; the rest it ignores or drops. */
const ALL = [Distribution.UNIFORM, Distribution.LOG_UNIFORM, Distribution.NORMAL, Distribution.LOG_NORMAL];

/**
 * A Katib search algorithm with its typed settings: `Algorithm.bayesianOptimization({...})`,
 * `Algorithm.tpe()`, `Algorithm.grid()`, … Each mirrors the setting validation of the Katib
 * v0.19 suggestion service that runs it (katib-config `suggestions`), so that an experiment
 * the construct accepts is one whose suggestion starts.
 */
export class Algorithm {
  /** Random search (hyperopt `rand.suggest`). */
  public static random(settings: RandomSettings = {}): Algorithm {
    return new Algorithm('random', 'hyperopt', settings, SEED, ALL);
  }

  /** Every combination of the parameters (optuna `GridSampler`); doubles need a step. */
  public static grid(settings: GridSettings = {}): Algorithm {
    return new Algorithm('grid', 'optuna', settings, SEED, [Distribution.UNIFORM, Distribution.LOG_UNIFORM]);
  }

  /** Tree-structured Parzen estimator (hyperopt `tpe.suggest`). */
  public static tpe(settings: TpeSettings = {}): Algorithm {
    return new Algorithm('tpe', 'hyperopt', settings, {
      gamma: { wire: 'gamma', min: 0, minOpen: true, max: 1, maxOpen: true },
      priorWeight: { wire: 'prior_weight', min: 0, minOpen: true },
      nEiCandidates: { wire: 'n_EI_candidates', int: true, min: 1 },
      ...SEED,
    }, ALL);
  }

  /** TPE over all parameters jointly (optuna `TPESampler(multivariate=True)`). */
  public static multivariateTpe(settings: MultivariateTpeSettings = {}): Algorithm {
    return new Algorithm('multivariate-tpe', 'optuna', settings, {
      nStartupTrials: { wire: 'n_startup_trials', int: true, min: 0 },
      nEiCandidates: { wire: 'n_ei_candidates', int: true, min: 0 },
      ...SEED,
    }, [Distribution.UNIFORM, Distribution.LOG_UNIFORM]);
  }

  /** Covariance matrix adaptation evolution strategy (goptuna); needs two or more int/double parameters. */
  public static cmaes(settings: CmaesSettings = {}): Algorithm {
    return new Algorithm('cmaes', 'goptuna', settings, {
      // Katib accepts sigma ≥ 0, but a zero initial step size never leaves the start point.
      sigma: { wire: 'sigma', min: 0, minOpen: true },
      restartStrategy: { wire: 'restart_strategy', values: Object.values(CmaesRestartStrategy) },
      ...SEED,
    }, [Distribution.UNIFORM]);
  }

  /** Quasi-random Sobol sequence (goptuna); takes no settings. */
  public static sobol(): Algorithm {
    return new Algorithm('sobol', 'goptuna', {}, {}, [Distribution.UNIFORM]);
  }

  /** Bayesian optimization with a Gaussian-process (or tree) surrogate (skopt). */
  public static bayesianOptimization(settings: BayesianOptimizationSettings = {}): Algorithm {
    return new Algorithm('bayesianoptimization', 'skopt', settings, {
      baseEstimator: { wire: 'base_estimator', values: Object.values(BaseEstimator) },
      nInitialPoints: { wire: 'n_initial_points', int: true, min: 0 },
      acqFunc: { wire: 'acq_func', values: Object.values(AcquisitionFunction) },
      acqOptimizer: { wire: 'acq_optimizer', values: Object.values(AcquisitionOptimizer) },
      ...SEED,
    }, [Distribution.UNIFORM]);
  }

  /** Hyperband: many short trials, the best continued with more budget. */
  public static hyperband(settings: HyperbandSettings): Algorithm {
    return new Algorithm('hyperband', 'hyperband', settings, {
      rL: { wire: 'r_l', min: 0, minOpen: true },
      eta: { wire: 'eta', int: true, min: 2 },
    }, [Distribution.UNIFORM]);
  }

  /** Population-based training: trials exploit better members' checkpoints and perturb their parameters. */
  public static pbt(settings: PbtSettings): Algorithm {
    return new Algorithm('pbt', 'pbt', settings, {
      nPopulation: { wire: 'n_population', int: true, min: 5 },
      truncationThreshold: { wire: 'truncation_threshold', min: 0, max: 1 },
    }, [Distribution.UNIFORM]);
  }

  /** Efficient neural architecture search; needs the experiment's `nas`. Its trials read `architecture` and `nnConfig`. */
  public static enas(settings: EnasSettings = {}): EnasAlgorithm {
    return new EnasAlgorithm(settings);
  }

  /** Differentiable architecture search; needs the experiment's `nas`. Its trials read `algorithmSettings`, `searchSpace` and `numLayers`. */
  public static darts(settings: DartsSettings = {}): DartsAlgorithm {
    return new DartsAlgorithm(settings);
  }

  /** Values the suggestion assigns to each trial besides the search-space parameters (NAS only). */
  public readonly suggestionOutputs: ITrialParameter[] = [];

  protected constructor(
    /** Katib's `algorithmName`. */
    public readonly name: string,
    /** The Katib suggestion service that runs it (katib-config `suggestions`). */
    public readonly service: string,
    private readonly settings: object,
    private readonly rules: Record<string, Rule>,
    private readonly distributions: Distribution[],
  ) {}

  /** True for the architecture-search algorithms, which take `nas` instead of `parameters`. */
  public get isNas(): boolean {
    return this.suggestionOutputs.length > 0;
  }

  /** Throws unless the settings and the experiment suit the algorithm; `field` is the algorithm's prop (`algorithm`). @internal */
  public _validate(scope: IConstruct, field: string, ctx: AlgorithmContext): void {
    const s = this.settings as Record<string, unknown>;
    for (const [prop, rule] of Object.entries(this.rules)) {
      if (s[prop] !== undefined) checkSetting(scope, join(field, prop), s[prop], rule);
    }
    if (this.isNas) {
      if (ctx.parameters.length) fail(scope, 'parameters', `are set, but ${this.name} searches architectures, not parameters`, 'describe the search space in `nas` and remove `parameters`');
      if (!ctx.nas) fail(scope, 'nas', `is required by ${this.name}`, 'describe the network in `nas: { numLayers, operations: [...] }`');
    } else {
      if (ctx.nas) fail(scope, 'nas', `is set, but ${this.name} tunes parameters, not architectures`, 'use Algorithm.enas() or Algorithm.darts() for architecture search, or remove `nas`');
      for (const p of ctx.parameters) {
        if (!this.distributions.includes(p.distribution ?? Distribution.UNIFORM)) {
          fail(scope, `parameters.${p.name}.distribution`, `${this.name} (Katib's ${this.service} suggestion) does not sample the ${p.distribution} distribution: ${IGNORES[this.service]}`,
            `use Distribution.${this.distributions.length > 1 ? 'UNIFORM or LOG_UNIFORM' : 'UNIFORM'}, or an algorithm that samples ${p.distribution} (random, tpe)`);
        }
      }
    }
    this.validateCross(scope, field, ctx);
  }

  /** @internal */
  public _render(): { algorithmName: string; algorithmSettings?: Array<{ name: string; value: string }> } {
    const settings = this.renderSettings();
    return { algorithmName: this.name, algorithmSettings: settings.length ? settings : undefined };
  }

  /** Algorithm-specific checks against the experiment. @internal */
  protected validateCross(scope: IConstruct, field: string, ctx: AlgorithmContext): void {
    const s = this.settings as Record<string, unknown>;
    switch (this.name) {
      case 'grid': return validateGrid(scope, ctx);
      case 'cmaes': return validateCmaes(scope, ctx);
      case 'bayesianoptimization': return validateBayes(scope, field, s as BayesianOptimizationSettings, ctx);
      case 'hyperband': return validateHyperband(scope, field, s as unknown as HyperbandSettings, ctx);
      case 'pbt': return validatePbt(scope, field, s as unknown as PbtSettings, ctx);
      default: return;
    }
  }

  private renderSettings(): Array<{ name: string; value: string }> {
    const s = this.settings as Record<string, unknown>;
    const out: Array<{ name: string; value: string }> = [];
    if (this.name === 'hyperband') out.push({ name: 'resource_name', value: (s.resource as SearchParameter).name });
    if (this.name === 'pbt') out.push({ name: 'suggestion_trial_dir', value: String(s.suggestionTrialDir) });
    for (const [prop, rule] of Object.entries(this.rules)) {
      const v = s[prop];
      if (v !== undefined) out.push({ name: rule.wire, value: typeof v === 'number' ? num(v) : String(v) });
    }
    return out;
  }
}

/** ENAS, with the values its suggestion assigns to each trial (pkg/suggestion/v1beta1/nas/enas/service.py). */
export class EnasAlgorithm extends Algorithm {
  /** The layers' operations and skip connections, as the ENAS trial image reads them. */
  public readonly architecture: ITrialParameter = new TrialValue('architecture', 'architecture', 'Operation ID of each layer and its skip connections');
  /** Number of layers, input and output sizes and what each operation ID means. */
  public readonly nnConfig: ITrialParameter = new TrialValue('nnConfig', 'nn_config', 'Network configuration: layers, sizes and the operations by ID');

  /** @internal */
  constructor(settings: EnasSettings) {
    super('enas', 'enas', settings, {
      controllerHiddenSize: { wire: 'controller_hidden_size', int: true, min: 1 },
      controllerTemperature: { wire: 'controller_temperature', min: 0, minOpen: true },
      controllerTanhConst: { wire: 'controller_tanh_const', min: 0, minOpen: true },
      controllerEntropyWeight: { wire: 'controller_entropy_weight', min: 0, minOpen: true },
      controllerBaselineDecay: { wire: 'controller_baseline_decay', min: 0, minOpen: true, max: 1 },
      controllerLearningRate: { wire: 'controller_learning_rate', min: 0, minOpen: true, max: 1 },
      controllerSkipTarget: { wire: 'controller_skip_target', min: 0, minOpen: true, max: 1 },
      controllerSkipWeight: { wire: 'controller_skip_weight', min: 0, minOpen: true },
      controllerTrainSteps: { wire: 'controller_train_steps', int: true, min: 1 },
      controllerLogEverySteps: { wire: 'controller_log_every_steps', int: true, min: 1 },
    }, []);
    this.suggestionOutputs.push(this.architecture, this.nnConfig);
  }

  /** @internal */
  protected validateCross(scope: IConstruct, _field: string, ctx: AlgorithmContext): void {
    // ValidateAlgorithmSettings in pkg/suggestion/v1beta1/nas/enas/service.py.
    for (const key of ['inputSizes', 'outputSizes'] as const) {
      if (!ctx.nas?.[key]?.length) fail(scope, `nas.${key}`, 'is required by ENAS', key === 'inputSizes' ? 'give the input dimensions, e.g. [32, 32, 3]' : 'give the output dimensions, e.g. [10]');
    }
  }
}

/** DARTS, with the values its suggestion assigns to each trial (pkg/suggestion/v1beta1/nas/darts/service.py). */
export class DartsAlgorithm extends Algorithm {
  /** The DARTS settings, as a JSON-like string the DARTS trial image reads. */
  public readonly algorithmSettings: ITrialParameter = new TrialValue('algorithmSettings', 'algorithm-settings', 'Algorithm settings of the DARTS experiment');
  /** The candidate operations, e.g. `['max_pooling_3x3', 'skip_connection']`. */
  public readonly searchSpace: ITrialParameter = new TrialValue('searchSpace', 'search-space', 'Search space of the DARTS experiment');
  /** The number of layers of `nas`. */
  public readonly numLayers: ITrialParameter = new TrialValue('numLayers', 'num-layers', 'Number of layers of the network');

  /** @internal */
  constructor(settings: DartsSettings) {
    super('darts', 'darts', settings, {
      numEpochs: { wire: 'num_epochs', int: true, min: 1 },
      wLr: { wire: 'w_lr', min: 0 },
      wLrMin: { wire: 'w_lr_min', min: 0 },
      wMomentum: { wire: 'w_momentum', min: 0 },
      wWeightDecay: { wire: 'w_weight_decay', min: 0 },
      wGradClip: { wire: 'w_grad_clip', min: 0 },
      alphaLr: { wire: 'alpha_lr', min: 0 },
      alphaWeightDecay: { wire: 'alpha_weight_decay', min: 0 },
      batchSize: { wire: 'batch_size', int: true, min: 1 },
      numWorkers: { wire: 'num_workers', int: true, min: 0 },
      initChannels: { wire: 'init_channels', int: true, min: 1 },
      printStep: { wire: 'print_step', int: true, min: 1 },
      numNodes: { wire: 'num_nodes', int: true, min: 1 },
      stemMultiplier: { wire: 'stem_multiplier', int: true, min: 1 },
    }, []);
    this.suggestionOutputs.push(this.algorithmSettings, this.searchSpace, this.numLayers);
  }

  /** @internal */
  protected validateCross(scope: IConstruct, _field: string, ctx: AlgorithmContext): void {
    // get_search_space in pkg/suggestion/v1beta1/nas/darts/service.py: every operation but
    // skip_connection becomes `<type>_<n>x<n>` for each value of its first parameter, a list.
    for (const op of ctx.nas?.operations ?? []) {
      const first = op.parameters[0];
      if (op.type !== 'skip_connection' && first && first.type !== SearchParameterType.CATEGORICAL) {
        fail(scope, `nas.operations.${op.type}.${first.name}`, `is ${first.type}, but DARTS reads the first parameter of each operation as its list of filter sizes`,
          `make it SearchSpace.categorical('${first.name}', ['3', '5'])`);
      }
    }
  }
}

const IGNORES: Record<string, string> = {
  hyperopt: '',
  optuna: 'it samples uniform and logUniform only (Katib v0.19 leaves the others out of the search space)',
  skopt: 'it ignores distributions, sampling ints uniformly and doubles log-uniformly',
  goptuna: 'it ignores distributions and samples uniformly',
  hyperband: 'it ignores distributions and samples uniformly',
  pbt: 'it ignores distributions and samples the values min, min + step, …, max',
};

function checkSetting(scope: IConstruct, field: string, value: unknown, rule: Rule): void {
  if (rule.values) {
    if (!rule.values.includes(value as string)) fail(scope, field, `"${String(value)}" is not one of ${rule.values.join(', ')}`, 'use one of the enum values');
    return;
  }
  const n = value as number;
  const what = rule.int ? 'a whole number' : 'a number';
  const lo = rule.min === undefined ? '' : `${rule.minOpen ? '>' : '≥'} ${rule.min}`;
  const hi = rule.max === undefined ? '' : `${rule.maxOpen ? '<' : '≤'} ${rule.max}`;
  const range = [lo, hi].filter((x) => x).join(' and ');
  const ok = typeof n === 'number' && Number.isFinite(n) && (!rule.int || Number.isInteger(n))
    && (rule.min === undefined || (rule.minOpen ? n > rule.min : n >= rule.min))
    && (rule.max === undefined || (rule.maxOpen ? n < rule.max : n <= rule.max));
  if (!ok) fail(scope, field, `${rule.wire} must be ${what}${range ? ` ${range}` : ''}, got ${n}`, `give ${what}${range ? ` ${range}` : ''}, or leave it out for the default`);
}

/** _validate_grid_setting in pkg/suggestion/v1beta1/optuna/service.py. */
function validateGrid(scope: IConstruct, ctx: AlgorithmContext): void {
  let combinations = 1;
  for (const p of ctx.parameters) {
    const n = p.cardinality();
    if (n === undefined) {
      fail(scope, `parameters.${p.name}.step`, 'is required for grid search: a double without a step has infinitely many values',
        `give a step, e.g. SearchSpace.double('${p.name}', { min: ${p.min}, max: ${p.max}, step: ${num(Number((((p.max ?? 1) - (p.min ?? 0)) / 4).toPrecision(2)))} })`);
    }
    combinations *= n;
  }
  if (ctx.maxTrialCount !== undefined && ctx.maxTrialCount > combinations) {
    fail(scope, 'maxTrialCount', `is ${ctx.maxTrialCount}, but the grid has only ${combinations} combination${combinations === 1 ? '' : 's'}`,
      `lower maxTrialCount to at most ${combinations}, or add values to the grid`);
  }
}

/** ValidateAlgorithmSettings in pkg/suggestion/v1beta1/goptuna/service.go. */
function validateCmaes(scope: IConstruct, ctx: AlgorithmContext): void {
  const numeric = ctx.parameters.filter((p) => p.isNumeric).length;
  if (numeric < 2) {
    fail(scope, 'parameters', `CMA-ES needs at least two int or double parameters, and has ${numeric}`,
      'add a numeric parameter, or use Algorithm.bayesianOptimization() or Algorithm.tpe() for a one-dimensional search');
  }
}

/** _validate_bayesianoptimization_setting and BaseSkoptService.create_optimizer in pkg/suggestion/v1beta1/skopt/. */
function validateBayes(scope: IConstruct, field: string, s: BayesianOptimizationSettings, ctx: AlgorithmContext): void {
  if (s.acqOptimizer === AcquisitionOptimizer.LBFGS && (s.baseEstimator ?? BaseEstimator.GP) !== BaseEstimator.GP) {
    fail(scope, join(field, 'acqOptimizer'), `lbfgs needs gradients, which only the GP estimator has (base estimator is ${s.baseEstimator})`,
      'use AcquisitionOptimizer.SAMPLING or AUTO with tree estimators');
  }
  for (const p of ctx.parameters) {
    if (p.type === SearchParameterType.DOUBLE && !(p.min! > 0)) {
      fail(scope, `parameters.${p.name}.min`, `must be greater than zero for Bayesian optimization, got ${p.min}: Katib's skopt service samples every double log-uniformly`,
        'shift the range above zero, or use Algorithm.tpe() or Algorithm.random()');
    }
  }
  const initial = s.nInitialPoints ?? 10;
  if (ctx.maxTrialCount !== undefined && ctx.maxTrialCount <= initial) {
    warn(scope, join(field, 'nInitialPoints'), `every trial is one of the ${initial} random initial points (maxTrialCount is ${ctx.maxTrialCount}), so the model is never used`,
      `lower nInitialPoints below maxTrialCount (e.g. ${Math.max(1, Math.floor(ctx.maxTrialCount / 3))}) or raise maxTrialCount`);
  }
}

/** ValidateAlgorithmSettings in pkg/suggestion/v1beta1/hyperband/service.py. */
function validateHyperband(scope: IConstruct, field: string, s: HyperbandSettings, ctx: AlgorithmContext): void {
  if (!ctx.parameters.some((p) => p === s.resource || p.name === s.resource.name)) {
    fail(scope, join(field, 'resource'), `parameter "${s.resource.name}" is not one of the experiment's parameters`,
      'add the resource parameter (e.g. epochs) to `parameters`');
  }
  for (const p of ctx.parameters) {
    if (p.type === SearchParameterType.DISCRETE && p.list!.some((v) => !Number.isInteger(Number(v)))) {
      fail(scope, `parameters.${p.name}.list`, 'has fractional values, but Katib\'s Hyperband service reads discrete values as integers',
        `use SearchSpace.categorical('${p.name}', …) or whole numbers`);
    }
  }
  const eta = s.eta ?? 3;
  const sMax = Math.trunc(Math.log(s.rL) / Math.log(eta));
  const needed = Math.ceil(eta ** sMax);
  if (ctx.parallelTrialCount < needed) {
    fail(scope, 'parallelTrialCount', `Hyperband with r_l ${s.rL} and eta ${eta} runs ${needed} trials in its first bracket, and parallelTrialCount is ${ctx.parallelTrialCount}`,
      `set parallelTrialCount to at least ${needed}, or lower rL`);
  }
}

/** ValidateAlgorithmSettings and HyperParameterSampler in pkg/suggestion/v1beta1/pbt/service.py. */
function validatePbt(scope: IConstruct, field: string, s: PbtSettings, ctx: AlgorithmContext): void {
  if (!s.suggestionTrialDir.startsWith('/')) {
    fail(scope, join(field, 'suggestionTrialDir'), `"${s.suggestionTrialDir}" is not an absolute path`, 'use an absolute path, e.g. "/var/log/katib/checkpoints/"');
  }
  for (const p of ctx.parameters) {
    if (p.type === SearchParameterType.DOUBLE && p.step === undefined) {
      fail(scope, `parameters.${p.name}.step`, 'is required for PBT, which samples doubles from min, min + step, …, max', 'give a step');
    }
  }
  // The trials mount the suggestion's volume at suggestion_trial_dir (mutateSuggestionVolume in
  // pkg/webhook/v1beta1/pod/inject_webhook.go), which Katib only creates with FromVolume.
  if (ctx.resumePolicy !== undefined && ctx.resumePolicy !== ResumePolicy.FROM_VOLUME) {
    fail(scope, 'resumePolicy', `is ${ctx.resumePolicy}, but PBT trials share checkpoints on the suggestion's volume, which Katib only creates with FromVolume`,
      'use ResumePolicy.FROM_VOLUME (the default with PBT), or leave resumePolicy out');
  }
}
