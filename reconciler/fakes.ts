/** Builders for engine tests: inventories and live objects as the cache holds them. Test helper only. */
import { ANNOTATIONS, compareEntries, Inventory, InventoryEntry, inventoryEntryOf, LABELS, Manifest, withContentHash } from '../manifest';
import { slim } from './slim';

/** A live object as synth writes it (content hash, stack label), with an optional status written by its operator. */
export function synthesized(obj: Manifest, stack = 'dev'): Manifest {
  const { status, ...rest } = obj as Manifest & { status?: unknown };
  const stamped = withContentHash({ ...rest, metadata: { ...rest.metadata, labels: { ...rest.metadata?.labels, [LABELS.stack]: stack } } } as Manifest);
  return status === undefined ? stamped : { ...stamped, status };
}

/** The Inventory of `objects` (their entries as synth lists them: sorted), at `generation`. */
export function inventoryOf(objects: readonly Manifest[], stack = 'dev', generation = 3): Inventory {
  const entries: InventoryEntry[] = objects.map(inventoryEntryOf).sort(compareEntries);
  return {
    apiVersion: 'cdk8s-kubeflow.io/v1alpha1', kind: 'Inventory',
    metadata: { name: stack, labels: { [LABELS.stack]: stack }, generation },
    spec: { stack, objects: entries },
  };
}

/** The live object with another status (an operator's write). */
export const withStatus = (obj: Manifest, status: unknown): Manifest => ({ ...obj, status });

/** The live object edited by hand: its content hash no longer matches. */
export const editedByHand = (obj: Manifest): Manifest => ({ ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata?.annotations, [ANNOTATIONS.contentHash]: `sha256:${'e'.repeat(64)}` } } });

export const slimAll = (objects: readonly Manifest[]) => objects.map(slim);
