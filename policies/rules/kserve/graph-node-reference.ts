import { asString, path } from '../json';
import { Rule } from '../rule';
import { describeStep, GraphStep, nodesOf } from './graph';
import { INFERENCE_GRAPH } from './kinds';

export const graphNodeReference: Rule = {
  id: 'kserve/graph-node-reference',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_GRAPH],
  summary: 'A step\'s nodeName names a node of the graph, and following nodeName steps never leads back to a node already on the way (no cycles).',
  why: 'KServe\'s webhook does not check it, but the router looks the node up when a request arrives: a missing node routes nowhere, and a cycle recurses until the request fails.',
  source: 'kserve/kserve cmd/router/main.go routeStep',
  *check(o) {
    const nodes = nodesOf(o);
    const byName = new Map(nodes.map((n) => [n.name, n]));
    for (const s of nodes.flatMap((n) => n.steps)) {
      const target = asString(s.step.nodeName);
      if (target && !byName.has(target)) {
        yield { path: path(...s.at, 'nodeName'), message: `${describeStep(s)} points to node "${target}", which the graph does not have (it has ${[...byName.keys()].map((n) => `"${n}"`).join(', ')})`, fix: 'name a node of spec.nodes, or add the node' };
      }
    }
    // Depth-first from every node; a step into a node on the current path closes a cycle.
    const reported = new Set<GraphStep>();
    const visit = (name: string, trail: readonly string[]): GraphStep[] => {
      const found: GraphStep[] = [];
      for (const s of byName.get(name)?.steps ?? []) {
        const target = asString(s.step.nodeName);
        if (!target || !byName.has(target)) continue;
        if (trail.includes(target)) found.push(s);
        else found.push(...visit(target, [...trail, target]));
      }
      return found;
    };
    for (const n of nodes) {
      for (const s of visit(n.name, [n.name])) {
        if (reported.has(s)) continue;
        reported.add(s);
        yield { path: path(...s.at, 'nodeName'), message: `${describeStep(s)} leads back to node "${asString(s.step.nodeName)}", so the router would recurse forever`, fix: 'make the graph acyclic: a step may only lead to nodes further down' };
      }
    }
  },
};
