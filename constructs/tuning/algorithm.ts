import { IConstruct } from 'constructs';
import { fail, field as join, warn } from '../core';
import {
  AcquisitionFunction, AcquisitionOptimizer, BaseEstimator, BayesianOptimizationSettings, CmaesRestartStrategy, CmaesSettings,
  DartsSettings, EnasSettings, GridSettings, HyperbandSettings, MultivariateTpeSettings, PbtSettings, RandomSettings, TpeSettings,
} from './algorithm-settings';
import { SearchParameter } from './search-space';
import { ITrialParameter, TrialValue } from './trial-parameter';
import { num } from './wire';

/** What the experiment tells an algorithm for its warnings. @internal */
export interface AlgorithmContext {
  readonly maxTrialCount?: number;
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

/**
 * A Katib search algorithm with its typed settings: `Algorithm.bayesianOptimization({...})`,
 * `Algorithm.tpe()`, `Algorithm.grid()`, … Each setting is checked at construction against the
 * range the Katib v0.19 suggestion service that runs it accepts (katib-config `suggestions`);
 * what the service checks against the rest of the experiment (grid size, Hyperband's brackets,
 * CMA-ES's dimensions, distributions, …) is the `katib/*` rules' at synth.
 */
export class Algorithm {
  /** Random search (hyperopt `rand.suggest`). */
  public static random(settings: RandomSettings = {}): Algorithm {
    return new Algorithm('random', 'hyperopt', settings, SEED);
  }

  /** Every combination of the parameters (optuna `GridSampler`); doubles need a step. */
  public static grid(settings: GridSettings = {}): Algorithm {
    return new Algorithm('grid', 'optuna', settings, SEED);
  }

  /** Tree-structured Parzen estimator (hyperopt `tpe.suggest`). */
  public static tpe(settings: TpeSettings = {}): Algorithm {
    return new Algorithm('tpe', 'hyperopt', settings, {
      gamma: { wire: 'gamma', min: 0, minOpen: true, max: 1, maxOpen: true },
      priorWeight: { wire: 'prior_weight', min: 0, minOpen: true },
      nEiCandidates: { wire: 'n_EI_candidates', int: true, min: 1 },
      ...SEED,
    });
  }

  /** TPE over all parameters jointly (optuna `TPESampler(multivariate=True)`). */
  public static multivariateTpe(settings: MultivariateTpeSettings = {}): Algorithm {
    return new Algorithm('multivariate-tpe', 'optuna', settings, {
      nStartupTrials: { wire: 'n_startup_trials', int: true, min: 0 },
      nEiCandidates: { wire: 'n_ei_candidates', int: true, min: 0 },
      ...SEED,
    });
  }

  /** Covariance matrix adaptation evolution strategy (goptuna); needs two or more int/double parameters. */
  public static cmaes(settings: CmaesSettings = {}): Algorithm {
    return new Algorithm('cmaes', 'goptuna', settings, {
      // Katib accepts sigma ≥ 0, but a zero initial step size never leaves the start point.
      sigma: { wire: 'sigma', min: 0, minOpen: true },
      restartStrategy: { wire: 'restart_strategy', values: Object.values(CmaesRestartStrategy) },
      ...SEED,
    });
  }

  /** Quasi-random Sobol sequence (goptuna); takes no settings. */
  public static sobol(): Algorithm {
    return new Algorithm('sobol', 'goptuna', {}, {});
  }

  /** Bayesian optimization with a Gaussian-process (or tree) surrogate (skopt). */
  public static bayesianOptimization(settings: BayesianOptimizationSettings = {}): Algorithm {
    return new Algorithm('bayesianoptimization', 'skopt', settings, {
      baseEstimator: { wire: 'base_estimator', values: Object.values(BaseEstimator) },
      nInitialPoints: { wire: 'n_initial_points', int: true, min: 0 },
      acqFunc: { wire: 'acq_func', values: Object.values(AcquisitionFunction) },
      acqOptimizer: { wire: 'acq_optimizer', values: Object.values(AcquisitionOptimizer) },
      ...SEED,
    });
  }

