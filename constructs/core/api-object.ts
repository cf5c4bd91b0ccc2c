import { ApiObject, JsonPatch, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { groupOf, LABELS } from '../../manifest';
import { EmittedObject } from './emitted-object';
import { fail } from './errors';
import { checkMetadataMap, MAX_LABEL_VALUE, standardLabels } from './labels';
import { checkName, NameRule, suggestName } from './names';
import { Stack } from './stack';

/** apiVersion and kind of an emitted object. @internal */
export interface GroupVersionKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** Identity and standard labels of an emitted object. @internal */
export interface EmitMetadata {
  readonly name: string;
  /** @default - cluster-scoped (no namespace, even if the stack has a default one) */
  readonly namespace?: string;
  /** `app.kubernetes.io/name`: what the object is, e.g. `notebook`. */
  readonly appName: string;
  /** `app.kubernetes.io/component`, e.g. `workspace`. */
  readonly component: string;
  /** `app.kubernetes.io/instance`. @default - the object name */
  readonly instance?: string;
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/**
 * Emits one Kubernetes object under `scope`: `fields` (typed by the caller with the kind's
 * wire type) plus metadata with the standard labels; its identity is claimed (duplicates are
 * errors). Use {@link lazy} only for fields that `addXxx()` calls can still change.
 * @internal
 */
export function emit(scope: Construct, id: string, gvk: GroupVersionKind, meta: EmitMetadata, fields: object): ApiObject {
  checkMetadata(scope, gvk, meta);
  return adopt(scope, new EmittedObject(scope, id, {
    ...gvk,
    metadata: { name: meta.name, namespace: meta.namespace, annotations: meta.annotations },
    ...fields,
  }), meta);
}

/**
 * Makes an object built by another library (cdk8s-plus) one of ours: its identity claimed and
 * the standard labels added, as {@link emit} does. Call {@link checkMetadata} before building it.
 * @internal
 */
export function adopt(scope: IConstruct, obj: ApiObject, meta: EmitMetadata): ApiObject {
  claimIdentity(scope, `${groupOf(obj.apiVersion) || 'core'}/${obj.kind}`, meta.namespace, meta.name);
  // The construct's own labels win over the standard ones.
  const labels = { ...standardLabels(meta.appName, meta.instance ?? meta.name, meta.component), ...meta.labels };
  for (const [k, v] of Object.entries(labels)) obj.metadata.addLabel(k, v);
  // cdk8s gives every object the chart's namespace; a cluster-scoped one must not have it.
  // (Namespaced constructs always resolve theirs with resolveNamespace before emitting.)
  if (meta.namespace === undefined && Stack.of(scope).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}

/** Checks an object's metadata as the API server would, before anything is created. @internal */
export function checkMetadata(scope: IConstruct, gvk: GroupVersionKind, meta: EmitMetadata): void {
  const instance = meta.instance ?? meta.name;
  if (instance.length > MAX_LABEL_VALUE) {
    // Object names may be DNS-1123 subdomains of up to 253 characters, label values only 63:
    // the API server would reject the object for its standard instance label.
    fail(scope, 'name', `"${instance}" is ${instance.length} characters long; at most ${MAX_LABEL_VALUE} are allowed, because it is also the value of the ${LABELS.instance} label`,
      `shorten it, e.g. "${suggestName(instance, MAX_LABEL_VALUE)}"`);
  }
  checkMetadataMap(scope, 'labels', meta.labels, 'labels');
  checkMetadataMap(scope, 'annotations', meta.annotations, 'annotations');
  checkIdentityFree(scope, `${groupOf(gvk.apiVersion) || 'core'}/${gvk.kind}`, meta.namespace, meta.name);
}

/** A value computed at synth time, from the construct's state then: for fields that `addXxx()` calls can still change. @internal */
export function lazy<T>(produce: () => T): T {
  return Lazy.any({ produce }) as unknown as T;
}

/**
 * Registers a check that must see the whole app (e.g. other constructs added later): it runs at
 * synth, and the ConstructError it throws is reported with its construct path, field and fix.
 * @internal
 */
export function addCheck(scope: IConstruct, check: () => void): void {
  scope.node.addValidation({ validate: () => { check(); return []; } });
}

/** Where a namespaced construct goes: its own `namespace`, or its `tenant`'s. @internal */
export interface NamespaceProps {
  readonly namespace?: string;
  readonly tenant?: { readonly namespace: string };
}

/**
 * The namespace of a namespaced construct: its tenant's or its own `namespace` prop (both
 * given must agree), else the stack's default; an error when none is set.
 * @internal
 */
export function resolveNamespace(scope: Construct, props: NamespaceProps): string {
  if (props.tenant && props.namespace !== undefined && props.namespace !== props.tenant.namespace) {
    fail(scope, 'namespace', `"${props.namespace}" differs from the tenant's namespace "${props.tenant.namespace}"`, 'pass either tenant or namespace');
  }
  const ns = props.tenant?.namespace ?? props.namespace ?? Stack.of(scope).namespace;
  if (!ns) {
    fail(scope, 'namespace', 'no namespace: neither this construct nor its stack sets one',
      'pass `namespace` (or a `tenant`) to the construct, or `namespace` to its Stack');
  }
  return checkName(scope, 'namespace', ns, NameRule.LABEL);
}

const identities = new WeakMap<Stack, Map<string, string>>();

function identityKey(apiGroupKind: string, namespace: string | undefined, name: string): string {
  return `${apiGroupKind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * Throws if another construct of the stack (or this one) already emits `kind` `namespace/name`:
 * the second object would silently overwrite the first in the cluster. Stacks are separate
 * clusters or environments, so they may reuse names.
 */
function checkIdentityFree(scope: IConstruct, apiGroupKind: string, namespace: string | undefined, name: string): void {
  const key = identityKey(apiGroupKind, namespace, name);
  const owner = identities.get(Stack.of(scope))?.get(key);
  if (owner === scope.node.path) fail(scope, 'name', `${key} is emitted twice by this construct`, 'give the two objects different names');
  if (owner !== undefined) fail(scope, 'name', `${key} is already defined by ${owner}`, 'give one of them a different construct id or an explicit name');
}

function claimIdentity(scope: IConstruct, apiGroupKind: string, namespace: string | undefined, name: string): void {
  checkIdentityFree(scope, apiGroupKind, namespace, name);
  const stack = Stack.of(scope);
  const registry = identities.get(stack) ?? new Map<string, string>();
  identities.set(stack, registry.set(identityKey(apiGroupKind, namespace, name), scope.node.path));
}
