import { path } from '../json';
import { Rule } from '../rule';
import { describeStep, nodesOf } from './graph';
import { asAnyNumber } from './json';
import { INFERENCE_GRAPH } from './kinds';

export const graphSplitterWeights: Rule = {
  id: 'kserve/graph-splitter-weights',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'Every step of a Splitter node has a weight, and the weights of the node add up to 100.',
  why: 'KServe\'s webhook rejects the graph otherwise ("missing the \'Weight\'", "the sum of traffic weights for all routing targets should be 100"): the router picks a step by weight out of 100.',
  source: 'kserve/kserve pkg/apis/serving/v1alpha1/inference_graph_validation.go validateInferenceGraphSplitterWeight',
  *check(o) {
    for (const node of nodesOf(o)) {
      if (node.routerType !== 'Splitter') continue;
      const missing = node.steps.filter((s) => asAnyNumber(s.step.weight) === undefined);
      for (const s of missing) {
        yield { path: path(...s.at, 'weight'), message: `${describeStep(s)} is missing the weight (Splitter node "${node.name}")`, fix: 'give every step of a Splitter a weight; the weights add up to 100' };
      }
      if (missing.length) continue;
      const sum = node.steps.reduce((total, s) => total + (asAnyNumber(s.step.weight) ?? 0), 0);
      if (sum !== 100) {
        yield {
          path: path('spec', 'nodes', node.name, 'steps'),
          message: `Splitter node "${node.name}": the sum of traffic weights for all routing targets should be 100, got ${sum}`,
          fix: 'adjust the weights to add up to 100',
        };
      }
    }
  },
};
