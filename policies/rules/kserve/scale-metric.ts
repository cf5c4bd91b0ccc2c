import { asString, path } from '../json';
import { Rule, Violation } from '../rule';
import { Component, componentsOf } from './components';
import { asAnyNumber } from './json';
import { INFERENCE_SERVICE } from './kinds';
import { admissionAutoscaler, Autoscaler, describeMode, KNATIVE_CLASS, KNATIVE_HPA } from './mode';

export const scaleMetric: Rule = {
  id: 'kserve/scale-metric',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'Each component\'s scaleMetric and scaleTarget suit the autoscaler its annotations choose: the Knative pod autoscaler concurrency or rps (rps target ≥ 1); an HPA (Knative\'s HPA class, or Standard mode\'s `autoscalerClass: hpa`) cpu or memory, target 1–100; KEDA no scaleMetric.',
  why: 'KServe\'s webhook rejects the InferenceService otherwise. KServe picks one autoscaler per InferenceService, from its annotations, so every component must scale on metrics of that autoscaler. Standard mode without an autoscalerClass annotation is not checked here.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateAutoScalingCompExtension, validateScalingKPACompExtension, validateScalingHPACompExtension, validateScalingKedaCompExtension',
  *check(o) {
    const autoscaler = admissionAutoscaler(o);
    if (!autoscaler) return;
    for (const c of componentsOf(o)) yield* metricViolations(c, autoscaler);
  },
};

function metricViolations(c: Component, a: Autoscaler): Violation[] {
  const given = asString(c.spec.scaleMetric);
  const target = asAnyNumber(c.spec.scaleTarget);
  const metricPath = path(...c.at, 'scaleMetric');
  const targetPath = path(...c.at, 'scaleTarget');
  if (a.kind === 'keda') {
    return given === undefined ? [] : [{
      path: metricPath,
      message: `${given}: ScaleMetric is not supported for KEDA (${a.description}), which scales on autoScaling.metrics`,
      fix: 'give the component its own autoScaling.metrics (e.g. an External Prometheus query, or a Resource cpu metric), or use the HPA (serving.kserve.io/autoscalerClass: hpa) to scale on scaleMetric',
    }];
  }
  const kpa = a.kind === 'kpa';
  const metric = given ?? (kpa ? 'concurrency' : 'cpu');
  const allowed = kpa ? ['concurrency', 'rps'] : ['cpu', 'memory'];
  if (!allowed.includes(metric)) {
    return [{
      path: metricPath,
      message: `${metric} is not a metric ${a.description} scales on in ${describeMode(a.mode)} (KServe: "[${metric}] is not a supported metric")`,
      fix: fixFor(a, metric),
    }];
  }
  if (target === undefined) return [];
  if (kpa && metric === 'rps' && target < 1) {
    return [{ path: targetPath, message: `is ${target}: the target for rps should be greater than 1`, fix: 'give the requests per second one replica should handle, e.g. 10' }];
  }
  if (!kpa && ((metric === 'cpu' && target < 1) || target > 100)) {
    return [{ path: targetPath, message: `is ${target}: the target utilization percentage should be a [1-100] integer`, fix: 'give the average utilization to keep, in percent, e.g. 70' }];
  }
  if (!kpa && metric === 'memory' && target < 1) {
    return [{ path: targetPath, message: `is ${target}: the target memory should be greater than 1 MiB`, fix: 'give the memory target, e.g. 70' }];
  }
  return [];
}

function fixFor(a: Autoscaler, metric: string): string {
  const one = 'KServe picks one autoscaler per InferenceService, from its annotations: scale every component on metrics of that autoscaler';
  if (a.kind === 'kpa') return `scale on concurrency or rps; for cpu or memory set ${KNATIVE_CLASS}: ${KNATIVE_HPA} (${one})`;
  if (a.mode.name === 'Standard') {
    return `Standard mode scales with the HPA on cpu or memory, or with KEDA (serving.kserve.io/autoscalerClass: keda) on autoScaling.metrics (e.g. a Prometheus request-rate query); ${metric} scaling needs Knative mode`;
  }
  return `scale on cpu or memory, or remove ${KNATIVE_CLASS} to use the Knative pod autoscaler, which scales on concurrency and rps (${one})`;
}
