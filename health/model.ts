/**
 * The health model language: a kind's health is declarative data — ordered rules, each a
 * predicate over the plain object and an outcome with a message — that ONE evaluator
 * (evaluate.ts) runs in TypeScript and ONE compiler (lua.ts) turns into Argo CD health Lua.
 * Nothing here is kind-specific; the kinds live in health/<group>/<Kind>/model.ts.
 */

/** Argo CD's health statuses (gitops-engine `HealthStatusCode`). */
export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export const HEALTH_STATUSES: readonly HealthStatus[] = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

/** An assessment: what `assessHealth` returns, and what the Lua returns to Argo CD. */
export interface Health {
  readonly status: HealthStatus;
  readonly message: string;
}

/** Keys from the object's root, e.g. `['status', 'observedGeneration']`; a key may hold dots (annotation names). */
export type Path = readonly string[];

/** A scalar to compare a field with. */
export type Scalar = string | number | boolean;

/**
 * What a rule tests. A field that is absent, or of the wrong type, makes a test false (never an
 * error), so any object, however incomplete, gets an outcome.
 *
 * `condition` finds, in the list at `in` (default `status.conditions`), the LAST entry whose
 * `type` is the given one (lists that append, like the Profile's, keep the newest last); it
 * matches when that entry exists and, if given, its `status` and `reason` match and its
 * `message` is a string starting with one of `messageStartsWith` (byte for byte: Argo CD's
 * scripts have no string library, so prefixes are all the language tests text for).
 */
export type Predicate =
  | { readonly exists: Path }
  | { readonly absent: Path }
  | { readonly field: Path; readonly equals: Scalar }
  | { readonly field: Path; readonly oneOf: readonly Scalar[] }
  /**
   * Numbers only: `field < than` (a path, or a number), or with `plus`, `field + plus < than`
   * (e.g. a StatefulSet's updated replicas plus its partition); false when any is not a number.
   */
  | { readonly field: Path; readonly lessThan: Path | number; readonly plus?: Path }
  /** Both present scalars, and not equal. */
  | { readonly field: Path; readonly differsFrom: Path }
  /** The list at `field` holds the string `value` (e.g. a finalizer). */
  | { readonly field: Path; readonly contains: string }
  | {
    readonly condition: string;
    readonly status?: 'True' | 'False' | 'Unknown';
    readonly reasonIn?: readonly string[];
    readonly messageStartsWith?: readonly string[];
    readonly in?: Path;
  }
  | { readonly all: readonly Predicate[] }
  | { readonly any: readonly Predicate[] }
  | { readonly not: Predicate };

/**
 * A message: text, and values interpolated from the object (a missing value reads as '').
 * `conditionField` reads a field of the condition a `condition` predicate would find.
 */
export type MessagePart =
  | string
  | { readonly field: Path }
  | { readonly conditionField: 'message' | 'reason'; readonly type: string; readonly in?: Path };
export type Message = readonly MessagePart[];

export interface Rule {
  readonly when: Predicate;
  readonly status: HealthStatus;
  readonly message: Message;
}

/**
 * How Argo CD assesses the kind:
 * - `lua`: our model, compiled into argocd-cm `resource.customizations.health.<key>`;
 * - `builtin`: Argo CD's own check (gitops-engine's Go code) is used and our model agrees with
 *   it on status (tested); we do not override it, as an argocd-cm key applies to every object
 *   of the kind in every Argo CD app on the cluster;
 * - `none`: Argo CD has no check and shows no health, which counts as healthy in sync waves —
 *   what our model says too, so there is nothing to emit.
 */
export type ArgoCdMode = 'lua' | 'builtin' | 'none';

export interface HealthModel {
  /** API group, '' for core. */
  readonly group: string;
  readonly kind: string;
  readonly argocd: ArgoCdMode;
  /** Why the kind is, or is not, emitted into argocd-cm, and what its status means (upstream semantics). */
  readonly notes: string;
  /** Tried in order; the first that matches decides. */
  readonly rules: readonly Rule[];
  /** When no rule matches. */
  readonly otherwise: { readonly status: HealthStatus; readonly message: Message };
}

// ---------------------------------------------------------------------------------------------
// Helpers to write models with: paths from dotted strings, and the rules every kind with a
// status shares.

/** `'status.observedGeneration'` → `['status', 'observedGeneration']`; use an array for keys holding dots. */
export function p(dotted: string): Path {
  return dotted.split('.');
}

/** Interpolates a field: `f('metadata.name')`. */
export function f(dotted: string | Path): MessagePart {
  return { field: typeof dotted === 'string' ? p(dotted) : dotted };
}

/**
 * Container waiting reasons that need a person, not time (kubelet's image and crash back-offs,
 * bad container config): a pod stuck in one is Degraded.
 */
export const STUCK_CONTAINER_REASONS: readonly string[] = ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError'];

/** The object has no status yet: its controller has not seen it. */
export function noStatusYet(controller: string): Rule {
  return { when: { absent: p('status') }, status: 'Progressing', message: [`waiting for the ${controller} to report status`] };
}

/** The controller has not yet observed the latest spec (`status.observedGeneration < metadata.generation`). */
export function staleGeneration(): Rule {
  return {
    when: { field: p('status.observedGeneration'), lessThan: p('metadata.generation') },
    status: 'Progressing',
    message: ['waiting for the controller to observe generation ', f('metadata.generation'), ' (observed ', f('status.observedGeneration'), ')'],
  };
}

/** Kinds the API server only stores (no controller writes a status): healthy once they exist. */
export function presentIsHealthy(group: string, kind: string, argocd: ArgoCdMode, notes: string): HealthModel {
  return { group, kind, argocd, notes, rules: [], otherwise: { status: 'Healthy', message: [`${kind} exists`] } };
}
