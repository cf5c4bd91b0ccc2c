import { ApiObject, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  checkHttpUrl, checkName, fail, field as join, NameRule, renderResources, renderTolerations, requireRelease, resolveNamespace, Resource, ResourceProps,
  resourceName, ResourcesProps, SchedulingProps, wholeSeconds,
} from '../core';
import { ITenant } from '../tenancy';
import { Autoscaler, AutoscalingProps, autoscalerAnnotations, renderAutoscaling, resolveAutoscaler } from './autoscaling';
import { renderTimeout } from './component';
import { DeploymentMode, deploymentModeAnnotation, KNATIVE_REVISION_SUFFIX, SERVING_ANNOTATIONS } from './deployment-mode';
import { IInferenceService } from './inference-service';
import { GraphNodeSpec, GraphSpec } from './wire';

/** What a step sends on (`InferenceStep.data`). */
export enum GraphStepData {
  /** The graph's original request. */
  REQUEST = '$request',
  /** The previous step's response. */
  RESPONSE = '$response',
}

/** Whether a step's failure fails the graph (`InferenceStep.dependency`). */
export enum GraphStepDependency {
  HARD = 'Hard',
  SOFT = 'Soft',
}

/** Options of one step. */
export interface GraphStepOptions {
  /** Step name; in an Ensemble the response key. @default - none */
  readonly name?: string;
  /** @default - the router's default ($request for the first step) */
  readonly data?: GraphStepData;
  /** @default GraphStepDependency.SOFT */
  readonly dependency?: GraphStepDependency;
  /** A GJSON condition on the input; Switch routes to the first step whose condition holds. @default - none */
  readonly condition?: string;
  /** Share of requests, for Splitter nodes; the weights of a Splitter add up to 100. @default - none */
  readonly weight?: number;
  /**
   * Sends the previous step's `predictions` as this step's `instances`, so a Sequence can chain
   * v1-protocol models (KServe 0.17 or later).
   * @default false
   */
  readonly mapPredictionsToInstances?: boolean;
}

type Target = { kind: 'service'; service: IInferenceService } | { kind: 'node'; node: GraphNode } | { kind: 'url'; url: string };

/** One step of a graph node: an InferenceService, another node, or a URL. */
export class GraphStep {
  /** Calls an InferenceService of the graph's namespace (given as the construct, or by name). */
  static service(service: IInferenceService, options: GraphStepOptions = {}): GraphStep {
    return new GraphStep({ kind: 'service', service }, options);
  }
  /** Continues in another node of the graph (it needs a name). */
  static node(node: GraphNode, options: GraphStepOptions = {}): GraphStep {
    return new GraphStep({ kind: 'node', node }, options);
  }
  /** Calls any http(s) endpoint. */
  static url(url: string, options: GraphStepOptions = {}): GraphStep {
    return new GraphStep({ kind: 'url', url }, options);
  }
  private constructor(
    /** @internal */ public readonly _target: Target,
    public readonly options: GraphStepOptions,
  ) {}
}

/** The router type of a node (`InferenceRouterType`). */
export enum GraphRouterType {
  SEQUENCE = 'Sequence',
  SWITCH = 'Switch',
  ENSEMBLE = 'Ensemble',
  SPLITTER = 'Splitter',
}

/** Options of a node. */
export interface GraphNodeOptions {
  /** The node's name; required for nodes that steps point to. The root node is always `root`. @default - none */
  readonly name?: string;
}

/**
 * A router node of an InferenceGraph. Nodes point to other nodes through `GraphStep.node()`,
 * so a graph is built bottom-up and cannot reference a node that does not exist.
 */
export class GraphNode {
  /** Chains steps; each may consume the previous response. */
  static sequence(steps: GraphStep[], options: GraphNodeOptions = {}): GraphNode {
    return new GraphNode(GraphRouterType.SEQUENCE, steps, options.name);
  }
  /** Routes to the first step whose condition holds. */
  static switch(steps: GraphStep[], options: GraphNodeOptions = {}): GraphNode {
    return new GraphNode(GraphRouterType.SWITCH, steps, options.name);
  }
  /** Calls every step and merges their responses. */
  static ensemble(steps: GraphStep[], options: GraphNodeOptions = {}): GraphNode {
    return new GraphNode(GraphRouterType.ENSEMBLE, steps, options.name);
  }
  /** Sends each request to one step, at random by weight (weights add up to 100). */
  static splitter(steps: GraphStep[], options: GraphNodeOptions = {}): GraphNode {
    return new GraphNode(GraphRouterType.SPLITTER, steps, options.name);
  }
  private constructor(
    public readonly routerType: GraphRouterType,
    public readonly steps: readonly GraphStep[],
    public readonly name?: string,
  ) {}
}

