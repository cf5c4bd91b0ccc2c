import { asArray, asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_SERVICE } from './kinds';
import { autoscalerOf, AUTOSCALER_CLASS, describeMode } from './mode';

export const scalingIgnored: Rule = {
  id: 'kserve/scaling-ignored',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'No component sets scaling the autoscaler that runs would ignore: autoScaling in Knative mode; in Standard mode without an autoscalerClass annotation (the HPA, unchecked by the webhook), a scaleMetric other than cpu or memory, or autoScaling metrics other than Resource.',
  why: 'KServe\'s webhook lets these through, but Knative scales on scaleMetric only, and KServe\'s HPA skips metrics it cannot express (falling back to CPU), so the component does not scale as written.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/reconcilers/knative/ksvc_reconciler.go; hpa/hpa_reconciler.go getHPAMetrics',
  *check(o) {
    const a = autoscalerOf(o);
    const knative = a.mode.name !== 'Standard';
    const defaultHpa = a.mode.name === 'Standard' && !a.explicit;
    if (!knative && !defaultHpa) return;
    for (const c of componentsOf(o)) {
      const metrics = asArray(asObject(c.spec.autoScaling)?.metrics);
      if (knative && asObject(c.spec.autoScaling)) {
        yield {
          path: path(...c.at, 'autoScaling'),
          message: `is read by Standard mode's HPA and KEDA only; ${describeMode(a.mode)} ignores it and ${a.description} scales on scaleMetric (${asString(c.spec.scaleMetric) ?? (a.kind === 'kpa' ? 'concurrency' : 'cpu')})`,
          fix: `KEDA scaling needs Standard mode (serving.kserve.io/deploymentMode: Standard, ${AUTOSCALER_CLASS}: keda); in Knative mode scale on scaleMetric concurrency or rps`,
        };
        continue;
      }
      if (!defaultHpa) continue;
      const metric = asString(c.spec.scaleMetric);
      if (metric !== undefined && metric !== 'cpu' && metric !== 'memory') {
        yield {
          path: path(...c.at, 'scaleMetric'),
          message: `${metric} is not a metric Standard (raw deployment) mode can scale on: its HPA (the default without ${AUTOSCALER_CLASS}) ignores it and scales on CPU`,
          fix: `Standard mode scales with the HPA on cpu or memory, or with KEDA (${AUTOSCALER_CLASS}: keda) on autoScaling.metrics; ${metric} scaling needs Knative mode`,
        };
      }
      for (let i = 0; i < metrics.length; i++) {
        const type = asObject(metrics[i])?.type;
        if (type === 'Resource') continue;
        yield {
          path: path(...c.at, 'autoScaling', 'metrics', i, 'type'),
          message: `${String(type)} metrics are read by KEDA only; the HPA (Standard mode's default without ${AUTOSCALER_CLASS}) ignores them`,
          fix: `set ${AUTOSCALER_CLASS}: keda, or scale on a Resource metric (cpu or memory)`,
        };
      }
    }
  },
};
