import { asString, path } from '../json';
import { Rule } from '../rule';
import { describeStep, nodesOf } from './graph';
import { INFERENCE_GRAPH, INFERENCE_SERVICE } from './kinds';

export const graphServiceExists: Rule = {
  id: 'kserve/graph-service-exists',
  category: 'runtime',
  severity: 'warning',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'A step\'s serviceName names an InferenceService of the graph\'s namespace in the same set of objects.',
  why: 'KServe resolves serviceName to that InferenceService\'s URL and keeps the graph waiting until it exists and is ready. It may exist in the cluster outside this set, hence a warning.',
  source: 'kserve/kserve pkg/controller/v1alpha1/inferencegraph/controller.go Reconcile (resolve service urls)',
  *check(o, ctx) {
    const namespace = o.metadata?.namespace;
    const names = new Set(ctx.objectsOf(INFERENCE_SERVICE.group, INFERENCE_SERVICE.kind, namespace).map((s) => s.object.metadata?.name));
    for (const s of nodesOf(o).flatMap((n) => n.steps)) {
      const service = asString(s.step.serviceName);
      if (!service || names.has(service)) continue;
      yield {
        path: path(...s.at, 'serviceName'),
        message: `${describeStep(s)} calls InferenceService "${service}", which is not defined here${namespace ? ` in namespace ${namespace}` : ''}; the graph waits until it exists`,
        fix: 'define the InferenceService in the same namespace, check the name, or ignore this if it is deployed separately',
      };
    }
  },
};
