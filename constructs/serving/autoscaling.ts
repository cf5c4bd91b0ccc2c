import { SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkName, fail, field as join, requireRelease, Size, sizeQuantity } from '../core';
import { DeploymentMode, KNATIVE_HPA_CLASS, KNATIVE_KPA_CLASS, SERVING_ANNOTATIONS } from './deployment-mode';
import { ComponentFields } from './wire';

/**
 * Which autoscaler scales the components of an InferenceService (or an InferenceGraph's router).
 * KServe reads it from the object's annotations, so all components share it. Knative mode has
 * KPA and HPA (Knative's HPA class); Standard mode has HPA, KEDA, EXTERNAL and NONE
 * (`serving.kserve.io/autoscalerClass`, KServe's `AutoscalerAllowedClassList`).
 */
export enum Autoscaler {
  /** Knative's pod autoscaler, on concurrency or rps; can scale to zero. Knative mode's default. */
  KPA = 'kpa',
  /** A HorizontalPodAutoscaler on CPU or memory; keeps at least one replica. Standard mode's default; in Knative mode Knative's HPA class. */
  HPA = 'hpa',
  /** A KEDA ScaledObject on CPU, memory or a Prometheus query; can scale to zero. Standard mode; needs KEDA in the cluster (KServe 0.15 or later). */
  KEDA = 'keda',
  /** Standard mode: KServe creates no autoscaler and leaves the Deployment's replicas to one you manage (your own HPA, ScaledObject, …). */
  EXTERNAL = 'external',
  /**
   * Standard mode: no autoscaling; the Deployment runs `minReplicas` replicas (KServe 0.15.1 or
   * later). Multi-node serving (a predictor `workerSpec`) requires it.
   */
  NONE = 'none',
}

/** The autoscalers each deployment mode has (Knative's HPA class in Knative mode; KServe's classes in Standard). */
const MODE_AUTOSCALERS: Readonly<Record<string, readonly Autoscaler[]>> = {
  [DeploymentMode.KNATIVE]: [Autoscaler.KPA, Autoscaler.HPA],
  [DeploymentMode.STANDARD]: [Autoscaler.HPA, Autoscaler.KEDA, Autoscaler.EXTERNAL, Autoscaler.NONE],
};

/** The first KServe version with each autoscaler, where later than any we target by default. */
// KEDA: kserve 0.15.0's AutoscalerAllowedClassList; none: kserve#4363, first in 0.15.1.
const AUTOSCALER_SINCE: Partial<Record<Autoscaler, string>> = { [Autoscaler.KEDA]: '0.15.0', [Autoscaler.NONE]: '0.15.1' };

/** A Prometheus query that KEDA scales on (Standard mode). */
export interface PrometheusMetricOptions {
  /** PromQL returning one number, e.g. `sum(rate(request_count{service="resnet-predictor"}[1m]))`. */
  readonly query: string;
  /** Value of the query one replica should handle; KEDA adds replicas above it. */
  readonly threshold: number;
  /** Prometheus URL, e.g. `http://prometheus-operated.monitoring:9090`. */
  readonly serverAddress: string;
  /** Namespace for multi-tenant Prometheus (Thanos/Cortex) queries. @default - none */
  readonly namespace?: string;
  /**
   * Name of a KEDA TriggerAuthentication in the service's namespace with the credentials for
   * Prometheus (`authenticationRef`).
   * @default - none: Prometheus is queried without credentials
   */
  readonly authenticationRef?: string;
  /** How KEDA authenticates, e.g. `bearer`, `basic`, `tls` (KEDA's `authModes`); only with `authenticationRef`. @default - KEDA's default */
  readonly authModes?: string;
}

type MetricKind = 'concurrency' | 'rps' | 'cpu' | 'memory' | 'memoryAverage' | 'prometheus';

/**
 * What an autoscaler watches, with its target: `ScaleMetric.concurrency(10)`,
 * `ScaleMetric.cpu(70)`. Each autoscaler scales on some of them (KServe's webhook:
 * `validateScalingKPACompExtension`, `validateScalingHPACompExtension`,
 * `validateScalingKedaCompExtension` in pkg/apis/serving/v1beta1/inference_service_validation.go):
 *
 * | metric | KPA (Knative) | HPA | KEDA (Standard) | scale to zero |
 * | --- | --- | --- | --- | --- |
 * | concurrency, rps | yes | – | – | KPA |
 * | cpu, memory (utilization) | – | yes | yes | – |
 * | memoryAverage | – | Standard mode | yes | – |
 * | prometheus | – | – | yes | KEDA |
 *
 * Without an `autoscaler` prop, the service takes the one its metrics need (cpu and memory:
 * the HPA; prometheus: KEDA); give `autoscaler: Autoscaler.KEDA` to scale on CPU or memory
 * with KEDA.
 */
