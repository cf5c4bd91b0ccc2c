import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ANNOTATIONS, inventoryFor, LABELS, Manifest, MANAGED_BY, PolicyConfig, withContentHash } from '../../manifest';
import { fail } from './errors';
import { checkMetadataMap } from './labels';
import { checkName, NameRule } from './names';
import { Release } from './release';

/** The construct reports name for an object: the one it stands for (`dev/Lab`, not `dev/Lab/Resource`). */
function constructPathOf(o: ApiObject): string {
  return o.node.id === 'Resource' && o.node.scope ? o.node.scope.node.path : o.node.path;
}

/** The highest sync wave among `objects` (whole numbers, as Argo CD reads them); undefined when none carries one. */
function lastSyncWave(objects: readonly Manifest[]): number | undefined {
  const waves = objects.map((o) => o.metadata?.annotations?.[ANNOTATIONS.syncWave])
    .filter((w): w is string => w !== undefined && /^[+-]?\d+$/.test(w)).map(Number);
  return waves.length ? Math.max(...waves) : undefined;
}

/** A change to all objects of a stack at synth; see {@link Stack.addTransform}. */
export type StackTransform = (objects: readonly Manifest[]) => Manifest[];

export interface StackProps {
  /**
   * Value of `app.kubernetes.io/part-of` on every object.
   * @default 'kubeflow'
   */
  readonly partOf?: string;
  /**
   * Extra labels on every object of the stack.
   * @default - only the standard labels
   */
  readonly labels?: Record<string, string>;
  /**
   * Default namespace for namespaced objects that do not name one.
   * @default - none; namespaced constructs then need their own namespace or tenant
   */
  readonly namespace?: string;
  /**
   * Which policy rules synth runs on this stack's objects, at what severity, with which
   * parameters (see the README's "Policies").
   * @default - the admission, CEL and runtime rules; platform policies off
   */
  readonly policies?: PolicyConfig;
  /**
   * The platform the stack deploys to: the component versions the constructs emit for, and the
   * schemas synth validates against (see {@link Release}).
   * @default - the release `synth --release` names, else Release.KUBEFLOW_PLATFORM_2026_04
   */
  readonly release?: Release;
}

/** Each stack's rendering during a synth (see {@link withSynthRenderings}); none outside one. */
let renderings: WeakMap<Stack, Array<{ object: Manifest; construct: string }>> | undefined;

/**
 * Runs `fn` (a synth of a finished app) with each stack rendered at most once: its checks (sync
 * waves), the delivery's computed fields and the output share the rendering, which they only
 * read. Outside it every call renders anew, as constructs may still change.
 * @internal
 */
export function withSynthRenderings<T>(fn: () => T): T {
  const outer = renderings;
  renderings = new WeakMap();
  try {
    return fn();
  } finally {
    renderings = outer;
  }
}

/**
 * One deployable unit (an environment or a team), synthesized to `dist/<stack id>/`. Adds the
 * standard labels and the content-hash annotation that the reconciler tracks objects by.
 */
export class Stack extends Chart {
  /**
   * The stack `c` belongs to: the top-level chart above it. Stacks are separate environments
   * (or clusters), so names are unique per stack and each has its own `dist/` folder.
   */
  public static of(c: IConstruct): Stack {
    const top = Stack.isStack(c) && c.node.scope === c.node.root ? c : c.node.scopes[1];
    if (!Stack.isStack(top)) {
      fail(c, '.', 'is not inside a Stack', 'create it under a Stack (cdk8s-kubeflow), directly under the App: every object belongs to one stack');
    }
    return top;
  }

  /** Whether `x` is a Stack, duck-typed: an app may load its own copy of this package. */
  public static isStack(x: unknown): x is Stack {
    return Chart.isChart(x) && typeof (x as { stackName?: unknown }).stackName === 'string';
  }

