import { Manifest } from '../../../manifest';
import { asObject, Json, path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { asAnyNumber } from './json';
import { INFERENCE_GRAPH, INFERENCE_SERVICE } from './kinds';
import { autoscalerOf, describeMode, KNATIVE_CLASS } from './mode';

export const scaleToZero: Rule = {
  id: 'kserve/scale-to-zero',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE, INFERENCE_GRAPH],
  summary: 'minReplicas 0 (scale to zero) only under an autoscaler that can scale to zero: the Knative pod autoscaler or KEDA, not an HPA (Knative\'s HPA class, or Standard mode\'s HPA, its default).',
  why: 'Nobody rejects it, but an HPA keeps at least one replica (KServe raises minReplicas 0 to 1), so the component never scales to zero as written.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/reconcilers/hpa/hpa_reconciler.go createHPA',
  *check(o) {
    const a = autoscalerOf(o);
    if (a.kind !== 'hpa') return;
    for (const { spec, at } of scaledParts(o)) {
      if (asAnyNumber(spec.minReplicas) !== 0) continue;
      yield {
        path: path(...at, 'minReplicas'),
        message: `is 0, but scale to zero is not possible with ${a.description} in ${describeMode(a.mode)}: it keeps at least one replica`,
        fix: a.mode.name === 'Standard'
          ? 'use Knative mode, or KEDA (serving.kserve.io/autoscalerClass: keda, with autoScaling.metrics), or keep at least one replica'
          : `scale on concurrency or rps with the Knative pod autoscaler (remove ${KNATIVE_CLASS}), which scales to zero, or keep at least one replica`,
      };
    }
  },
};

/** What scales: each component of an InferenceService (not Standard canaries, which run fixed replicas), or the graph's router. */
export function scaledParts(o: Manifest): Array<{ spec: Json; at: ReadonlyArray<string | number>; label: string }> {
  if (o.kind === INFERENCE_GRAPH.kind) return [{ spec: asObject(o.spec) ?? {}, at: ['spec'], label: 'graph' }];
  return componentsOf(o).map((c) => ({ spec: c.spec, at: c.at, label: c.label }));
}
