/** Label keys this project writes on every object it synthesizes. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  /** The stack (top-level chart) an object belongs to; the reconciler groups objects by it. */
  stack: 'cdk8s-kubeflow.io/stack',
} as const;

/** Annotation keys this project writes. */
export const ANNOTATIONS = {
  /** sha256 of the object's content without this annotation; the reconciler compares it with the cluster. */
  contentHash: 'cdk8s-kubeflow.io/content-hash',
  /** Policy waivers of the object: a JSON list of `{ rule, reason, expires }` (see policy-config.ts). */
  waivers: 'cdk8s-kubeflow.io/waivers',
  /** Argo CD's sync wave of the object: lower waves are applied, and healthy, before higher ones (derived by the gitops constructs). */
  syncWave: 'argocd.argoproj.io/sync-wave',
  /** Argo CD's per-object sync options (comma-separated `Name=value`). */
  syncOptions: 'argocd.argoproj.io/sync-options',
} as const;

/** The value of `app.kubernetes.io/managed-by` on everything synthesized. */
export const MANAGED_BY = 'cdk8s-kubeflow';