  /** Hyperband: many short trials, the best continued with more budget. */
  public static hyperband(settings: HyperbandSettings): Algorithm {
    return new Algorithm('hyperband', 'hyperband', settings, {
      rL: { wire: 'r_l', min: 0, minOpen: true },
      eta: { wire: 'eta', int: true, min: 2 },
    });
  }

  /** Population-based training: trials exploit better members' checkpoints and perturb their parameters. */
  public static pbt(settings: PbtSettings): Algorithm {
    return new Algorithm('pbt', 'pbt', settings, {
      nPopulation: { wire: 'n_population', int: true, min: 5 },
      truncationThreshold: { wire: 'truncation_threshold', min: 0, max: 1 },
    });
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
  /**
   * The outputs whose values are JSON-like text with spaces and single quotes (Katib's NAS
   * services replace `"` by `'`): a trial run through `sh -c` must put them in double quotes.
   * @internal
   */
  public readonly _textualOutputs: ITrialParameter[] = [];

  protected constructor(
    /** Katib's `algorithmName`. */
    public readonly name: string,
    /** The Katib suggestion service that runs it (katib-config `suggestions`). */
    public readonly service: string,
    private readonly settings: object,
    private readonly rules: Record<string, Rule>,
  ) {}

  /** True for the architecture-search algorithms, which take `nas` instead of `parameters`. */
  public get isNas(): boolean {
    return this.suggestionOutputs.length > 0;
  }

  /** Throws unless each setting is in the range its service accepts; `field` is the algorithm's prop (`algorithm`). @internal */
  public _validate(scope: IConstruct, field: string, ctx: AlgorithmContext): void {
    const s = this.settings as Record<string, unknown>;
    for (const [prop, rule] of Object.entries(this.rules)) {
      if (s[prop] !== undefined) checkSetting(scope, join(field, prop), s[prop], rule);
    }
    this.validateOwn(scope, field, ctx);
  }

  /** @internal */
  public _render(): { algorithmName: string; algorithmSettings?: Array<{ name: string; value: string }> } {
    const settings = this.renderSettings();
    return { algorithmName: this.name, algorithmSettings: settings.length ? settings : undefined };
  }

  /** Checks of the algorithm's own props beyond their ranges, and its warnings. @internal */
  protected validateOwn(scope: IConstruct, field: string, ctx: AlgorithmContext): void {
    const s = this.settings as Record<string, unknown>;
    if (this.name === 'bayesianoptimization') warnBayes(scope, field, s as BayesianOptimizationSettings, ctx);
    if (this.name === 'pbt') checkPbt(scope, field, s as unknown as PbtSettings);
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
    });
    this.suggestionOutputs.push(this.architecture, this.nnConfig);
    this._textualOutputs.push(this.architecture, this.nnConfig);
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
    });
    this.suggestionOutputs.push(this.algorithmSettings, this.searchSpace, this.numLayers);
    this._textualOutputs.push(this.algorithmSettings, this.searchSpace);
  }
}

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

/** Bayesian optimization whose trials are all random initial points never uses its model. */
function warnBayes(scope: IConstruct, field: string, s: BayesianOptimizationSettings, ctx: AlgorithmContext): void {
  const initial = s.nInitialPoints ?? 10;
  if (ctx.maxTrialCount !== undefined && ctx.maxTrialCount <= initial) {
    warn(scope, join(field, 'nInitialPoints'), `every trial is one of the ${initial} random initial points (maxTrialCount is ${ctx.maxTrialCount}), so the model is never used`,
      `lower nInitialPoints below maxTrialCount (e.g. ${Math.max(1, Math.floor(ctx.maxTrialCount / 3))}) or raise maxTrialCount`);
  }
}

/** PBT's checkpoint directory is a mount path in each trial's primary container. */
function checkPbt(scope: IConstruct, field: string, s: PbtSettings): void {
  if (!s.suggestionTrialDir.startsWith('/')) {
    fail(scope, join(field, 'suggestionTrialDir'), `"${s.suggestionTrialDir}" is not an absolute path`, 'use an absolute path, e.g. "/var/log/katib/checkpoints/"');
  }
}
