import { asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { INFERENCE_GRAPH } from './kinds';
import { autoscalerOf, describeMode, KNATIVE_CLASS, KNATIVE_HPA } from './mode';
import { replicaViolations } from './replicas';

export const graphScaling: Rule = {
  id: 'kserve/graph-scaling',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'An InferenceGraph\'s minReplicas is ≥ 0 and at most maxReplicas (unless 0), and its scaleMetric suits its autoscaler: concurrency or rps under the Knative pod autoscaler, cpu or memory under an HPA; KEDA cannot scale a graph.',
  why: 'KServe\'s webhook checks none of it for graphs; the router\'s Knative Service or HPA then rejects the bounds, or scales on another metric than the one written (an HPA without a metric it knows falls back to CPU); a graph has no autoScaling metrics for KEDA.',
  source: 'kserve/kserve pkg/controller/v1alpha1/inferencegraph/knative_reconciler.go, raw_ig.go (scaling passed to Knative or the HPA reconciler as written)',
  *check(o) {
    const spec = asObject(o.spec) ?? {};
    yield* replicaViolations(spec, ['spec']);
    const a = autoscalerOf(o);
    if (a.kind === 'keda') {
      yield { path: path('metadata', 'annotations', 'serving.kserve.io/autoscalerClass'), message: 'KEDA cannot scale an InferenceGraph: a graph has no autoScaling metrics, so its ScaledObject would have no trigger', fix: 'use the HPA (serving.kserve.io/autoscalerClass: hpa) with scaleMetric cpu or memory' };
      return;
    }
    const metric = asString(spec.scaleMetric);
    if (metric === undefined || a.kind === 'none' || a.kind === 'external') return;
    const allowed = a.kind === 'kpa' ? ['concurrency', 'rps'] : ['cpu', 'memory'];
    if (allowed.includes(metric)) return;
    yield {
      path: '.spec.scaleMetric',
      message: `${metric} is not a metric ${a.description} scales on in ${describeMode(a.mode)}`,
      fix: a.kind === 'kpa'
        ? `scale on concurrency or rps; for cpu or memory set ${KNATIVE_CLASS}: ${KNATIVE_HPA}`
        : a.mode.name === 'Standard' ? `scale on cpu or memory; ${metric} scaling needs Knative mode` : `scale on cpu or memory, or remove ${KNATIVE_CLASS} to scale on concurrency or rps`,
    };
  },
};
