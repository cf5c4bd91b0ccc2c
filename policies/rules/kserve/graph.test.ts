import { ruleFindings } from '../../../test/policy';
import { graph, isvc, model, where } from './test-objects';

const seq = (...steps: Array<Record<string, unknown>>) => ({ routerType: 'Sequence', steps });

describe('kserve/graph-root-node', () => {
  test('rejects a graph without a node named root', () => {
    expect(where(ruleFindings('kserve/graph-root-node', graph({ start: seq({ serviceName: 'iris' }) })))).toEqual([
      ['.spec.nodes', 'root node not found: InferenceGraph needs a node with name \'root\' as the root node of the graph (it has "start")'],
    ]);
  });

  test('accepts a root node', () => {
    expect(ruleFindings('kserve/graph-root-node', graph({ root: seq({ serviceName: 'iris' }) }))).toEqual([]);
  });
});

describe('kserve/graph-step-names', () => {
  test('rejects two steps of one node with one name', () => {
    expect(where(ruleFindings('kserve/graph-step-names', graph({ root: { routerType: 'Ensemble', steps: [{ name: 'm', serviceName: 'a' }, { name: 'm', serviceName: 'b' }] } })))).toEqual([
      ['.spec.nodes.root.steps[1].name', 'node "root" contains more than one step with name "m"'],
    ]);
  });

  test('accepts one name in two nodes, and unnamed steps', () => {
    expect(ruleFindings('kserve/graph-step-names', graph({ root: seq({ name: 'm', nodeName: 'n' }, { serviceName: 'a' }, { serviceName: 'b' }), n: seq({ name: 'm', serviceName: 'c' }) }))).toEqual([]);
  });
});

describe('kserve/graph-step-target', () => {
  test('rejects a step without target and one with two', () => {
    expect(where(ruleFindings('kserve/graph-step-target', graph({ root: seq({ name: 'empty' }, { serviceName: 'a', serviceUrl: 'http://a' }) })))).toEqual([
      ['.spec.nodes.root.steps[0]', 'step 0 ("empty") of node "root" does not specify an inference target'],
      ['.spec.nodes.root.steps[1]', 'step 1 of node "root" specifies more than one of nodeName, serviceName, serviceUrl (serviceName, serviceUrl)'],
    ]);
  });

  test('accepts one target per step', () => {
    expect(ruleFindings('kserve/graph-step-target', graph({ root: seq({ serviceName: 'a' }, { serviceUrl: 'http://b' }, { nodeName: 'n' }), n: seq({ serviceName: 'c' }) }))).toEqual([]);
  });
});

describe('kserve/graph-splitter-weights', () => {
  test('rejects a Splitter step without weight, and weights not adding up to 100', () => {
    const f = ruleFindings('kserve/graph-splitter-weights', graph({
      root: { routerType: 'Splitter', steps: [{ serviceName: 'a', weight: 70 }, { serviceName: 'b', weight: 20 }] },
      other: { routerType: 'Splitter', steps: [{ serviceName: 'a', weight: 100 }, { serviceName: 'b' }] },
    }));
    expect(where(f)).toEqual([
      ['.spec.nodes.root.steps', 'Splitter node "root": the sum of traffic weights for all routing targets should be 100, got 90'],
      ['.spec.nodes.other.steps[1].weight', 'step 1 of node "other" is missing the weight (Splitter node "other")'],
    ]);
  });

  test('accepts weights adding up to 100', () => {
    expect(ruleFindings('kserve/graph-splitter-weights', graph({ root: { routerType: 'Splitter', steps: [{ serviceName: 'a', weight: 80 }, { serviceName: 'b', weight: 20 }] } }))).toEqual([]);
  });
});

describe('kserve/graph-node-reference', () => {
  test('rejects a step into a missing node, and a cycle', () => {
    const f = ruleFindings('kserve/graph-node-reference', graph({ root: seq({ nodeName: 'a' }, { nodeName: 'missing' }), a: seq({ nodeName: 'b' }), b: seq({ nodeName: 'a' }) }));
    expect(where(f)).toEqual([
      ['.spec.nodes.root.steps[1].nodeName', 'step 1 of node "root" points to node "missing", which the graph does not have (it has "root", "a", "b")'],
      ['.spec.nodes.b.steps[0].nodeName', 'step 0 of node "b" leads back to node "a", so the router would recurse forever'],
      ['.spec.nodes.a.steps[0].nodeName', 'step 0 of node "a" leads back to node "b", so the router would recurse forever'],
    ]);
  });

  test('accepts a node reached twice', () => {
    expect(ruleFindings('kserve/graph-node-reference', graph({ root: { routerType: 'Ensemble', steps: [{ nodeName: 'shared' }, { nodeName: 'shared' }] }, shared: seq({ serviceName: 'a' }) }))).toEqual([]);
  });
});

describe('kserve/graph-switch-condition', () => {
  test('warns about a Switch step without condition', () => {
    const f = ruleFindings('kserve/graph-switch-condition', graph({ root: { routerType: 'Switch', steps: [{ serviceName: 'dog', condition: '[@this].#(predictions.0=="dog")' }, { serviceName: 'other' }] } }));
    expect(f.map((x) => [x.severity, x.path, x.message])).toEqual([['warning', '.spec.nodes.root.steps[1].condition', 'step 1 of node "root" has no condition, so the Switch never routes to it']]);
  });

  test('accepts conditions on every Switch step, and steps without one elsewhere', () => {
    expect(ruleFindings('kserve/graph-switch-condition', graph({ root: seq({ serviceName: 'a' }, { nodeName: 'n' }), n: { routerType: 'Switch', steps: [{ serviceName: 'b', condition: 'x' }] } }))).toEqual([]);
  });
});

describe('kserve/graph-service-exists', () => {
  test('warns about a service not in the set, or in another namespace', () => {
    const other = { ...isvc({ predictor: model() }, {}, 'iris'), metadata: { name: 'iris', namespace: 'other' } };
    const f = ruleFindings('kserve/graph-service-exists', graph({ root: seq({ serviceName: 'iris' }) }), other);
    expect(f.map((x) => [x.severity, x.path, x.message])).toEqual([['warning', '.spec.nodes.root.steps[0].serviceName', 'step 0 of node "root" calls InferenceService "iris", which is not defined here in namespace team; the graph waits until it exists']]);
  });

  test('accepts a service of the set', () => {
    expect(ruleFindings('kserve/graph-service-exists', graph({ root: seq({ serviceName: 'iris' }) }), isvc({ predictor: model() }))).toEqual([]);
  });
});