export class ScaleMetric {
  /** In-flight requests per replica (Knative's default metric; Knative's own default target is 100). Knative mode. */
  static concurrency(target: number): ScaleMetric {
    return new ScaleMetric('concurrency', target);
  }
  /** Requests per second per replica. Knative mode. */
  static rps(target: number): ScaleMetric {
    return new ScaleMetric('rps', target);
  }
  /** Average CPU utilization in percent of the request (1–100; KServe's default is 80). */
  static cpu(utilizationPercent = 80): ScaleMetric {
    return new ScaleMetric('cpu', utilizationPercent);
  }
  /**
   * Average memory in percent of the request (1–100). In Knative mode Knative's HPA class reads
   * the target as MiB, and KServe's webhook caps it at 100 all the same.
   */
  static memory(utilizationPercent: number): ScaleMetric {
    return new ScaleMetric('memory', utilizationPercent);
  }
  /**
   * Average memory use per replica, e.g. `Size.gibibytes(4)` (a Resource metric of type
   * AverageValue; KEDA requires at least 1 MiB). Standard mode, HPA or KEDA.
   */
  static memoryAverage(perReplica: Size): ScaleMetric {
    return new ScaleMetric('memoryAverage', perReplica.toMebibytes({ rounding: SizeRoundingBehavior.NONE }), undefined, perReplica);
  }
  /** A Prometheus query, scaled by KEDA (Standard mode; needs KEDA installed). */
  static prometheus(options: PrometheusMetricOptions): ScaleMetric {
    return new ScaleMetric('prometheus', options.threshold, options);
  }

  private constructor(
    public readonly kind: MetricKind,
    /** The target: a count, a percentage, MiB (memoryAverage) or the Prometheus threshold. */
    public readonly target: number,
    public readonly prometheus?: PrometheusMetricOptions,
    private readonly averageValue?: Size,
  ) {}

  /** The autoscaler this metric needs in `mode`, or undefined when the mode has none for it. */
  public autoscalerIn(mode: DeploymentMode): Autoscaler | undefined {
    switch (this.kind) {
      case 'concurrency':
      case 'rps':
        return mode === DeploymentMode.KNATIVE ? Autoscaler.KPA : undefined;
      case 'cpu':
      case 'memory':
        return Autoscaler.HPA;
      case 'memoryAverage':
        return mode === DeploymentMode.STANDARD ? Autoscaler.HPA : undefined;
      case 'prometheus':
        return mode === DeploymentMode.STANDARD ? Autoscaler.KEDA : undefined;
    }
  }

  /** The memoryAverage target as a quantity. @internal */
  public _averageValue(): string | undefined {
    return this.averageValue && sizeQuantity(this.averageValue);
  }
}

/** Replica bounds and the metric a component scales on. */
export interface AutoscalingProps {
  /**
   * Fewest replicas; 0 scales to zero when idle (Knative's KPA, or KEDA in Standard mode). With
   * `Autoscaler.NONE` the replicas the Deployment runs.
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * Most replicas; in Standard mode required with a `metric`.
   * @default - Knative: the cluster's max-scale (unlimited by default); Standard: minReplicas (no scaling)
   */
  readonly maxReplicas?: number;
  /**
   * What the autoscaler scales on; none with `Autoscaler.EXTERNAL` or `Autoscaler.NONE`.
   * @default - KPA: concurrency with Knative's target (100); HPA: CPU at 80 %
   */
  readonly metric?: ScaleMetric;
}

/** The autoscaling fields of a component (`ComponentExtensionSpec`). @internal */
export type RenderedAutoscaling = Pick<ComponentFields, 'minReplicas' | 'maxReplicas' | 'scaleMetric' | 'scaleMetricType' | 'scaleTarget' | 'autoScaling'>;

/** One component's autoscaling, as {@link resolveAutoscaler} sees it. @internal */
export interface AutoscalingInput {
  /** Where the autoscaling props sit, e.g. `predictor.autoscaling`. */
  readonly field: string;
  readonly props?: AutoscalingProps;
}

/** The default autoscaler of a mode: KPA for Knative, HPA for Standard (`constants.DefaultAutoscalerClass`). @internal */
export function defaultAutoscaler(mode: DeploymentMode): Autoscaler {
  return mode === DeploymentMode.KNATIVE ? Autoscaler.KPA : Autoscaler.HPA;
}

/** How {@link resolveAutoscaler} chooses, besides the components' metrics. @internal */
export interface ResolveAutoscalerOptions {
  /** The construct's `autoscaler` prop. @default - chosen by the metrics */
  readonly explicit?: Autoscaler;
  /** The autoscaler when neither `explicit` nor a metric chooses one. @default - the mode's default */
  readonly fallback?: Autoscaler;
  /** For an InferenceGraph: its spec has no `autoScaling`, so neither KEDA nor the metrics KServe reads from there. @default false */
  readonly graph?: boolean;
}

