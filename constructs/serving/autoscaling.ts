import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';
import { DeploymentMode, KNATIVE_HPA_CLASS, KNATIVE_KPA_CLASS, SERVING_ANNOTATIONS } from './deployment-mode';
import { ComponentFields } from './wire';

/**
 * Which autoscaler scales a component. KServe picks it per InferenceService (annotations), so
 * every component of one service shares it.
 */
export enum Autoscaler {
  /** Knative pod autoscaler: concurrency or rps; can scale to zero. Knative mode only. */
  KPA = 'kpa',
  /** HorizontalPodAutoscaler: CPU or memory utilization; at least one replica. */
  HPA = 'hpa',
  /** KEDA ScaledObject on a Prometheus query; can scale to zero. Standard mode only. */
  KEDA = 'keda',
}

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
}

type MetricKind = 'concurrency' | 'rps' | 'cpu' | 'memory' | 'prometheus';

/**
 * What an autoscaler watches, with its target: `ScaleMetric.concurrency(10)`,
 * `ScaleMetric.cpu(70)`. Each metric belongs to one autoscaler, and each deployment mode offers
 * some of them (KServe's webhook: `validateScalingKPACompExtension`,
 * `validateScalingHPACompExtension`, `validateScalingKedaCompExtension` in
 * pkg/apis/serving/v1beta1/inference_service_validation.go):
 *
 * | metric | Knative | Standard | scale to zero |
 * | --- | --- | --- | --- |
 * | concurrency, rps | KPA | – | yes |
 * | cpu, memory | Knative's HPA class | HPA | no |
 * | prometheus | – | KEDA | yes |
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
  /** A Prometheus query, scaled by KEDA (Standard mode; needs KEDA installed). */
  static prometheus(options: PrometheusMetricOptions): ScaleMetric {
    return new ScaleMetric('prometheus', options.threshold, options);
  }

  private constructor(
    public readonly kind: MetricKind,
    public readonly target: number,
    public readonly prometheus?: PrometheusMetricOptions,
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
      case 'prometheus':
        return mode === DeploymentMode.STANDARD ? Autoscaler.KEDA : undefined;
    }
  }
}

/** Replica bounds and the metric a component scales on. */
export interface AutoscalingProps {
  /**
   * Fewest replicas; 0 scales to zero when idle (Knative's KPA, or KEDA in Standard mode).
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * Most replicas; in Standard mode required with a `metric`.
   * @default - Knative: the cluster's max-scale (unlimited by default); Standard: minReplicas (no scaling)
   */
  readonly maxReplicas?: number;
  /**
   * @default - Knative: concurrency with Knative's target (100); Standard: CPU at 80 %
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

/**
 * The one autoscaler of a service: the one its first metric with an autoscaler in this mode needs
 * (KServe reads the class from the service's annotations), else the mode's default. Components
 * whose metrics need another autoscaler, or a metric the mode has no autoscaler for, render as
 * given; the kserve policies report them at synth (`kserve/scale-metric`, `kserve/scaling-ignored`).
 * `allowKeda` is false for InferenceGraphs, whose spec has no field for KEDA metrics.
 * @internal
 */
export function resolveAutoscaler(scope: IConstruct, mode: DeploymentMode, inputs: AutoscalingInput[], allowKeda = true): Autoscaler {
  let chosen: Autoscaler | undefined;
  for (const input of inputs) {
    const metric = input.props?.metric;
    if (!metric) continue;
    if (metric.kind === 'prometheus' && !allowKeda) {
      fail(scope, join(input.field, 'metric'), 'prometheus is not a metric an InferenceGraph can scale on: its spec has no KEDA metrics', 'scale the graph on ScaleMetric.concurrency(), rps(), cpu() or memory()');
    }
    chosen ??= metric.autoscalerIn(mode);
  }
  return chosen ?? defaultAutoscaler(mode);
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

/**
 * Validates one component's typed autoscaling props (whole replica counts, metric targets) and
 * renders them. How they fit together (bounds in order, the metric for the autoscaler, scale to
 * zero, maxReplicas with a metric) is checked at synth by the kserve policies.
 * @internal
 */
export function renderAutoscaling(scope: IConstruct, field: string, props: AutoscalingProps = {}): RenderedAutoscaling {
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
      return { ...out, scaleMetric: metric.kind, scaleTarget: target };
    case 'prometheus': {
      // validateScalingKedaCompExtension: the query must not be empty and the target value must be set.
      const p = metric.prometheus!;
      if (!p.query.trim()) fail(scope, join(targetField, 'query'), 'is empty', 'give a PromQL query that returns one number');
      if (!(target > 0) || !Number.isFinite(target)) fail(scope, join(targetField, 'threshold'), `must be greater than zero, got ${target}`, 'give the value one replica should handle');
      if (!/^https?:\/\/\S+$/.test(p.serverAddress)) fail(scope, join(targetField, 'serverAddress'), `"${p.serverAddress}" is not an http(s) URL`, 'give the Prometheus URL, e.g. http://prometheus-operated.monitoring:9090');
      return {
        ...out,
        autoScaling: {
          metrics: [{
            type: 'External',
            external: {
              metric: { backend: 'prometheus', serverAddress: p.serverAddress, query: p.query, namespace: p.namespace },
              target: { type: 'Value', value: String(target) },
            },
          }],
        },
      };
    }
  }
}
