import { asArray, asObject, asString, Json, path } from '../json';
import { Rule, Violation } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_SERVICE } from './kinds';
import { admissionAutoscaler } from './mode';

export const autoscalingMetrics: Rule = {
  id: 'kserve/autoscaling-metrics',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'Each component\'s autoScaling.metrics suit its autoscaler: under an HPA only Resource metrics; under KEDA Resource metrics of cpu (Utilization) or memory (Utilization, or an AverageValue of at least 1Mi), External and PodMetric metrics with a query and a target value.',
  why: 'KServe\'s webhook rejects the InferenceService otherwise, since the HPA or the KEDA ScaledObject it would create could not use the metric.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateScalingHPACompExtension, validateScalingKedaCompExtension, validateScaleTarget',
  *check(o) {
    const a = admissionAutoscaler(o);
    if (!a || a.kind === 'kpa') return;
    for (const c of componentsOf(o)) {
      const metrics = asArray(asObject(c.spec.autoScaling)?.metrics);
      for (let i = 0; i < metrics.length; i++) {
        const at = [...c.at, 'autoScaling', 'metrics', i];
        yield* (a.kind === 'keda' ? kedaViolations : hpaViolations)(asObject(metrics[i]) ?? {}, at);
      }
    }
  },
};

function hpaViolations(m: Json, at: ReadonlyArray<string | number>): Violation[] {
  if (m.type !== 'Resource') {
    return [{ path: path(...at, 'type'), message: `invalid HPA metric source type with value [${String(m.type)}], valid metric source types are Resource`, fix: 'scale on a Resource metric (cpu or memory), or use KEDA (serving.kserve.io/autoscalerClass: keda) for External and PodMetric metrics' }];
  }
  return asObject(m.resource) ? [] : [missing(at, 'resource', 'Resource')];
}

function kedaViolations(m: Json, at: ReadonlyArray<string | number>): Violation[] {
  switch (m.type) {
    case 'Resource': {
      const r = asObject(m.resource);
      if (!r) return [missing(at, 'resource', 'Resource')];
      const target = asObject(r.target) ?? {};
      const type = asString(target.type);
      const tPath = path(...at, 'resource', 'target', 'type');
      if (r.name === 'cpu' && type !== 'Utilization') return [{ path: tPath, message: `is ${type ?? 'not set'}: the cpu target value type should be Utilization`, fix: 'use target: { type: Utilization, averageUtilization: 80 }' }];
      if (r.name === 'memory') {
        if (type !== 'AverageValue' && type !== 'Utilization') return [{ path: tPath, message: `is ${type ?? 'not set'}: the memory target value type should be AverageValue or Utilization`, fix: 'use target: { type: AverageValue, averageValue: 1Gi } or { type: Utilization, averageUtilization: 80 }' }];
        const bytes = type === 'AverageValue' ? quantityBytes(target.averageValue) : undefined;
        if (bytes !== undefined && bytes < 1024 * 1024) {
          return [{ path: path(...at, 'resource', 'target', 'averageValue'), message: `is ${String(target.averageValue)}: the memory target value should be greater than 1 MiB`, fix: 'give the average memory per replica to keep, e.g. 1Gi' }];
        }
      } else if (r.name !== 'cpu') {
        return [{ path: path(...at, 'resource', 'name'), message: `resource type ${String(r.name)} is not supported`, fix: 'scale on cpu or memory' }];
      }
      return targetViolations(target, [...at, 'resource', 'target']);
    }
    case 'External':
    case 'PodMetric': {
      const key = m.type === 'External' ? 'external' : 'podmetric';
      const source = asObject(m[key]);
      if (!source) return [missing(at, key, m.type)];
      if (!asString(asObject(source.metric)?.query)) {
        return [{ path: path(...at, key, 'metric', 'query'), message: 'is empty: the query should not be empty', fix: 'give the query whose value KEDA scales on, e.g. a PromQL request rate' }];
      }
      const target = asObject(source.target) ?? {};
      if (target.value === undefined || target.value === null) {
        return [{ path: path(...at, key, 'target', 'value'), message: 'is not set: the target threshold value should not be empty', fix: 'give the value of the query one replica should handle' }];
      }
      return targetViolations(target, [...at, key, 'target']);
    }
    default:
      return [{ path: path(...at, 'type'), message: `unknown KEDA metric type with value [${String(m.type)}]`, fix: 'use Resource, External or PodMetric' }];
  }
}

/** `validateScaleTarget`: the field its type names is set; a utilization is 1–100. */
function targetViolations(t: Json, at: ReadonlyArray<string | number>): Violation[] {
  const field = t.type === 'Utilization' ? 'averageUtilization' : t.type === 'AverageValue' ? 'averageValue' : t.type === 'Value' ? 'value' : undefined;
  if (!field) return [];
  const v = t[field];
  if (v === undefined || v === null) return [{ path: path(...at, field), message: `is not set: the ${String(t.type)} type should be set`, fix: `give ${field}, or another target type` }];
  if (field === 'averageUtilization' && typeof v === 'number' && (v < 1 || v > 100)) {
    return [{ path: path(...at, field), message: `is ${v}: the target utilization percentage should be a [1-100] integer`, fix: 'give the average utilization in percent, e.g. 80' }];
  }
  return [];
}

function missing(at: ReadonlyArray<string | number>, key: string, type: unknown): Violation {
  return { path: path(...at, key), message: `is not set for the ${String(type)} metric source type`, fix: `give ${key}, or another metric type` };
}

const UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, m: 1e-3 };

/** A Kubernetes quantity in bytes (plain numbers and the usual suffixes), or undefined when unreadable. */
function quantityBytes(q: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(String(q ?? '').trim());
  return m && m[2] in UNITS ? Number(m[1]) * UNITS[m[2]] : undefined;
}
