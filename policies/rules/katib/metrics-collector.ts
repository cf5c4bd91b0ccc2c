import { asArray, asObject, asString, Json } from '../json';
import { Rule, Violation } from '../rule';
import { EXPERIMENT, specOf } from './experiment';
import { goRegexpError } from './go-regexp';

const KINDS = ['StdOut', 'File', 'TensorFlowEvent', 'PrometheusMetric', 'Custom', 'Push'];
const SOURCE = '.spec.metricsCollectorSpec.source';
// validateMetricsCollector: a metrics filter needs two top-level groups, the name and the value.
const TWO_GROUPS = /.*\(.*\).*\(.*\).*/;

export const metricsCollectorRule: Rule = {
  id: 'katib/metrics-collector',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'The metrics collector\'s kind is known and its source fits it: File an absolute file path and format TEXT or JSON (JSON without a filter), TensorFlowEvent an absolute directory and no format, PrometheusMetric a positive port and a path starting with "/", Custom its container; filters compile and have two groups.',
  why: 'Katib\'s webhook rejects the experiment otherwise (after filling in each kind\'s default path, port and format).',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateMetricsCollector; setDefaultMetricsCollector in pkg/apis/controller/experiments/v1beta1/experiment_defaults.go',
  *check(e) {
    const mc = asObject(specOf(e).metricsCollectorSpec) ?? {};
    const kind = asString(asObject(mc.collector)?.kind) ?? 'StdOut';
    const source = asObject(mc.source) ?? {};
    const fsp = asObject(source.fileSystemPath);
    yield* kindRules(kind, mc, source, fsp);
    const filter = asObject(source.filter);
    for (const [i, f] of asArray(filter?.metricsFormat).entries()) {
      if (typeof f !== 'string') continue;
      const at = `${SOURCE}.filter.metricsFormat[${i}]`;
      const error = goRegexpError(f);
      if (error) yield { path: at, message: `"${f}" is not a valid regular expression: ${error}`, fix: 'fix the expression (Go\'s RE2 syntax)' };
      else if (!TWO_GROUPS.test(f)) yield { path: at, message: `"${f}" needs two groups: the metric name, then its value`, fix: 'e.g. "([\\\\w-]+)=([+-]?\\\\d+(\\\\.\\\\d+)?)"' };
    }
  },
};

function* kindRules(kind: string, mc: Json, source: Json, fsp: Json | undefined): Generator<Violation> {
  const path = asString(fsp?.path);
  const absolute = (p: string | undefined, fallback: string) => (p === undefined || p === '' ? fallback : p).startsWith('/');
  switch (kind) {
    case 'StdOut':
    case 'Push':
      return;
    case 'File':
      if ((fsp?.kind ?? 'File') !== 'File' && fsp?.kind !== '') yield { path: `${SOURCE}.fileSystemPath.kind`, message: `is ${JSON.stringify(fsp?.kind)}; the File collector reads a file`, fix: 'use kind: File (or the TensorFlowEvent collector for a directory)' };
      if (!absolute(path, '/var/log/katib/metrics.log')) yield { path: `${SOURCE}.fileSystemPath.path`, message: `"${path}" is not an absolute path`, fix: 'start it with "/", e.g. "/var/log/katib/metrics.log"' };
      {
        const format = fsp?.format === undefined || fsp.format === '' ? 'TEXT' : fsp.format;
        if (format !== 'TEXT' && format !== 'JSON') yield { path: `${SOURCE}.fileSystemPath.format`, message: `${JSON.stringify(format)} is not a metrics file format`, fix: 'use TEXT or JSON' };
        if (format === 'JSON' && source.filter !== undefined && source.filter !== null) yield { path: `${SOURCE}.filter`, message: 'is set for a JSON metrics file, which Katib parses without a filter', fix: 'remove the filter, or use format TEXT' };
      }
      return;
    case 'TensorFlowEvent':
      if ((fsp?.kind ?? 'Directory') !== 'Directory' && fsp?.kind !== '') yield { path: `${SOURCE}.fileSystemPath.kind`, message: `is ${JSON.stringify(fsp?.kind)}; the TensorFlowEvent collector reads a directory`, fix: 'use kind: Directory' };
      if (!absolute(path, '/var/log/katib/tfevent/')) yield { path: `${SOURCE}.fileSystemPath.path`, message: `"${path}" is not an absolute path`, fix: 'start it with "/", e.g. "/var/log/katib/tfevent/"' };
      if (fsp?.format !== undefined && fsp.format !== '') yield { path: `${SOURCE}.fileSystemPath.format`, message: `must be empty for TensorFlow event files, got ${JSON.stringify(fsp.format)}`, fix: 'remove format' };
      return;
    case 'PrometheusMetric': {
      const http = asObject(source.httpGet);
      const port = http?.port === undefined || http.port === 0 || http.port === '0' ? 8080 : http.port;
      if (!(typeof port === 'number' ? Number.isInteger(port) && port > 0 : /^\+?\d+$/.test(String(port)) && Number(port) > 0)) {
        yield { path: `${SOURCE}.httpGet.port`, message: `must be a positive port number, got ${JSON.stringify(port)}`, fix: 'give the port number (Katib does not resolve named ports here), e.g. 8080' };
      }
      const p = asString(http?.path) || '/metrics';
      if (!p.startsWith('/')) yield { path: `${SOURCE}.httpGet.path`, message: `"${p}" must start with "/"`, fix: 'e.g. "/metrics"' };
      return;
    }
    case 'Custom':
      if (!asObject(asObject(mc.collector)?.customCollector)) yield { path: '.spec.metricsCollectorSpec.collector.customCollector', message: 'is required for the Custom collector', fix: 'give the collector sidecar container' };
      if (fsp && (!(path ?? '').startsWith('/') || (fsp.kind !== 'File' && fsp.kind !== 'Directory'))) {
        yield { path: `${SOURCE}.fileSystemPath`, message: `needs an absolute path and kind File or Directory, got path ${JSON.stringify(path ?? '')} and kind ${JSON.stringify(fsp.kind ?? '')}`, fix: 'e.g. { path: "/katib/metrics.log", kind: File }' };
      }
      return;
    default:
      yield { path: '.spec.metricsCollectorSpec.collector.kind', message: `"${kind}" is not a metrics collector kind${kind === 'None' ? ' (Katib v0.19 renamed None to Push)' : ''}`, fix: `use one of ${KINDS.join(', ')}` };
  }
}
