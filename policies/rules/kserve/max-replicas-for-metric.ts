import { asArray, asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { asAnyNumber } from './json';
import { INFERENCE_GRAPH, INFERENCE_SERVICE } from './kinds';
import { autoscalerOf } from './mode';
import { scaledParts } from './scale-to-zero';

export const maxReplicasForMetric: Rule = {
  id: 'kserve/max-replicas-for-metric',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE, INFERENCE_GRAPH],
  summary: 'In Standard mode, a component that names a metric (scaleMetric or autoScaling.metrics) for the HPA or KEDA also sets maxReplicas.',
  why: 'Nobody rejects it, but KServe makes an unset maxReplicas equal to minReplicas when it creates the HPA or KEDA ScaledObject, so the metric can never add a replica.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/reconcilers/hpa/hpa_reconciler.go createHPA; keda/keda_reconciler.go createKedaScaledObject',
  *check(o) {
    const a = autoscalerOf(o);
    if (a.mode.name !== 'Standard' || (a.kind !== 'hpa' && a.kind !== 'keda')) return;
    for (const { spec, at } of scaledParts(o)) {
      const metric = asString(spec.scaleMetric) ?? (asArray(asObject(spec.autoScaling)?.metrics).length ? 'autoScaling' : undefined);
      if (metric === undefined || (asAnyNumber(spec.maxReplicas) ?? 0) > 0) continue;
      const min = asAnyNumber(spec.minReplicas) ?? 1;
      yield {
        path: path(...at, 'maxReplicas'),
        message: `is not set, so KServe makes it minReplicas (${min}) and the ${metric === 'autoScaling' ? 'autoScaling' : metric} metric can never add a replica${min === 0 ? ' (nor start one)' : ''}`,
        fix: 'give maxReplicas, the most replicas to scale to; or drop the metric to run a fixed number of replicas',
      };
    }
  },
};
