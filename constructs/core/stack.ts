import { createHash } from 'node:crypto';
import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ANNOTATIONS, checkMetadataMap, LABELS, MANAGED_BY } from './labels';
import { checkName, NameRule } from './names';

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
  /** The stack name: the construct id, used as the `dist/` folder and the stack label. */
  public readonly stackName: string;

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

  /** Adds the content hash to every object, after every patch and escape hatch has been applied. */
  public toJson(): any[] {
    return super.toJson().map((obj) => withContentHash(obj));
  }
}

/** Returns `obj` with `metadata.annotations[content-hash]` = sha256 of its canonical JSON without that annotation. @internal */
export function withContentHash(obj: any): any {
  const annotations = { ...(obj.metadata?.annotations ?? {}) };
  delete annotations[ANNOTATIONS.contentHash];
  const bare = { ...obj, metadata: { ...obj.metadata, annotations } };
  if (Object.keys(annotations).length === 0) delete bare.metadata.annotations;
  const hash = createHash('sha256').update(canonicalJson(bare)).digest('hex');
  annotations[ANNOTATIONS.contentHash] = `sha256:${hash}`;
  const sorted = Object.fromEntries(Object.keys(annotations).sort().map((k) => [k, annotations[k]]));
  return { ...obj, metadata: { ...obj.metadata, annotations: sorted } };
}

/** JSON with object keys sorted at every depth: equal content, equal bytes. @internal */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
      : v);
}
