import { asString, path } from '../json';
import { Rule } from '../rule';
import { describeStep, nodesOf } from './graph';
import { INFERENCE_GRAPH } from './kinds';

export const graphSwitchCondition: Rule = {
  id: 'kserve/graph-switch-condition',
  category: 'runtime',
  severity: 'warning',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'Every step of a Switch node has a condition.',
  why: 'The router sends a request to the first step of a Switch whose GJSON condition matches the request; an empty condition matches nothing, so the step is never taken.',
  source: 'kserve/kserve cmd/router/main.go pickupRouteByCondition',
  *check(o) {
    for (const node of nodesOf(o)) {
      if (node.routerType !== 'Switch') continue;
      for (const s of node.steps) {
        if (asString(s.step.condition)?.trim()) continue;
        yield { path: path(...s.at, 'condition'), message: `${describeStep(s)} has no condition, so the Switch never routes to it`, fix: 'give a GJSON condition on the request, e.g. "[@this].#(predictions.0==\\"dog\\")", or remove the step' };
      }
    }
  },
};
