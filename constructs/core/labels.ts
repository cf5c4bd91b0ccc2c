/** Label and annotation keys this project writes. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  /** The stack (top-level chart) an object belongs to; the reconciler groups objects by it. */
  stack: 'cdk8s-kubeflow.io/stack',
} as const;

export const ANNOTATIONS = {
  /** sha256 of the object's content without this annotation; the reconciler compares it with the cluster. */
  contentHash: 'cdk8s-kubeflow.io/content-hash',
} as const;

export const MANAGED_BY = 'cdk8s-kubeflow';

/** The per-object standard labels: what the object is (`name`), which one (`instance`), its role (`component`). */
export function standardLabels(name: string, instance: string, component: string): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.instance]: instance, [LABELS.component]: component };
}