/** Metrics rendered to `autoScaling.metrics`, which InferenceGraphs lack. */
const AUTOSCALING_METRICS: readonly MetricKind[] = ['memoryAverage', 'prometheus'];

/**
 * The one autoscaler of a service: the `autoscaler` prop, else the one its first metric with an
 * autoscaler in this mode needs (KServe reads the class from the service's annotations), else
 * `fallback`, else the mode's default. The prop is checked against the mode and the release;
 * components whose metrics need another autoscaler, or a metric the mode has no autoscaler for,
 * render as given, and the kserve policies report them at synth (`kserve/scale-metric`,
 * `kserve/scaling-ignored`, `kserve/autoscaling-metrics`).
 * @internal
 */
export function resolveAutoscaler(scope: IConstruct, mode: DeploymentMode, inputs: AutoscalingInput[], options: ResolveAutoscalerOptions = {}): Autoscaler {
  const kind = options.graph ? 'an InferenceGraph' : 'an InferenceService';
  for (const input of inputs) {
    const metric = input.props?.metric;
    if (options.graph && metric && AUTOSCALING_METRICS.includes(metric.kind)) {
      fail(scope, join(input.field, 'metric'), `${metric.kind} is not a metric an InferenceGraph can scale on: its spec has no autoScaling metrics (KEDA's)`,
        'scale the graph on ScaleMetric.concurrency(), rps(), cpu() or memory()');
    }
  }
  const explicit = options.explicit;
  if (explicit !== undefined) {
    if (!Object.values(Autoscaler).includes(explicit)) {
      fail(scope, 'autoscaler', `"${explicit}" is not an autoscaler`, `use one of Autoscaler.${Object.keys(Autoscaler).join(', Autoscaler.')}`);
    }
    const availableIn = (m: DeploymentMode) => MODE_AUTOSCALERS[m].filter((a) => !(options.graph && a === Autoscaler.KEDA));
    const available = availableIn(mode);
    if (!available.includes(explicit)) {
      const why = options.graph && explicit === Autoscaler.KEDA
        ? 'KEDA cannot scale an InferenceGraph: its spec has no autoScaling metrics for a ScaledObject\'s triggers'
        : `${mode} mode has no ${explicit} autoscaler for ${kind}`;
      const other = mode === DeploymentMode.KNATIVE ? DeploymentMode.STANDARD : DeploymentMode.KNATIVE;
      const switchMode = availableIn(other).includes(explicit) ? `, or DeploymentMode.${other.toUpperCase()}` : '';
      fail(scope, 'autoscaler', why, `in ${mode} mode use Autoscaler.${available.map((a) => a.toUpperCase()).join(' or Autoscaler.')}${switchMode}`);
    }
    const since = AUTOSCALER_SINCE[explicit];
    if (since) requireRelease(scope, 'autoscaler', 'kserve', since, `the ${explicit} autoscaler class`);
    return explicit;
  }
  const chosen = inputs.map((i) => i.props?.metric?.autoscalerIn(mode)).find((a) => a !== undefined);
  return chosen ?? options.fallback ?? defaultAutoscaler(mode);
}

/**
 * The annotations that select `autoscaler` in `mode`, always written (KServe would default them
 * the same way: KPA in Knative, `knutils.SetAutoScalingAnnotations`; HPA in Standard).
 * @internal
 */
export function autoscalerAnnotations(mode: DeploymentMode, autoscaler: Autoscaler): Record<string, string> {
  if (mode === DeploymentMode.KNATIVE) {
    return { [SERVING_ANNOTATIONS.knativeClass]: autoscaler === Autoscaler.HPA ? KNATIVE_HPA_CLASS : KNATIVE_KPA_CLASS };
  }
  return { [SERVING_ANNOTATIONS.autoscalerClass]: autoscaler };
}

type AutoScalingMetric = NonNullable<NonNullable<ComponentFields['autoScaling']>['metrics']>[number];

/**
 * Validates one component's typed autoscaling props (whole replica counts, metric targets) and
 * renders them for `autoscaler`: KEDA reads CPU and memory targets from `autoScaling.metrics`
 * (its webhook rejects `scaleMetric`), the others from `scaleMetric`/`scaleTarget`. How they fit
 * together (bounds in order, the metric for the autoscaler, scale to zero, maxReplicas with a
 * metric) is checked at synth by the kserve policies; a metric under an autoscaler that scales
 * on none (EXTERNAL, NONE) is an error here, as nothing would read it.
 * @internal
 */
