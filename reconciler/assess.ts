/**
 * The pure engine: an Inventory and the (slim) cache → one row per object with its sync state,
 * health and ML progress. API:
 *
 * - `assessInventory(inventory, lookup)` → `Row[]`, every object of the inventory (in spec
 *   order) then the orphans (sorted): Missing (not in the cache), Synced (live content-hash
 *   annotation equals the inventory's), OutOfSync (differs, or no annotation), Orphaned (labelled
 *   with the stack but not in its inventory). Health from health/'s `assessHealth`, progress
 *   from progress.ts.
 * - `RowMemo`: optional, passed to assessInventory across calls: an object whose cached (slim)
 *   value is the same object as last time, with the same inventory hash and version, keeps its
 *   row, so a reconcile after one object changed assesses that object only.
 * - `CacheLookup`: what the caller's cache answers; `lookupOf(objects)` builds one from a list
 *   (tests, one-shot use); `objectKey(ref)` is the key both use.
 */
import { assessHealth } from '../health';
import { ANNOTATIONS, compareEntries, groupOf, Inventory, InventoryEntry, InventoryRow, isInventory, LABELS, Manifest } from '../manifest';
import { Progress, progressOf } from './progress';

/** Identifies an object, whatever its version. */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly name: string;
}

/** A status row plus what events need to name the object; `statusOf` writes only the InventoryRow fields. */
export interface Row extends InventoryRow {
  readonly progress?: Progress;
  /** The version the inventory lists (or the live object's, for orphans). */
  readonly version: string;
  /** The live object's uid, when it exists. */
  readonly uid?: string;
  /** Set when the kind's cache is not complete (`KindState`): sync and health are not known, and no event is raised. */
  readonly unobserved?: 'pending' | 'error';
}

/** How the cache of a kind stands: complete (`synced`), still listing (`pending`), or why it cannot be watched. */
export type KindState = 'synced' | 'pending' | { readonly error: string };

export interface CacheLookup {
  /** The cached (slim) live object, or undefined when the cluster has none. */
  get(ref: ObjectRef): Manifest | undefined;
  /** Every cached object labelled `cdk8s-kubeflow.io/stack=<stack>`, of any watched kind. */
  labelled(stack: string): Iterable<Manifest>;
  /** The state of a kind's cache; assumed `synced` when not given. */
  kindState?(group: string, kind: string): KindState;
}

/** `group/kind/namespace/name`: the key of an object in a cache. */
export function objectKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** The reference of a live object. */
export function refOf(obj: Manifest): ObjectRef & { version: string } {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const namespace = obj.metadata?.namespace;
  return { group: groupOf(apiVersion), version: apiVersion.slice(apiVersion.indexOf('/') + 1), kind: obj.kind, ...(namespace ? { namespace } : {}), name: obj.metadata?.name ?? '' };
}

/** A lookup over a list of objects (slim or whole): for tests and one-shot reads. */
export function lookupOf(objects: Iterable<Manifest>): CacheLookup {
  const byKey = new Map<string, Manifest>();
  for (const o of objects) byKey.set(objectKey(refOf(o)), o);
  return {
    get: (ref) => byKey.get(objectKey(ref)),
    labelled: (stack) => [...byKey.values()].filter((o) => o.metadata?.labels?.[LABELS.stack] === stack),
  };
}

const short = (hash: string) => hash.replace(/^sha256:/, '').slice(0, 12);

function syncOf(entry: InventoryEntry, live: Manifest | undefined): { sync: Row['sync']; message?: string } {
  if (!live) return { sync: 'Missing' };
  const hash = live.metadata?.annotations?.[ANNOTATIONS.contentHash];
  if (hash === entry.hash) return { sync: 'Synced' };
  if (!hash) return { sync: 'OutOfSync', message: `no ${ANNOTATIONS.contentHash} annotation (changed outside git?)` };
  return { sync: 'OutOfSync', message: `content hash ${short(hash)} differs from git's ${short(entry.hash)}` };
}

function rowOf(ref: ObjectRef, version: string, live: Manifest | undefined, sync: Row['sync'], syncMessage?: string): Row {
  const health = assessHealth(live);
  const progress = live ? progressOf(live) : undefined;
  const message = [syncMessage, health.message].filter(Boolean).join('; ');
  const uid = live?.metadata?.uid;
  return {
    group: ref.group,
    kind: ref.kind,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: ref.name,
    sync,
    health: health.status,
    ...(message ? { message } : {}),
    ...(progress ? { progress } : {}),
    version,
    ...(typeof uid === 'string' ? { uid } : {}),
  };
}

/**
 * Rows assessed before, by cached live object (compared by identity: the cache replaces an object
 * on every change), reused while the inventory's hash and version are the same. Weakly held: an
 * entry goes with the object the cache dropped. Objects not in the cache (Missing) are cheap to
 * assess and are not remembered.
 */
export class RowMemo {
  private readonly rows = new WeakMap<Manifest, { readonly hash: string; readonly row: Row }>();

  /** The row of `live`, computed by `assess` unless the memo has one for the same inputs. */
  row(live: Manifest | undefined, hash: string, version: string, assess: () => Row): Row {
    if (!live) return assess();
    const m = this.rows.get(live);
    if (m && m.hash === hash && m.row.version === version) return m.row;
    const row = assess();
    this.rows.set(live, { hash, row });
    return row;
  }
}

/** Rows of every object in the inventory, then of the orphans (see the top of this file). */
export function assessInventory(inventory: Inventory, lookup: CacheLookup, memo?: RowMemo): Row[] {
  const remember = (live: Manifest | undefined, hash: string, version: string, assess: () => Row) => (memo ? memo.row(live, hash, version, assess) : assess());
  const listed = new Set<string>();
  const rows: Row[] = [];
  for (const entry of inventory.spec.objects) {
    const key = objectKey(entry);
    listed.add(key);
    const state = lookup.kindState?.(entry.group, entry.kind) ?? 'synced';
    if (state !== 'synced') {
      // Not knowing is not Missing: say why, and let report.ts hold Ready back.
      const why = state === 'pending' ? `${entry.kind} not listed yet` : `cannot watch ${entry.kind}: ${state.error}`;
      rows.push({ ...rowOf(entry, entry.version, undefined, 'Missing'), health: 'Unknown', message: why, unobserved: state === 'pending' ? 'pending' : 'error' });
      continue;
    }
    const live = lookup.get(entry);
    rows.push(remember(live, entry.hash, entry.version, () => {
      const { sync, message } = syncOf(entry, live);
      return rowOf(entry, entry.version, live, sync, message);
    }));
  }
  const orphans: Row[] = [];
  for (const obj of lookup.labelled(inventory.spec.stack)) {
    if (isInventory(obj)) continue;
    const ref = refOf(obj);
    const key = objectKey(ref);
    if (listed.has(key)) continue;
    orphans.push(remember(obj, '', ref.version, () => rowOf(ref, ref.version, obj, 'Orphaned', 'labelled with the stack but not in its inventory (left behind by a prune?)')));
  }
  return [...rows, ...orphans.sort(compareEntries)];
}
