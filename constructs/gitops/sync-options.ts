import { ANNOTATIONS, groupOf, Manifest } from '../../manifest';
import { Stack } from '../core';

/** Argo CD's per-object sync options annotation. */
export const ARGOCD_SYNC_OPTIONS = ANNOTATIONS.syncOptions;

/**
 * Keeps Argo CD from pruning or deleting the Namespaces and kubeflow.org Profiles the stack
 * emits (a tenant emits its namespace when it labels it): dropping the object from git, or
 * deleting the app with cascade, must never delete a namespace and everything in it. A Profile
 * counts as its namespace: the profile controller makes the Profile the controller owner of
 * the namespace it creates, so pruning the Profile has the garbage collector delete the
 * namespace with everything in it. Remove a tenant by deleting its Profile by hand.
 */
export function protectNamespaces(stack: Stack): void {
  stack.addTransform((objects) => objects.map((o) => (isNamespaceOwner(o) ? withSyncOptions(o, 'Prune=false', 'Delete=false') : o)));
}

/** A v1 Namespace, or a kubeflow.org Profile (which owns its namespace). */
function isNamespaceOwner(o: Manifest): boolean {
  return (o.apiVersion === 'v1' && o.kind === 'Namespace') || (groupOf(o.apiVersion) === 'kubeflow.org' && o.kind === 'Profile');
}

/** `o` with `options` added to its sync-options annotation (kept once, its own first). @internal */
export function withSyncOptions(o: Manifest, ...options: string[]): Manifest {
  const existing = o.metadata?.annotations?.[ARGOCD_SYNC_OPTIONS]?.split(',').filter(Boolean) ?? [];
  const merged = [...existing, ...options.filter((x) => !existing.includes(x))].join(',');
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata?.annotations, [ARGOCD_SYNC_OPTIONS]: merged } } };
}
