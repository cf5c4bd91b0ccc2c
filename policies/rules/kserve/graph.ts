// Reading an InferenceGraph's nodes and steps.
import { Manifest } from '../../../manifest';
import { asArray, asObject, asString, Json } from '../json';

export interface GraphStep {
  readonly node: string;
  readonly index: number;
  readonly step: Json;
  /** Path segments of the step: `['spec', 'nodes', node, 'steps', index]`. */
  readonly at: ReadonlyArray<string | number>;
}

export interface GraphNode {
  readonly name: string;
  readonly routerType?: string;
  readonly steps: readonly GraphStep[];
}

export function nodesOf(graph: Manifest): GraphNode[] {
  const nodes = asObject(asObject(graph.spec)?.nodes) ?? {};
  return Object.entries(nodes).map(([name, n]) => {
    const node = asObject(n) ?? {};
    return {
      name,
      routerType: asString(node.routerType),
      steps: asArray(node.steps).map((s, index) => ({ node: name, index, step: asObject(s) ?? {}, at: ['spec', 'nodes', name, 'steps', index] })),
    };
  });
}

/** A step's label for messages: `step 0 ("sklearn") of node "root"`. */
export function describeStep(s: GraphStep): string {
  const name = asString(s.step.name);
  return `step ${s.index}${name ? ` ("${name}")` : ''} of node "${s.node}"`;
}
