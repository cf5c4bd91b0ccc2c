import { path } from '../json';
import { Rule } from '../rule';
import { describeStep, nodesOf } from './graph';
import { INFERENCE_GRAPH } from './kinds';

const TARGETS = ['nodeName', 'serviceName', 'serviceUrl'];

export const graphStepTarget: Rule = {
  id: 'kserve/graph-step-target',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'Every InferenceGraph step names exactly one target: nodeName, serviceName or serviceUrl.',
  why: 'KServe\'s webhook rejects the graph otherwise ("does not specify an inference target", "specifies more than one of nodeName, serviceName, serviceUrl").',
  source: 'kserve/kserve pkg/apis/serving/v1alpha1/inference_graph_validation.go validateInferenceGraphSingleStepTargets',
  *check(o) {
    for (const s of nodesOf(o).flatMap((n) => n.steps)) {
      const set = TARGETS.filter((t) => typeof s.step[t] === 'string' && s.step[t] !== '');
      if (set.length === 1) continue;
      yield {
        path: path(...s.at),
        message: set.length === 0 ? `${describeStep(s)} does not specify an inference target` : `${describeStep(s)} specifies more than one of nodeName, serviceName, serviceUrl (${set.join(', ')})`,
        fix: 'give exactly one of nodeName (another node), serviceName (an InferenceService of the namespace) or serviceUrl',
      };
    }
  },
};
