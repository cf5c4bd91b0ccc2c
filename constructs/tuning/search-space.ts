import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';
import { ITrialParameter, placeholder, TrialMetadata } from './trial-parameter';
import { num } from './wire';

/** How a suggestion samples a numeric parameter (`feasibleSpace.distribution`). */
export enum Distribution {
  UNIFORM = 'uniform',
  /** Uniform over log(value): for values spanning orders of magnitude (learning rates). Needs min > 0. */
  LOG_UNIFORM = 'logUniform',
  /** Normal around the middle of [min, max], with 99.7 % of the mass inside it. */
  NORMAL = 'normal',
  /** Normal over log(value). Needs min > 0. */
  LOG_NORMAL = 'logNormal',
}

/** Katib's parameter types (`parameterType`). */
export enum SearchParameterType {
  INT = 'int',
  DOUBLE = 'double',
  CATEGORICAL = 'categorical',
  DISCRETE = 'discrete',
}

/** A numeric range. */
export interface ParameterRangeOptions {
  /** Smallest value (inclusive). */
  readonly min: number;
  /** Largest value (inclusive). */
  readonly max: number;
  /**
   * Distance between the values tried. Grid search and PBT need it for doubles.
   * @default - any value in the range (ints: every integer)
   */
  readonly step?: number;
  /** @default Distribution.UNIFORM */
  readonly distribution?: Distribution;
  /** Shown in the Katib UI. @default - none */
  readonly description?: string;
}

/** Options of a list parameter. */
export interface ParameterListOptions {
  /** Shown in the Katib UI. @default - none */
  readonly description?: string;
}

/** Wire format of a parameter (`ParameterSpec`). @internal */
export interface RenderedParameter {
  name: string;
  parameterType: SearchParameterType;
  feasibleSpace: { min?: string; max?: string; step?: string; list?: string[]; distribution?: Distribution };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * One dimension of the search space. Create it with {@link SearchSpace}, list it in the
 * experiment's `parameters`, and put its `ref` into the trial's job where the value goes.
 */
export class SearchParameter implements ITrialParameter {
  /** @internal */
  public static _create(name: string, type: SearchParameterType, space: { range?: ParameterRangeOptions; list?: Array<string | number>; description?: string }): SearchParameter {
    return new SearchParameter(name, type, space.range, space.list, space.description);
  }

  private constructor(
    public readonly name: string,
    public readonly type: SearchParameterType,
    private readonly range: ParameterRangeOptions | undefined,
    private readonly values: Array<string | number> | undefined,
    public readonly description: string | undefined,
  ) {}

  /** Katib references a search-space parameter by its name. */
  public get reference(): string {
    return this.name;
  }

  /** The placeholder to put into the trial's job: `${trialParameters.<name>}`. */
  public get ref(): string {
    return placeholder(this.name);
  }

  public get min(): number | undefined {
    return this.range?.min;
  }

  public get max(): number | undefined {
    return this.range?.max;
  }

  public get step(): number | undefined {
    return this.range?.step;
  }

  /** The values of a categorical or discrete parameter. */
  public get list(): Array<string | number> | undefined {
    return this.values ? [...this.values] : undefined;
  }

  /** @default Distribution.UNIFORM for numeric parameters; undefined for lists */
  public get distribution(): Distribution | undefined {
    return this.range ? this.range.distribution ?? Distribution.UNIFORM : undefined;
  }

  /** True for int and double. */
  public get isNumeric(): boolean {
    return this.type === SearchParameterType.INT || this.type === SearchParameterType.DOUBLE;
  }

