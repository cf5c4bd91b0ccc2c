import { asArray, asObject, asString } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

/** What Katib's default filter matches as a metric name (DefaultFilter in pkg/metricscollector/v1beta1/common/const.go). */
const DEFAULT_NAME = /^[\w|-]+$/;

export const metricNamesParsableRule: Rule = {
  id: 'katib/metric-names-parsable',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'With the StdOut or a TEXT File collector and no filter, every metric name consists of letters, digits, "_", "|" and "-".',
  why: 'Katib\'s default filter `([\\w|-]+)\\s*=\\s*(…)` never matches another name, so the metric is never collected and every trial ends MetricsUnavailable.',
  source: 'kubeflow/katib pkg/metricscollector/v1beta1/common/const.go DefaultFilter (used by cmd/metricscollector/v1beta1/file-metricscollector)',
  *check(e) {
    const spec = specOf(e);
    const mc = asObject(spec.metricsCollectorSpec) ?? {};
    const kind = asString(asObject(mc.collector)?.kind) ?? 'StdOut';
    const source = asObject(mc.source) ?? {};
    const format = asString(asObject(source.fileSystemPath)?.format) || 'TEXT';
    const filtered = asArray(asObject(source.filter)?.metricsFormat).length > 0;
    if (filtered || !(kind === 'StdOut' || (kind === 'File' && format === 'TEXT'))) return;
    const o = asObject(spec.objective) ?? {};
    const names: Array<[string, string]> = [
      ['.spec.objective.objectiveMetricName', asString(o.objectiveMetricName) ?? ''],
      ...asArray(o.additionalMetricNames).map((n, i): [string, string] => [`.spec.objective.additionalMetricNames[${i}]`, String(n)]),
    ];
    for (const [at, name] of names) {
      if (name && !DEFAULT_NAME.test(name)) {
        yield {
          path: at,
          message: `metric "${name}" cannot be read by Katib's default metrics filter, which matches names of letters, digits, "_", "|" and "-"`,
          fix: 'rename the metric (e.g. "val-accuracy"), or give the collector a filter that matches it',
        };
      }
    }
  },
};
