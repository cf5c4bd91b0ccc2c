import { asObject, asString } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

/** The kinds Katib injects a sidecar for (AutoInjectMetricsCollectorList in pkg/metricscollector/v1beta1/common/const.go). */
const INJECTED = ['StdOut', 'File', 'TensorFlowEvent', 'PrometheusMetric'];

export interface MetricsCollectorConfiguredParams {
  /** The kinds of the cluster's katib-config `runtime.metricsCollectors`. */
  readonly collectors: readonly string[];
}

export const metricsCollectorConfiguredRule: Rule<MetricsCollectorConfiguredParams> = {
  id: 'katib/metrics-collector-configured',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'A metrics collector Katib injects (StdOut, File, TensorFlowEvent, PrometheusMetric) has an image in katib-config.',
  why: 'Katib\'s webhook looks up the collector\'s image in katib-config and rejects the experiment when there is none; Katib\'s own configuration has none for PrometheusMetric. Set `collectors` to your katib-config\'s `runtime.metricsCollectors` kinds if it differs.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateMetricsCollector (GetMetricsCollectorConfigData)',
  defaults: { collectors: ['StdOut', 'File', 'TensorFlowEvent'] },
  *check(e, { params }) {
    const kind = asString(asObject(asObject(specOf(e).metricsCollectorSpec)?.collector)?.kind) ?? 'StdOut';
    if (!INJECTED.includes(kind) || params.collectors.includes(kind)) return;
    yield {
      path: '.spec.metricsCollectorSpec.collector.kind',
      message: `is ${kind}, for which katib-config has no collector image${kind === 'PrometheusMetric' ? ' (Katib ships none)' : ''}, so Katib's webhook rejects the experiment`,
      fix: `add a ${kind} entry with your collector image to runtime.metricsCollectors in the katib-config ConfigMap (and to this rule's \`collectors\`), or collect with StdOut, File or Push`,
    };
  },
};