/** The HTTP timeouts of an InferenceGraph's router (`routerTimeouts`). */
export interface GraphRouterTimeouts {
  /** Reading a request. @default - the router's */
  readonly serverRead?: Duration;
  /** Writing the response. @default - the router's */
  readonly serverWrite?: Duration;
  /** Waiting for the next request on a kept-alive connection. @default - the router's */
  readonly serverIdle?: Duration;
  /** Each call the router makes to a step. @default - the router's */
  readonly serviceClient?: Duration;
}

export interface InferenceGraphProps extends ResourceProps {
  /** The entry node (named `root`). */
  readonly root: GraphNode;
  /** @default DeploymentMode.KNATIVE */
  readonly deploymentMode?: DeploymentMode;
  /** Replicas and metric of the router; concurrency, rps, cpu or memory (no KEDA). @default - one replica, the mode's default metric */
  readonly autoscaling?: AutoscalingProps;
  /** Router resources. @default - KServe's router defaults */
  readonly resources?: ResourcesProps;
  /** Request timeout of the graph (whole seconds). @default - KServe's default */
  readonly timeout?: Duration;
  /** The router's own HTTP timeouts (whole seconds each; KServe 0.16 or later). @default - the router's defaults */
  readonly routerTimeouts?: GraphRouterTimeouts;
  /**
   * The router's autoscaler: in Knative mode KPA or HPA (Knative's HPA class), in Standard mode
   * HPA, EXTERNAL or NONE (a graph has no metrics for KEDA).
   * @default - the one the metric needs; without one KPA in Knative mode, HPA in Standard mode
   */
  readonly autoscaler?: Autoscaler;
  /** @default - any node */
  readonly scheduling?: Pick<SchedulingProps, 'nodeSelector' | 'tolerations' | 'affinity'>;
  /** @default - the namespace's default service account */
  readonly serviceAccountName?: string;
  /** @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
}

/**
 * A KServe InferenceGraph (serving.kserve.io/v1alpha1): a router that chains, switches, ensembles
 * or splits requests between InferenceServices. Nodes are built bottom-up, so the root node and
 * one target per step hold by construction; what KServe's webhook and router check of the graph
 * (unique step names, Splitter weights adding up to 100, …) runs at synth (the kserve policies).
 */
export class InferenceGraph extends Resource {
  public readonly apiVersion = 'serving.kserve.io/v1alpha1';
  public readonly kind = 'InferenceGraph';
  public readonly name: string;
  public readonly namespace: string;
  public readonly deploymentMode: DeploymentMode;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: InferenceGraphProps) {
    super(scope, id);
    this.deploymentMode = props.deploymentMode ?? DeploymentMode.KNATIVE;
    const derived = this.deploymentMode === DeploymentMode.KNATIVE ? [{ suffix: KNATIVE_REVISION_SUFFIX, by: 'Knative names the graph\'s first revision' }] : [];
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL_1035, derived });
    this.namespace = resolveNamespace(this, props);
    if (!props.root) fail(this, 'root', 'is missing', 'give the entry node, e.g. GraphNode.sequence([...])');
    const nodes = collectNodes(this, props.root);
    const autoscaler = resolveAutoscaler(this, this.deploymentMode, [{ field: 'autoscaling', props: props.autoscaling }], { explicit: props.autoscaler, graph: true });
    const scaling = renderAutoscaling(this, 'autoscaling', props.autoscaling, autoscaler);
    if (props.serviceAccountName !== undefined) checkName(this, 'serviceAccountName', props.serviceAccountName);
    const s = props.scheduling ?? {};
    const tolerations = renderTolerations(this, 'scheduling.tolerations', s.tolerations);
    const spec: GraphSpec = {
      nodes: Object.fromEntries([...nodes.entries()].map(([name, node]) => [name, renderNode(this, name, node, this.namespace)])),
      ...scaling,
      resources: renderResources(this, 'resources', props.resources),
      timeout: renderTimeout(this, 'timeout', props.timeout),
      routerTimeouts: renderRouterTimeouts(this, props.routerTimeouts),
      nodeSelector: s.nodeSelector,
      tolerations: tolerations.length ? tolerations : undefined,
      affinity: s.affinity,
      serviceAccountName: props.serviceAccountName,
    };
    this.apiObject = this.emitResource(
      {
        name: this.name, namespace: this.namespace, appName: 'inference-graph', component: 'serving', labels: props.metadata?.labels,
        annotations: { ...props.metadata?.annotations, [SERVING_ANNOTATIONS.deploymentMode]: deploymentModeAnnotation(this, this.deploymentMode), ...autoscalerAnnotations(this.deploymentMode, autoscaler) },
      },
      { spec });
  }
}

