import { Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { LABELS, Manifest, MANAGED_BY, withContentHash } from '../../manifest';
import { fail } from './errors';
import { checkMetadataMap } from './labels';
import { checkName, NameRule } from './names';

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
  }

  /**
   * Adds a change to the stack's objects as a whole, made at synth after every construct,
   * patch and escape hatch (e.g. annotations a deployment tool derives from what the stack
   * emits). Transforms run in the order added, before the content hash is computed.
   */
  public addTransform(transform: StackTransform): void {
    this.transforms.push(transform);
  }

  /** The stack's objects: transformed, then stamped with their content hash. */
  public toJson(): any[] {
    const objects = this.transforms.reduce((objs, t) => t(objs), super.toJson() as Manifest[]);
    return objects.map((obj) => withContentHash(obj));
  }
}