  /**
   * Throws unless the typed options are usable: a valid name, finite (whole for int) bounds, a
   * positive step within the range, list values. How the range suits Katib and the algorithm
   * (min ≤ max, log distributions, steps the algorithm needs) is the `katib/*` rules' at synth.
   * `field` is where the parameter sits in the user's props, e.g. `parameters.lr`.
   * @internal
   */
  public _validate(scope: IConstruct, field: string): void {
    if (!NAME.test(this.name)) {
      fail(scope, field, `"${this.name}" is not a valid parameter name`,
        'use letters, digits, "_", "-" and ".", starting with a letter or "_" (e.g. "lr", "num_layers")');
    }
    if (TrialMetadata.isReserved(this.name)) {
      fail(scope, field, `"${this.name}" is reserved for the trial's metadata (TrialMetadata)`, 'rename the parameter, e.g. "lr"');
    }
    if (this.range) this.validateRange(scope, field, this.range);
    if (this.values) this.validateList(scope, field, this.values);
  }

  /** @internal */
  public _render(): RenderedParameter {
    const r = this.range;
    return {
      name: this.name,
      parameterType: this.type,
      feasibleSpace: r
        ? { min: num(r.min), max: num(r.max), step: r.step === undefined ? undefined : num(r.step), distribution: this.distribution }
        : { list: this.values!.map((v) => (typeof v === 'number' ? num(v) : v)) },
    };
  }

  private validateRange(scope: IConstruct, field: string, r: ParameterRangeOptions): void {
    const isInt = this.type === SearchParameterType.INT;
    const kind = isInt ? 'a whole number' : 'a finite number';
    for (const key of ['min', 'max', 'step'] as const) {
      const v = r[key];
      if (v === undefined) continue;
      if (!Number.isFinite(v) || (isInt && !Number.isInteger(v))) {
        fail(scope, join(field, key), `must be ${kind}, got ${v}`, isInt ? `use SearchSpace.double('${this.name}', …) for fractional values, or round it` : 'give a number');
      }
    }
    if (r.step !== undefined && !(r.step > 0)) {
      fail(scope, join(field, 'step'), `must be greater than zero, got ${r.step}`, 'give a positive step, or leave it out to search the whole range');
    }
    if (r.step !== undefined && r.step > r.max - r.min && r.max > r.min) {
      fail(scope, join(field, 'step'), `${r.step} is larger than the range ${r.min}–${r.max}, so only min would be tried`,
        `use a step of at most ${r.max - r.min}`);
    }
  }

  private validateList(scope: IConstruct, field: string, values: Array<string | number>): void {
    if (values.length === 0) fail(scope, join(field, 'list'), 'is empty', 'give at least one value');
    const seen = new Set<string>();
    for (const v of values) {
      if (typeof v === 'number' && !Number.isFinite(v)) fail(scope, join(field, 'list'), `${v} is not a finite number`, 'give finite numbers');
      if (typeof v === 'string' && v === '') fail(scope, join(field, 'list'), 'contains an empty value', 'remove it');
      const key = typeof v === 'number' ? num(v) : v;
      // feasibleSpace.list is a set (x-kubernetes-list-type: set in Katib's API).
      if (seen.has(key)) fail(scope, join(field, 'list'), `"${key}" is listed twice`, 'list each value once');
      seen.add(key);
    }
  }
}

/** Factories of search-space parameters. */
export class SearchSpace {
  /** Whole numbers in [min, max] (every `step`-th, when given). */
  public static int(name: string, options: ParameterRangeOptions): SearchParameter {
    return SearchParameter._create(name, SearchParameterType.INT, { range: options, description: options.description });
  }

  /** Real numbers in [min, max] (every `step`-th, when given). */
  public static double(name: string, options: ParameterRangeOptions): SearchParameter {
    return SearchParameter._create(name, SearchParameterType.DOUBLE, { range: options, description: options.description });
  }

  /** One of a list of strings, e.g. optimizers. */
  public static categorical(name: string, values: string[], options: ParameterListOptions = {}): SearchParameter {
    return SearchParameter._create(name, SearchParameterType.CATEGORICAL, { list: [...values], description: options.description });
  }

  /** One of a list of numbers, e.g. batch sizes 32, 64, 128. */
  public static discrete(name: string, values: number[], options: ParameterListOptions = {}): SearchParameter {
    return SearchParameter._create(name, SearchParameterType.DISCRETE, { list: [...values], description: options.description });
  }

  private constructor() {}
}