  /** The stack name: the construct id, used as the `dist/` folder and the stack label. */
  public readonly stackName: string;
  /** The policy configuration synth applies to this stack. */
  public readonly policies?: PolicyConfig;
  /** The platform the stack deploys to. */
  public readonly release: Release;
  private readonly transforms: StackTransform[] = [];

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    const chartProps: ChartProps = {
      namespace: props.namespace,
      labels: {
        ...props.labels,
        [LABELS.partOf]: props.partOf ?? 'kubeflow',
        [LABELS.managedBy]: MANAGED_BY,
        [LABELS.stack]: id,
      },
      disableResourceNameHashes: true,
    };
    super(scope, id, chartProps);
    checkName(this, 'id', id, NameRule.LABEL);
    checkMetadataMap(this, 'labels', chartProps.labels, 'labels');
    if (props.namespace !== undefined) checkName(this, 'namespace', props.namespace, NameRule.LABEL);
    this.stackName = id;
    this.policies = props.policies;
    this.release = props.release ?? Release.fromEnvironment(this);
  }

  /**
   * Adds a change to the stack's objects as a whole, made at synth after every construct,
   * patch and escape hatch (e.g. annotations a deployment tool derives from what the stack
   * emits). Transforms run in the order added, before the content hash is computed.
   */
  public addTransform(transform: StackTransform): void {
    this.transforms.push(transform);
  }

  /**
   * The stack's objects: transformed, then stamped with their content hash, then its Inventory
   * (listing them all, for the reconciler) last (cdk8s's synthesis, which validates the whole app).
   */
  public toJson(): any[] {
    const objects = this.transforms.reduce((objs, t) => t(objs), super.toJson() as Manifest[]).map((obj) => withContentHash(obj));
    return [...objects, this.inventoryOf(objects)];
  }

  /**
   * The stack's objects as {@link toJson} renders them, each with the path of the construct that
   * made it, without cdk8s's whole-app dependency walk and validation (synth validates the app
   * once). Transforms see the objects in construct-tree order.
   * @internal
   */
  public _renderObjects(): Array<{ object: Manifest; construct: string }> {
    const cached = renderings?.get(this);
    if (cached) return cached;
    const made = this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)
      .map((o) => ({ object: o.toJson() as Manifest, construct: constructPathOf(o) }));
    const transformed = this.transforms.reduce((objs, t) => t(objs), made.map((m) => m.object));
    if (transformed.length !== made.length) throw new Error(`a transform of stack ${this.stackName} added or removed objects; transforms may only change them`);
    const rendered = transformed.map((object, i) => ({ object: withContentHash(object), construct: made[i].construct }));
    const result = [...rendered, { object: this.inventoryOf(rendered.map((r) => r.object)), construct: this.node.path }];
    renderings?.set(this, result);
    return result;
  }

  /**
   * The stack's Inventory: every object it emits, with the stack's labels; it sees no transform, as it lists their output.
   * When the objects carry sync waves (Argo CD delivers the stack) it goes into the last one: its kstatus health is
   * Progressing while a job runs, so in an earlier wave it would hold the stack's sync for as long. It also skips
   * Argo CD's dry run while its CRD is missing: the reconciler's stack installs the CRD, possibly in the same sync
   * (gating this stack on the reconciler's health instead would let a broken reconciler block the platform).
   */
  private inventoryOf(objects: readonly Manifest[]): Manifest {
    let inventory: Manifest;
    try {
      inventory = inventoryFor(this.stackName, objects, this.labels);
    } catch (e) {
      return fail(this, 'inventory', (e as Error).message, 'give every object of the stack a name (escape hatches included)');
    }
    const wave = lastSyncWave(objects);
    if (wave === undefined) return inventory;
    const annotations = { ...inventory.metadata?.annotations, [ANNOTATIONS.syncWave]: String(wave), [ANNOTATIONS.syncOptions]: 'SkipDryRunOnMissingResource=true' };
    return withContentHash({ ...inventory, metadata: { ...inventory.metadata, annotations } });
  }
}
