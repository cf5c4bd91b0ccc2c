import { asString, path } from '../json';
import { Rule } from '../rule';
import { nodesOf } from './graph';
import { INFERENCE_GRAPH } from './kinds';

export const graphStepNames: Rule = {
  id: 'kserve/graph-step-names',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'The named steps of one InferenceGraph node have distinct names.',
  why: 'KServe\'s webhook rejects the graph otherwise ("contains more than one step with name …"): an Ensemble keys its response by step name.',
  source: 'kserve/kserve pkg/apis/serving/v1alpha1/inference_graph_validation.go validateInferenceGraphStepNameUniqueness',
  *check(o) {
    for (const node of nodesOf(o)) {
      const seen = new Set<string>();
      for (const s of node.steps) {
        const name = asString(s.step.name);
        if (!name) continue;
        if (seen.has(name)) {
          yield { path: path(...s.at, 'name'), message: `node "${node.name}" contains more than one step with name "${name}"`, fix: 'give each step of a node its own name' };
        }
        seen.add(name);
      }
    }
  },
};
