import { asObject } from '../json';
import { Rule } from '../rule';
import { INFERENCE_GRAPH } from './kinds';

export const graphRootNode: Rule = {
  id: 'kserve/graph-root-node',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'An InferenceGraph has a node named "root".',
  why: 'KServe\'s webhook rejects the graph otherwise ("root node not found"): the router starts every request at the node named root.',
  source: 'kserve/kserve pkg/apis/serving/v1alpha1/inference_graph_validation.go validateInferenceGraphRouterRoot',
  *check(o) {
    const nodes = asObject(asObject(o.spec)?.nodes) ?? {};
    if ('root' in nodes) return;
    const names = Object.keys(nodes);
    yield {
      path: '.spec.nodes',
      message: `root node not found: InferenceGraph needs a node with name 'root' as the root node of the graph${names.length ? ` (it has ${names.map((n) => `"${n}"`).join(', ')})` : ''}`,
      fix: 'name the entry node "root"',
    };
  },
};
