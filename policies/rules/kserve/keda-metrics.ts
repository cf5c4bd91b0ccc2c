import { asArray, asObject, path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_SERVICE } from './kinds';
import { autoscalerOf } from './mode';

export const kedaMetrics: Rule = {
  id: 'kserve/keda-metrics',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'Under KEDA (Standard mode, `serving.kserve.io/autoscalerClass: keda`) every component has its own autoScaling.metrics.',
  why: 'KServe\'s webhook accepts a component without, but KServe creates a KEDA ScaledObject per component from its autoScaling.metrics, and KEDA rejects a ScaledObject without triggers, so that component is never scaled (nor reconciled).',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/reconcilers/keda/keda_reconciler.go getKedaMetrics',
  *check(o) {
    const a = autoscalerOf(o);
    if (a.mode.name !== 'Standard' || a.kind !== 'keda') return;
    for (const c of componentsOf(o)) {
      if (asArray(asObject(c.spec.autoScaling)?.metrics).length) continue;
      yield {
        path: path(...c.at),
        message: `the ${c.label} has no autoScaling.metrics; every component needs its own KEDA metric once the InferenceService scales with KEDA (KServe creates a KEDA ScaledObject per component)`,
        fix: 'give this component autoScaling.metrics too (e.g. an External Prometheus query), or scale every component with the HPA (serving.kserve.io/autoscalerClass: hpa) on cpu or memory',
      };
    }
  },
};
