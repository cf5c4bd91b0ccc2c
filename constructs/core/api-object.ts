import { ApiObject, Chart, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructError, fail } from './errors';
import { checkMetadataMap, LABELS, MAX_LABEL_VALUE, standardLabels } from './labels';
import { checkName, claimIdentity, NameRule, suggestName } from './names';

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
 * Emits one Kubernetes object under `scope` with its standard labels, and claims its identity
 * (duplicates are errors). Field values may be {@link lazy} so that `addXxx()` calls made after
 * construction are reflected in the manifest.
 * @internal
 */
export function emit(scope: Construct, id: string, gvk: GroupVersionKind, meta: EmitMetadata, fields: Record<string, unknown>): ApiObject {
  const group = gvk.apiVersion.includes('/') ? gvk.apiVersion.split('/')[0] : 'core';
  const instance = meta.instance ?? meta.name;
  if (instance.length > MAX_LABEL_VALUE) {
    // Object names may be DNS-1123 subdomains of up to 253 characters, label values only 63:
    // the API server would reject the object for its standard instance label.
    fail(scope, 'name', `"${instance}" is ${instance.length} characters long; at most ${MAX_LABEL_VALUE} are allowed, because it is also the value of the ${LABELS.instance} label`,
      `shorten it, e.g. "${suggestName(instance, MAX_LABEL_VALUE)}"`);
  }
  checkMetadataMap(scope, 'labels', meta.labels, 'labels');
  checkMetadataMap(scope, 'annotations', meta.annotations, 'annotations');
  claimIdentity(scope, `${group}/${gvk.kind}`, meta.namespace, meta.name);
  const obj = new ApiObject(scope, id, {
    ...gvk,
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      labels: { ...standardLabels(meta.appName, instance, meta.component), ...meta.labels },
      annotations: meta.annotations,
    },
    ...fields,
  });
  // cdk8s gives every object the chart's namespace; a cluster-scoped one must not have it.
  // (Namespaced constructs always resolve theirs with resolveNamespace before emitting.)
  if (meta.namespace === undefined && Chart.of(scope).namespace) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}

let lazyError: ConstructError | undefined;

/** A value computed at synth time, from the construct's state at that moment. @internal */
export function lazy<T>(produce: () => T): T {
  return Lazy.any({
    produce: () => {
      try {
        return produce();
      } catch (e) {
        // cdk8s rethrows it as a plain Error with the message flattened; keep it for takeLazyError().
        if (e instanceof ConstructError) lazyError = e;
        throw e;
      }
    },
  }) as unknown as T;
}

/** The ConstructError a {@link lazy} value threw since the last call, if any (synth reports it as such). @internal */
export function takeLazyError(): ConstructError | undefined {
  const e = lazyError;
  lazyError = undefined;
  return e;
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
  const ns = props.tenant?.namespace ?? props.namespace ?? Chart.of(scope).namespace;
  if (!ns) {
    fail(scope, 'namespace', 'no namespace: neither this construct nor its stack sets one',
      'pass `namespace` (or a `tenant`) to the construct, or `namespace` to its Stack');
  }
  return checkName(scope, 'namespace', ns, NameRule.LABEL);
}
