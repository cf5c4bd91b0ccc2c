import { IConstruct } from 'constructs';
import { ContainerProps, fail, field as join, renderContainer } from '../core';
import { Experiment } from '../wire/kubeflow-org';

type CollectorContainer = NonNullable<NonNullable<RenderedMetricsCollector['collector']>['customCollector']>;

/** The container name of a custom collector unless given (Katib's examples name it so). */
const CUSTOM_COLLECTOR = 'custom-metrics-logger-and-collector';

/** Katib's metrics collector kinds (`metricsCollectorSpec.collector.kind`; pkg/apis/controller/common/v1beta1/common_types.go). */
export enum CollectorKind {
  STDOUT = 'StdOut',
  FILE = 'File',
  TENSORFLOW_EVENT = 'TensorFlowEvent',
  PROMETHEUS_METRIC = 'PrometheusMetric',
  CUSTOM = 'Custom',
  PUSH = 'Push',
}

/** Format of a metrics file. */
export enum MetricsFormat {
  /** Lines the filter matches, by default `name=value`. */
  TEXT = 'TEXT',
  /** One JSON object per line: `{"metric": name, "value": v, "timestamp": …}`. */
  JSON = 'JSON',
}

/** What a filter-based collector parses. */
export interface MetricsFilterOptions {
  /**
   * Regular expressions for a metric line, each with two top-level groups: the metric name,
   * then its value (Katib: `source.filter.metricsFormat`).
   * @default - Katib's `([\w|-]+)\s*=\s*([+-]?\d*(\.\d+)?([Ee][+-]?\d+)?)`, i.e. `accuracy=0.93`
   */
  readonly filter?: string[];
}

export interface FileCollectorOptions extends MetricsFilterOptions {
  /** Absolute path of the file the training code writes its metrics to. @default '/var/log/katib/metrics.log' */
  readonly path?: string;
  /** @default MetricsFormat.TEXT */
  readonly format?: MetricsFormat;
}

export interface TensorFlowEventOptions {
  /** Absolute path of the directory the training code writes its TF event files (summaries) to. @default '/var/log/katib/tfevent/' */
  readonly directory?: string;
}

export interface PrometheusOptions {
  /** @default 8080 */
  readonly port?: number;
  /** @default '/metrics' */
  readonly path?: string;
}

export interface CustomCollectorOptions {
  /** The collector sidecar. */
  readonly container: ContainerProps;
  /** The sidecar's container name. @default 'custom-metrics-logger-and-collector' */
  readonly name?: string;
  /** Where the training code writes its metrics; Katib shares it with the sidecar. @default - nothing shared */
  readonly path?: string;
  /** Whether `path` is a file or a directory. @default 'File' */
  readonly pathKind?: 'File' | 'Directory';
}

/** Wire format of `spec.metricsCollectorSpec`. @internal */
export type RenderedMetricsCollector = NonNullable<NonNullable<Experiment['spec']>['metricsCollectorSpec']>;

/** Katib's default filter (DefaultFilter in pkg/metricscollector/v1beta1/common/const.go). */
export const DEFAULT_METRICS_FILTER = '([\\w|-]+)\\s*=\\s*([+-]?\\d*(\\.\\d+)?([Ee][+-]?\\d+)?)';
// validateMetricsCollector in pkg/webhook/v1beta1/experiment/validator/validator.go.
const TWO_GROUPS = /.*\(.*\).*\(.*\).*/;

/**
 * How Katib collects a trial's metrics: `MetricsCollector.stdOut()` (the default),
 * `.file({ path })`, `.tensorFlowEvent()`, `.prometheus()`, `.custom({ container })` or `.push()`.
 * StdOut and File wrap the primary container's command and run a sidecar that parses the
 * output, which is also what early stopping works through.
 */
export class MetricsCollector {
  /** Parse the primary container's standard output (Katib redirects it to a file). */
  public static stdOut(options: MetricsFilterOptions = {}): MetricsCollector {
    return new MetricsCollector(CollectorKind.STDOUT, { filter: options.filter });
  }

  /** Parse a file the training code writes. */
  public static file(options: FileCollectorOptions = {}): MetricsCollector {
    return new MetricsCollector(CollectorKind.FILE, {
      filter: options.filter,
      path: options.path ?? '/var/log/katib/metrics.log',
      format: options.format ?? MetricsFormat.TEXT,
    });
  }

  /** Read TensorFlow event files (summaries) from a directory. */
  public static tensorFlowEvent(options: TensorFlowEventOptions = {}): MetricsCollector {
    return new MetricsCollector(CollectorKind.TENSORFLOW_EVENT, { path: options.directory ?? '/var/log/katib/tfevent/' });
  }

  /**
   * Scrape a Prometheus endpoint of the primary container. Katib ships no collector image for
   * this kind: add one to katib-config's `runtime.metricsCollectors`, or Katib's webhook rejects
   * the experiment (synth reports katib/metrics-collector-configured unless the stack configures
   * that rule's `collectors`).
   */
  public static prometheus(options: PrometheusOptions = {}): MetricsCollector {
    return new MetricsCollector(CollectorKind.PROMETHEUS_METRIC, { port: options.port ?? 8080, httpPath: options.path ?? '/metrics' });
  }