export function renderAutoscaling(scope: IConstruct, field: string, props: AutoscalingProps = {}, autoscaler?: Autoscaler): RenderedAutoscaling {
  const { minReplicas, maxReplicas, metric } = props;
  const f = (name: string) => join(field, name);
  if (minReplicas !== undefined && (!Number.isInteger(minReplicas) || minReplicas < 0)) {
    fail(scope, f('minReplicas'), `must be a whole number ≥ 0, got ${minReplicas}`, 'give 0 to scale to zero when idle, or the number of replicas to keep warm');
  }
  if (maxReplicas !== undefined && (!Number.isInteger(maxReplicas) || maxReplicas < 1)) {
    fail(scope, f('maxReplicas'), `must be a whole number ≥ 1, got ${maxReplicas}`, 'give the most replicas the service may run, or leave it out');
  }
  const out: RenderedAutoscaling = { minReplicas, maxReplicas };
  if (!metric) return out;
  const target = metric.target;
  const targetField = f('metric');
  if (autoscaler === Autoscaler.NONE || autoscaler === Autoscaler.EXTERNAL) {
    fail(scope, targetField, `is set, but the ${autoscaler} autoscaler scales on no metric (${autoscaler === Autoscaler.NONE ? 'the Deployment runs minReplicas replicas' : 'your own autoscaler scales the Deployment'})`,
      'drop the metric, or choose Autoscaler.HPA or Autoscaler.KEDA');
  }
  const metrics = (m: AutoScalingMetric): RenderedAutoscaling => {
    // KServe's autoScaling field (and KEDA with it) arrived in 0.15.
    requireRelease(scope, targetField, 'kserve', '0.15.0', `the ${metric.kind} metric (autoScaling.metrics)`);
    return { ...out, autoScaling: { metrics: [m] } };
  };
  switch (metric.kind) {
    case 'concurrency':
    case 'rps':
      // validateScalingKPACompExtension: "the target for rps should be greater than 1"; a zero
      // concurrency target is meaningless to Knative's KPA as well.
      if (!Number.isInteger(target) || target < 1) {
        fail(scope, targetField, `the ${metric.kind} target must be a whole number ≥ 1, got ${target}`, `give the ${metric.kind === 'rps' ? 'requests per second' : 'in-flight requests'} one replica should handle, e.g. ScaleMetric.${metric.kind}(10)`);
      }
      return { ...out, scaleMetric: metric.kind, scaleTarget: target };
    case 'cpu':
    case 'memory':
      // validateScalingHPACompExtension: "the target utilization percentage should be a [1-100] integer"
      // (its condition `metric == cpu && target < 1 || target > 100` caps memory targets at 100 too).
      if (!Number.isInteger(target) || target < 1 || target > 100) {
        fail(scope, targetField, `the ${metric.kind} target must be a whole percentage between 1 and 100, got ${target}`, `give the average utilization to keep, e.g. ScaleMetric.${metric.kind}(70)`);
      }
      if (autoscaler === Autoscaler.KEDA) {
        return metrics({ type: 'Resource', resource: { name: metric.kind, target: { type: 'Utilization', averageUtilization: target } } });
      }
      return { ...out, scaleMetric: metric.kind, scaleTarget: target };
    case 'memoryAverage':
      if (!(target > 0)) fail(scope, targetField, `the memory per replica must be greater than zero, got ${metric._averageValue()}`, 'give the average memory one replica should use, e.g. ScaleMetric.memoryAverage(Size.gibibytes(4))');
      return metrics({ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: metric._averageValue() } } });
    case 'prometheus': {
      // validateScalingKedaCompExtension: the query must not be empty and the target value must be set.
      const p = metric.prometheus!;
      if (!p.query.trim()) fail(scope, join(targetField, 'query'), 'is empty', 'give a PromQL query that returns one number');
      if (!(target > 0) || !Number.isFinite(target)) fail(scope, join(targetField, 'threshold'), `must be greater than zero, got ${target}`, 'give the value one replica should handle');
      if (!/^https?:\/\/\S+$/.test(p.serverAddress)) fail(scope, join(targetField, 'serverAddress'), `"${p.serverAddress}" is not an http(s) URL`, 'give the Prometheus URL, e.g. http://prometheus-operated.monitoring:9090');
      if (p.authenticationRef !== undefined) checkName(scope, join(targetField, 'authenticationRef'), p.authenticationRef);
      if (p.authModes !== undefined && p.authenticationRef === undefined) {
        fail(scope, join(targetField, 'authModes'), 'is set without authenticationRef', 'name the KEDA TriggerAuthentication that holds the credentials (authenticationRef), or drop authModes');
      }
      return metrics({
        type: 'External',
        external: {
          metric: { backend: 'prometheus', serverAddress: p.serverAddress, query: p.query, namespace: p.namespace },
          target: { type: 'Value', value: String(target) },
          authenticationRef: p.authenticationRef === undefined ? undefined : { authenticationRef: { name: p.authenticationRef }, authModes: p.authModes },
        },
      });
    }
  }
}
