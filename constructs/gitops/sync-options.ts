import { Manifest } from '../../manifest';
import { Stack } from '../core';

/** Argo CD's per-object sync options annotation. */
export const ARGOCD_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/**
 * Keeps Argo CD from pruning or deleting the Namespaces the stack emits (a tenant emits its
 * namespace when it labels it): dropping the object from git, or the app, must never delete a
 * namespace and everything in it.
 */
export function protectNamespaces(stack: Stack): void {
  stack.addTransform((objects) => objects.map((o) => (o.apiVersion === 'v1' && o.kind === 'Namespace' ? withSyncOptions(o, 'Prune=false', 'Delete=false') : o)));
}

/** `o` with `options` added to its sync-options annotation (kept once, its own first). @internal */
export function withSyncOptions(o: Manifest, ...options: string[]): Manifest {
  const existing = o.metadata?.annotations?.[ARGOCD_SYNC_OPTIONS]?.split(',').filter(Boolean) ?? [];
  const merged = [...existing, ...options.filter((x) => !existing.includes(x))].join(',');
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata?.annotations, [ARGOCD_SYNC_OPTIONS]: merged } } };
}