  /** Your own collector sidecar. */
  public static custom(options: CustomCollectorOptions): MetricsCollector {
    return new MetricsCollector(CollectorKind.CUSTOM, { custom: options, path: options.path });
  }

  /** The training code reports its metrics itself (`katib.report_metrics()` of the Katib SDK); no sidecar. */
  public static push(): MetricsCollector {
    return new MetricsCollector(CollectorKind.PUSH, {});
  }

  /**
   * No collector sidecar.
   * @deprecated Katib renamed the `None` kind to `Push` (kubeflow/katib#2369) and v0.19's webhook rejects `None`; this renders `Push`.
   */
  public static none(): MetricsCollector {
    return MetricsCollector.push();
  }

  private constructor(
    public readonly kind: CollectorKind,
    private readonly o: {
      filter?: string[]; path?: string; format?: MetricsFormat; port?: number; httpPath?: string; custom?: CustomCollectorOptions;
    },
  ) {}

  /** True for the collectors Katib's early stopping works with: only the file-metrics-collector implements it. */
  public get supportsEarlyStopping(): boolean {
    return this.kind === CollectorKind.STDOUT || this.kind === CollectorKind.FILE;
  }

  /** True for the collectors that wrap the primary container's command in `sh -c` to capture its output. */
  public get wrapsCommand(): boolean {
    return this.kind === CollectorKind.STDOUT || this.kind === CollectorKind.FILE || this.kind === CollectorKind.TENSORFLOW_EVENT;
  }

  /**
   * Throws unless the typed options are valid: absolute paths, filters that compile with two
   * groups, a port in range, the custom container. Whether katib-config has the kind's collector,
   * and a filter on a JSON file, are the katib/metrics-collector* rules' at synth.
   * @internal
   */
  public _validate(scope: IConstruct, field: string): void {
    const o = this.o;
    if (o.path !== undefined && !o.path.startsWith('/')) {
      fail(scope, join(field, this.kind === CollectorKind.TENSORFLOW_EVENT ? 'directory' : 'path'), `"${o.path}" is not an absolute path`, 'start it with "/", e.g. "/var/log/katib/metrics.log"');
    }
    if (o.filter) {
      for (const f of o.filter) {
        try {
          new RegExp(f);
        } catch (e) {
          fail(scope, join(field, 'filter'), `"${f}" is not a valid regular expression: ${(e as Error).message}`, 'fix the expression');
        }
        if (!TWO_GROUPS.test(f)) {
          fail(scope, join(field, 'filter'), `"${f}" needs two groups: the metric name, then its value`, 'e.g. "([\\\\w-]+)=([+-]?\\\\d+(\\\\.\\\\d+)?)"');
        }
      }
    }
    if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535)) {
      fail(scope, join(field, 'port'), `port ${o.port} is out of range`, 'use a port between 1 and 65535');
    }
    if (o.httpPath !== undefined && !o.httpPath.startsWith('/')) {
      fail(scope, join(field, 'path'), `"${o.httpPath}" must start with "/"`, 'e.g. "/metrics"');
    }
    // The custom collector's container is checked as every container is.
    if (o.custom) renderContainer(scope, join(field, 'container'), o.custom.name ?? CUSTOM_COLLECTOR, o.custom.container);
  }

  /** `metricsCollectorSpec` (validated options). @internal */
  public _render(scope: IConstruct): RenderedMetricsCollector {
    const o = this.o;
    const filter = o.filter?.length ? { metricsFormat: [...o.filter] } : undefined;
    switch (this.kind) {
      case CollectorKind.STDOUT:
        return { collector: { kind: this.kind }, source: filter ? { filter } : undefined };
      case CollectorKind.FILE:
        return { collector: { kind: this.kind }, source: { fileSystemPath: { path: o.path!, kind: 'File', format: o.format }, filter } };
      case CollectorKind.TENSORFLOW_EVENT:
        return { collector: { kind: this.kind }, source: { fileSystemPath: { path: o.path!, kind: 'Directory' } } };
      case CollectorKind.PROMETHEUS_METRIC:
        return { collector: { kind: this.kind }, source: { httpGet: { port: o.port!, path: o.httpPath! } } };
      case CollectorKind.CUSTOM:
        return {
          collector: { kind: this.kind, customCollector: this.renderCustom(scope) },
          source: o.path ? { fileSystemPath: { path: o.path, kind: o.custom!.pathKind ?? 'File' } } : undefined,
        };
      default:
        return { collector: { kind: this.kind } };
    }
  }

  private renderCustom(scope: IConstruct): CollectorContainer {
    const c = this.o.custom!;
    // Katib's swagger copy of Container lists enums (probe schemes, …) where the core OpenAPI
    // says string; the container props render none of those fields.
    return renderContainer(scope, 'metricsCollector.container', c.name ?? CUSTOM_COLLECTOR, c.container) as CollectorContainer;
  }
}
