import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';

/** Whether the objective metric is to be maximized or minimized (`objective.type`). */
export enum ObjectiveType {
  MAXIMIZE = 'maximize',
  MINIMIZE = 'minimize',
}

/** Which of a trial's reported values of a metric counts (`objective.metricStrategies`). */
export enum MetricStrategy {
  MIN = 'min',
  MAX = 'max',
  /** The last value reported. */
  LATEST = 'latest',
}

export interface MetricOptions {
  /**
   * Stop the experiment once a trial reaches this value (≥ goal when maximizing, ≤ goal when
   * minimizing).
   * @default - no goal: the experiment runs until maxTrialCount trials succeeded
   */
  readonly goal?: number;
  /** Other metrics to collect from every trial (e.g. `loss` next to `accuracy`). @default - none */
  readonly additionalMetrics?: string[];
  /**
   * How each metric's value is taken from what a trial reports, by metric name (the objective
   * metric or an additional one).
   * @default - Katib's defaults: `max` for every metric when maximizing, `min` when minimizing
   */
  readonly metricStrategies?: Record<string, MetricStrategy>;
}

/** Wire format of `spec.objective`. @internal */
export interface RenderedObjective {
  type: ObjectiveType;
  goal?: number;
  objectiveMetricName: string;
  additionalMetricNames?: string[];
  metricStrategies: Array<{ name: string; value: MetricStrategy }>;
}

/** What the experiment optimizes: `Metric.maximize('accuracy', { goal: 0.95 })`. */
export class Metric {
  /** Maximize `name` (e.g. accuracy). */
  public static maximize(name: string, options: MetricOptions = {}): Metric {
    return new Metric(ObjectiveType.MAXIMIZE, name, options);
  }

  /** Minimize `name` (e.g. loss). */
  public static minimize(name: string, options: MetricOptions = {}): Metric {
    return new Metric(ObjectiveType.MINIMIZE, name, options);
  }

  private constructor(
    public readonly type: ObjectiveType,
    public readonly name: string,
    private readonly options: MetricOptions,
  ) {}

  public get goal(): number | undefined {
    return this.options.goal;
  }

  /** The objective metric, then the additional ones. */
  public get metricNames(): string[] {
    return [this.name, ...(this.options.additionalMetrics ?? [])];
  }

  /** The strategy of each metric, with Katib's defaults filled in. */
  public strategyOf(metric: string): MetricStrategy {
    // setDefaultObjective in kubeflow/katib pkg/apis/controller/experiments/v1beta1/experiment_defaults.go:
    // every metric without a strategy gets max when maximizing, min when minimizing.
    return this.options.metricStrategies?.[metric] ?? (this.type === ObjectiveType.MAXIMIZE ? MetricStrategy.MAX : MetricStrategy.MIN);
  }

  /**
   * Throws unless the objective makes sense: metric names given and distinct, strategies only
   * for collected metrics, a finite goal, and the objective's strategy not working against its
   * direction. Katib's own checks (e.g. the objective metric not also additional) are the
   * katib/objective rule's at synth.
   * @internal
   */
  public _validate(scope: IConstruct, field: string): void {
    if (!this.name.trim()) fail(scope, join(field, 'name'), 'the objective metric name is empty', 'name the metric the training code reports, e.g. "accuracy"');
    const additional = this.options.additionalMetrics ?? [];
    const seen = new Set<string>();
    for (const m of additional) {
      if (!m.trim()) fail(scope, join(field, 'additionalMetrics'), 'contains an empty metric name', 'remove it');
      if (seen.has(m)) fail(scope, join(field, 'additionalMetrics'), `"${m}" is listed twice`, 'list each metric once');
      seen.add(m);
    }
    for (const m of Object.keys(this.options.metricStrategies ?? {})) {
      if (m !== this.name && !seen.has(m)) {
        fail(scope, join(field, 'metricStrategies', m), `"${m}" is neither the objective metric nor an additional metric`,
          `add "${m}" to additionalMetrics, or fix the name (metrics: ${this.metricNames.join(', ')})`);
      }
    }
    const goal = this.options.goal;
    if (goal !== undefined && !Number.isFinite(goal)) fail(scope, join(field, 'goal'), `must be a finite number, got ${goal}`, 'give the value at which to stop, or leave the goal out');
    const contrary = this.type === ObjectiveType.MAXIMIZE ? MetricStrategy.MIN : MetricStrategy.MAX;
    if (this.strategyOf(this.name) === contrary) {
      fail(scope, join(field, 'metricStrategies', this.name),
        `is "${contrary}" while the objective is to ${this.type} "${this.name}": each trial would be judged, and compared with the goal, by its worst value`,
        `use MetricStrategy.${this.type === ObjectiveType.MAXIMIZE ? 'MAX' : 'MIN'} (the default) or MetricStrategy.LATEST`);
    }
  }

  /** @internal */
  public _render(): RenderedObjective {
    const additional = this.options.additionalMetrics ?? [];
    return {
      type: this.type,
      goal: this.options.goal,
      objectiveMetricName: this.name,
      additionalMetricNames: additional.length ? [...additional] : undefined,
      metricStrategies: this.metricNames.map((name) => ({ name, value: this.strategyOf(name) })),
    };
  }
}
