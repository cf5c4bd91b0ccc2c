import { IConstruct } from 'constructs';
import { checkMetadataMap, checkName, fail, field as join, NameRule } from '../core';
import { PyTorchJobElasticPolicyMetric } from '../wire/kubeflow-org';

// k8s.io/apimachinery resource.Quantity: a decimal with an optional binary, decimal or exponent suffix.
const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;

/** What an autoscaling metric is compared with (autoscaling/v2 `MetricTarget`). */
export class MetricTarget {
  /** Average use in percent of the pods' requests (resource metrics only), e.g. 80. */
  static utilization(percent: number): MetricTarget {
    return new MetricTarget('Utilization', percent);
  }
  /** The metric's average over the pods, a quantity such as `'500m'`, `'2Gi'` or `'100'`. */
  static averageValue(quantity: string | number): MetricTarget {
    return new MetricTarget('AverageValue', String(quantity));
  }
  /** The metric's value as a whole (object and external metrics only), e.g. `'30'`. */
  static value(quantity: string | number): MetricTarget {
    return new MetricTarget('Value', String(quantity));
  }
  private constructor(public readonly type: 'Utilization' | 'AverageValue' | 'Value', private readonly amount: number | string) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): NonNullable<PyTorchJobElasticPolicyMetric['resource']>['target'] {
    if (this.type === 'Utilization') {
      const p = this.amount as number;
      if (!Number.isInteger(p) || p < 1) fail(scope, field, `utilization must be a whole percentage ≥ 1, got ${p}`, 'give a percentage of the request, e.g. MetricTarget.utilization(80)');
      return { type: this.type, averageUtilization: p };
    }
    const q = this.amount as string;
    if (!QUANTITY.test(q) || !/[1-9]/.test(q.replace(/[eE][+-]?\d+$/, ''))) {
      fail(scope, field, `"${q}" is not a positive quantity`, 'give a quantity such as "100", "500m" or "2Gi"');
    }
    return this.type === 'Value' ? { type: this.type, value: q } : { type: this.type, averageValue: q };
  }
}

/** Options of a metric read from a metrics API with labels. */
export interface LabeledMetricOptions {
  /** Only the series with these labels. @default - every series of the metric */
  readonly selector?: Record<string, string>;
}

/**
 * A metric the elastic PyTorchJob's autoscaler (an HPA the training operator creates when
 * `elasticPolicy.metrics` is set) scales the workers by, between the elastic bounds:
 * `ElasticMetric.cpuUtilization(80)`, `ElasticMetric.pods('tokens_per_second', MetricTarget.averageValue(5000))`, …
 */
export class ElasticMetric {
  /** The workers' average CPU use in percent of their requests. */
  static cpuUtilization(percent: number): ElasticMetric {
    return ElasticMetric.resource('cpu', MetricTarget.utilization(percent));
  }
  /** The workers' average memory use in percent of their requests. */
  static memoryUtilization(percent: number): ElasticMetric {
    return ElasticMetric.resource('memory', MetricTarget.utilization(percent));
  }
  /** A resource of the workers' pods (`cpu`, `memory`, …) against utilization or an average value. */
  static resource(name: string, target: MetricTarget): ElasticMetric {
    return new ElasticMetric('Resource', { name, target, allowed: ['Utilization', 'AverageValue'] });
  }
  /** A resource of one container of the workers' pods (e.g. `pytorch`, leaving sidecars out). */
  static containerResource(container: string, name: string, target: MetricTarget): ElasticMetric {
    return new ElasticMetric('ContainerResource', { name, container, target, allowed: ['Utilization', 'AverageValue'] });
  }
  /** A custom metric of each worker pod (custom.metrics.k8s.io), averaged over the pods. */
  static pods(metric: string, averageValue: MetricTarget, options: LabeledMetricOptions = {}): ElasticMetric {
    return new ElasticMetric('Pods', { name: metric, target: averageValue, selector: options.selector, allowed: ['AverageValue'] });
  }
  /** A metric of another object of the namespace (custom.metrics.k8s.io), e.g. a queue's length. */
  static object(metric: string, described: { readonly apiVersion?: string; readonly kind: string; readonly name: string }, target: MetricTarget, options: LabeledMetricOptions = {}): ElasticMetric {
    return new ElasticMetric('Object', { name: metric, described, target, selector: options.selector, allowed: ['Value', 'AverageValue'] });
  }
  /** A metric from outside the cluster (external.metrics.k8s.io), e.g. a message queue's backlog. */
  static external(metric: string, target: MetricTarget, options: LabeledMetricOptions = {}): ElasticMetric {
    return new ElasticMetric('External', { name: metric, target, selector: options.selector, allowed: ['Value', 'AverageValue'] });
  }

  private constructor(
    public readonly type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External',
    private readonly spec: {
      readonly name: string;
      readonly target: MetricTarget;
      readonly allowed: ReadonlyArray<MetricTarget['type']>;
      readonly container?: string;
      readonly selector?: Record<string, string>;
      readonly described?: { readonly apiVersion?: string; readonly kind: string; readonly name: string };
    },
  ) {}

  /** Validates as the API server validates an HPA's metrics (the operator copies them into one) and renders it. @internal */
  public _render(scope: IConstruct, field: string): PyTorchJobElasticPolicyMetric {
    const s = this.spec;
    if (!s.name.trim()) fail(scope, join(field, 'name'), 'the metric name is empty', 'name the metric, e.g. "cpu" or "tokens_per_second"');
    if (!s.allowed.includes(s.target.type)) {
      fail(scope, join(field, 'target'), `a ${this.type} metric cannot target ${s.target.type}`, `use ${s.allowed.map((t) => `MetricTarget.${t === 'AverageValue' ? 'averageValue' : t.toLowerCase()}(…)`).join(' or ')}`);
    }
    const target = s.target._render(scope, join(field, 'target'));
    checkMetadataMap(scope, join(field, 'selector'), s.selector, 'labels');
    const metric = { name: s.name, selector: s.selector ? { matchLabels: { ...s.selector } } : undefined };
    switch (this.type) {
      case 'Resource':
        return { type: this.type, resource: { name: s.name, target } };
      case 'ContainerResource':
        checkName(scope, join(field, 'container'), s.container!, NameRule.LABEL);
        return { type: this.type, containerResource: { container: s.container!, name: s.name, target } };
      case 'Pods':
        return { type: this.type, pods: { metric, target } };
      case 'Object':
        if (!s.described!.kind || !s.described!.name) fail(scope, join(field, 'describedObject'), 'needs a kind and a name', 'name the object whose metric it is, e.g. { kind: \'Service\', name: \'queue\' }');
        return { type: this.type, object: { describedObject: { ...s.described! }, metric, target } };
      case 'External':
        return { type: this.type, external: { metric, target } };
    }
  }
}