function renderRouterTimeouts(scope: IConstruct, timeouts: GraphRouterTimeouts | undefined): GraphSpec['routerTimeouts'] {
  if (!timeouts) return undefined;
  requireRelease(scope, 'routerTimeouts', 'kserve', '0.16.0', 'routerTimeouts');
  const seconds = (key: keyof GraphRouterTimeouts) => {
    const d = timeouts[key];
    return d === undefined ? undefined : wholeSeconds(scope, join('routerTimeouts', key), d, 1);
  };
  return { serverRead: seconds('serverRead'), serverWrite: seconds('serverWrite'), serverIdle: seconds('serverIdle'), serviceClient: seconds('serviceClient') };
}

/** The nodes reachable from `root`, by name, root first; two different nodes with one name are an error. */
function collectNodes(scope: IConstruct, root: GraphNode): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  const visit = (node: GraphNode, name: string, via: string) => {
    const existing = nodes.get(name);
    if (existing) {
      if (existing !== node) fail(scope, via, `two different nodes are named "${name}"`, 'give each node its own name');
      return;
    }
    nodes.set(name, node);
    node.steps.forEach((step, i) => {
      const t = step._target;
      if (t.kind !== 'node') return;
      const stepField = `${via === 'root' ? 'root' : `nodes.${name}`}.steps[${i}]`;
      if (!t.node.name) fail(scope, stepField, 'points to a node without a name', 'name the node: GraphNode.sequence([...], { name: "my-node" })');
      if (t.node.name === 'root') fail(scope, stepField, 'points to a node named "root"; that name is the entry node\'s', 'give the node another name');
      visit(t.node, t.node.name, `nodes.${t.node.name}`);
    });
  };
  if (root.name !== undefined && root.name !== 'root') {
    fail(scope, 'root.name', `is "${root.name}"; the entry node is always named "root" (KServe looks it up by that name)`, 'leave the root node unnamed');
  }
  visit(root, 'root', 'root');
  return nodes;
}

function renderNode(scope: IConstruct, name: string, node: GraphNode, namespace: string): GraphNodeSpec {
  const field = name === 'root' ? 'root' : `nodes.${name}`;
  if (node.steps.length === 0) fail(scope, join(field, 'steps'), 'is empty', 'give the node at least one step');
  const steps = node.steps.map((step, i) => {
    const f = `${field}.steps[${i}]`;
    const o = step.options;
    if (o.name !== undefined) checkName(scope, join(f, 'name'), o.name, NameRule.LABEL);
    if (node.routerType === GraphRouterType.SPLITTER && o.weight !== undefined) {
      if (!Number.isInteger(o.weight) || o.weight < 0 || o.weight > 100) fail(scope, join(f, 'weight'), `must be a whole number between 0 and 100, got ${o.weight}`, 'give the step\'s share of requests in percent');
    } else if (o.weight !== undefined) {
      fail(scope, join(f, 'weight'), `only Splitter nodes use weights; "${name}" is a ${node.routerType} node`, 'drop the weight, or make the node a GraphNode.splitter');
    }
    if (o.condition !== undefined && !o.condition.trim()) fail(scope, join(f, 'condition'), 'is empty', 'give a GJSON condition, e.g. "predictions.#(==1)", or leave it out');
    if (o.mapPredictionsToInstances) requireRelease(scope, join(f, 'mapPredictionsToInstances'), 'kserve', '0.17.0', 'mapPredictionsToInstances');
    const t = step._target;
    let target: Record<string, string>;
    if (t.kind === 'service') {
      if (t.service.namespace !== namespace) {
        fail(scope, join(f, 'serviceName'), `InferenceService "${t.service.name}" is in namespace "${t.service.namespace}", the graph in "${namespace}"`,
          'a graph calls services of its own namespace by name: use GraphStep.url() for another namespace');
      }
      target = { serviceName: t.service.name };
    } else if (t.kind === 'node') {
      target = { nodeName: t.node.name! };
    } else {
      checkHttpUrl(scope, join(f, 'serviceUrl'), t.url, 'http://model.team.svc.cluster.local/v1/models/model:predict');
      target = { serviceUrl: t.url };
    }
    return { name: o.name, ...target, data: o.data, dependency: o.dependency, condition: o.condition, weight: o.weight, mapPredictionsToInstances: o.mapPredictionsToInstances || undefined };
  });
  return { routerType: node.routerType, steps };
}
