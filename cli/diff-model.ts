// What changed between two sets of manifests, object by object and field by field: the model
// `diff` prints as text, markdown or JSON. Objects are matched by identity (group, kind,
// namespace, name), so a new apiVersion of the same group is a change; a removed and an added
// object of one kind with nearly the same content are one renamed object.
import microdiff from 'microdiff';
import { ANNOTATIONS, canonicalJson, groupOf, Manifest, ManifestSource } from '../manifest';
import { immutabilityOf } from '../manifest/immutable-fields';
import { parseQuantity } from '../policies/rules/platform/quantity';
import { argoCdIgnore, ArgoCdIgnore, DeliveredFrom, deliveries, Delivery } from './diff-argocd';
import { CautionHit, checkImmutable, FieldChange, ImmutableViolation } from './diff-immutable';

export type { FieldChange } from './diff-immutable';
export type { ArgoCdIgnore, DeliveredFrom } from './diff-argocd';

/** Who an object is, whatever its apiVersion's version. */
export interface ObjectId {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export type ObjectStatus = 'added' | 'removed' | 'changed' | 'renamed';

export interface ObjectDiff {
  readonly status: ObjectStatus;
  /** The object after (before, for a removed one). */
  readonly id: ObjectId;
  readonly apiVersion: string;
  readonly file?: string;
  /** A renamed object: who it was. */
  readonly renamedFrom?: ObjectId;
  /** Changed or renamed: its file before, when it moved. */
  readonly oldFile?: string;
  /** Changed or renamed: the changed fields (the content hash, equal quantities and moved named list items left out). */
  readonly changes: readonly FieldChange[];
  /** Changed: the changes the cluster refuses (those Argo CD leaves out of syncs excepted). */
  readonly immutable: readonly ImmutableViolation[];
  /** Changed: the changes the cluster takes with a side effect (those Argo CD leaves out of syncs excepted). */
  readonly cautions: readonly CautionHit[];
  /** Changed: what the ignoreDifferences of the Application delivering it make of its changes. @default nothing ignored */
  readonly argocd?: ArgoCdIgnore;
  /** The object asks Argo CD to delete and re-create it (`Force=true,Replace=true` sync options), so its immutable fields may change. */
  readonly recreated: boolean;
  /** Removed or renamed: what deleting the old object takes with it. */
  readonly onDelete?: string;
}

export interface ManifestDiff {
  /** The objects that differ, in file order. */
  readonly objects: readonly ObjectDiff[];
  readonly unchanged: number;
  /**
   * The stacks of changed objects that no Application of the new side delivers, when it has
   * Applications (their ignoreDifferences could not be taken into account): for a notice, not
   * part of the report. @default none
   */
  readonly undelivered?: readonly string[];
}

/** The sync-options annotation Argo CD reads on each object. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/** Keys under which values are resource quantities (`1Gi` equals `1024Mi`, `500m` equals `0.5`). */
const QUANTITY_KEYS = new Set(['resources', 'requests', 'limits', 'hard', 'capacity', 'overhead', 'sizeLimit', 'storage']);

/** A renamed object keeps at least this share of its fields (name aside). */
const RENAME_SIMILARITY = 0.8;

export interface DiffManifestsOptions {
  /** Where the output folder lies, to find the Argo CD Application (among `after`) that delivers each stack. @default - no Application is looked for */
  readonly delivery?: DeliveredFrom;
}

/** Compares two sets of manifests (the base, then the new one). */
export function diffManifests(before: readonly ManifestSource[], after: readonly ManifestSource[], options: DiffManifestsOptions = {}): ManifestDiff {
  const delivered = options.delivery ? deliveries(after, options.delivery) : undefined;
  const undelivered = new Set<string>();
  const deliveryOf = (stack: string) => {
    const d = delivered?.of(stack);
    if (!d && delivered && delivered.applications > 0) undelivered.add(stack);
    return d;
  };
  const old = byIdentity(before);
  const now = byIdentity(after);
  const objects: ObjectDiff[] = [];
  const removed: ManifestSource[] = [];
  const added: ManifestSource[] = [];
  let unchanged = 0;
  for (const [key, b] of old) {
    const a = now.get(key);
    if (!a) {
      removed.push(b);
      continue;
    }
    const changes = fieldChanges(b.object, a.object);
    if (changes.length === 0) unchanged++;
    else objects.push(changed(b, a, changes, deliveryOf(stackOf(a.file))));
  }
  for (const [key, a] of now) if (!old.has(key)) added.push(a);
  const renames = pairRenames(removed, added);
  for (const [b, a] of renames) objects.push(renamed(b, a));
  for (const b of removed) if (!renames.has(b)) objects.push(gone(b));
  const renamedTo = new Set(renames.values());
  for (const a of added) if (!renamedTo.has(a)) objects.push(base('added', a));
  objects.sort((x, y) => compare(sortKey(x), sortKey(y)));
  return { objects, unchanged, ...(undelivered.size > 0 ? { undelivered: [...undelivered].sort(compare) } : {}) };
}

/**
 * The identity key of an object: its stack (each stack is its own environment or cluster, so
 * `dev` and `prod` may hold the same object), group, kind, namespace and name.
 */
export function identityKey(s: ManifestSource): string {
  return keyOf(idOf(s.object), stackOf(s.file));
}

export function idOf(m: Manifest): ObjectId {
  const namespace = m.metadata?.namespace;
  return { group: groupOf(String(m.apiVersion ?? '')), kind: String(m.kind ?? ''), ...(namespace ? { namespace } : {}), name: String(m.metadata?.name ?? '') };
}

/** The stack of a file in the dist/ layout (`<stack>/<namespace or _cluster>/<file>`); none in a flat folder. */
function stackOf(file: string | undefined): string {
  const parts = (file ?? '').split('/');
  return parts.length >= 3 ? parts[0] : '';
}

function keyOf(id: ObjectId, stack = ''): string {
  return [stack, id.group, id.kind, id.namespace ?? '', id.name].join('\0');
}

function byIdentity(sources: readonly ManifestSource[]): Map<string, ManifestSource> {
  const map = new Map<string, ManifestSource>();
  for (const s of sources) {
    if (typeof s.object?.kind !== 'string' || typeof s.object.apiVersion !== 'string') continue; // not a Kubernetes object: nothing to match
    const key = identityKey(s);
    if (!map.has(key)) map.set(key, s);
  }
  return map;
}

function base(status: ObjectStatus, s: ManifestSource): ObjectDiff {
  return { status, id: idOf(s.object), apiVersion: s.object.apiVersion, file: s.file, changes: [], immutable: [], cautions: [], recreated: recreates(s.object) };
}

function gone(b: ManifestSource): ObjectDiff {
  const onDelete = immutabilityOf(b.object.apiVersion, b.object.kind)?.onDelete;
  return { ...base('removed', b), ...(onDelete ? { onDelete } : {}) };
}

function changed(b: ManifestSource, a: ManifestSource, changes: FieldChange[], delivery: Delivery | undefined): ObjectDiff {
  const facts = immutabilityOf(a.object.apiVersion, a.object.kind);
  // An object Argo CD re-creates is applied whole: its handling stays as it is.
  const argocd = delivery && !recreates(a.object) ? argoCdIgnore(delivery, b.object, a.object, changes, facts?.remedies) : undefined;
  // Changes Argo CD leaves out of syncs never reach the cluster: nothing to refuse or to caution about.
  const applied = argocd?.respected ? changes.filter((c) => !argocd.ignored.includes(c)) : changes;
  const checked = facts ? checkImmutable(facts, normalize(b.object), applied) : { violations: [], cautions: [] };
  return {
    ...base('changed', a),
    ...(b.file !== a.file ? { oldFile: b.file } : {}),
    changes, immutable: checked.violations, cautions: checked.cautions,
    ...(argocd ? { argocd } : {}),
  };
}

function renamed(b: ManifestSource, a: ManifestSource): ObjectDiff {
  const onDelete = immutabilityOf(b.object.apiVersion, b.object.kind)?.onDelete;
  // What changed besides the name and what derives from it (container, claim and label values).
  const asRenamed = JSON.parse(renameIn(JSON.stringify(b.object), b.object, a.object)) as Manifest;
  const changes = fieldChanges(asRenamed, a.object);
  return { ...base('renamed', a), renamedFrom: idOf(b.object), oldFile: b.file, changes, ...(onDelete ? { onDelete } : {}) };
}

/** Whether the object's sync options make Argo CD delete and re-create it rather than update it. */
function recreates(m: Manifest): boolean {
  const options = (m.metadata?.annotations?.[SYNC_OPTIONS_ANNOTATION] ?? '').split(',').map((o) => o.trim());
  return options.includes('Replace=true') && options.includes('Force=true');
}

/**
 * The changed fields from `before` to `after`: compared without the content-hash annotation,
 * list items that have a `name` matched by name (`[name=…]` path segments), and quantities
 * under resource keys by value.
 */
export function fieldChanges(before: Manifest, after: Manifest): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const d of microdiff(normalize(before) as Record<string, unknown>, normalize(after) as Record<string, unknown>)) {
    if (d.type === 'CREATE') changes.push({ op: 'add', path: d.path, new: listsBack(d.value) });
    else if (d.type === 'REMOVE') changes.push({ op: 'remove', path: d.path, old: listsBack(d.oldValue) });
    else if (!sameQuantity(d.path, d.oldValue, d.value)) changes.push({ op: 'change', path: d.path, old: listsBack(d.oldValue), new: listsBack(d.value) });
  }
  return changes;
}

function sameQuantity(path: readonly (string | number)[], a: unknown, b: unknown): boolean {
  if (!path.some((s) => typeof s === 'string' && QUANTITY_KEYS.has(s))) return false;
  const [x, y] = [parseQuantity(a), parseQuantity(b)];
  return x !== undefined && y !== undefined && Math.abs(x - y) <= Math.abs(x) * 1e-12;
}

/** The object as it is compared: no content hash, named list items keyed by name. */
export function normalize(m: Manifest): unknown {
  const annotations = { ...(m.metadata?.annotations ?? {}) };
  delete annotations[ANNOTATIONS.contentHash];
  const metadata: Record<string, unknown> = { ...m.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return byName({ ...m, metadata });
}

function byName(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(byName);
    const names = items.map((i) => (i && typeof i === 'object' && !Array.isArray(i) && typeof (i as { name?: unknown }).name === 'string' ? (i as { name: string }).name : undefined));
    if (items.length === 0 || names.some((n) => n === undefined) || new Set(names).size !== names.length) return items;
    return Object.fromEntries(items.map((item, i) => [`[name=${names[i]}]`, item]));
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byName(v)]));
  return value;
}

/** A value as it is in the manifest: lists matched by name are lists again. */
function listsBack(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(listsBack);
  const entries = Object.entries(value);
  if (entries.length > 0 && entries.every(([k]) => k.startsWith('[name='))) return entries.map(([, v]) => listsBack(v));
  return Object.fromEntries(entries.map(([k, v]) => [k, listsBack(v)]));
}

/** Removed and added objects of one kind, stack and namespace whose content (name aside) is nearly the same: the best pairs first. */
function pairRenames(removed: readonly ManifestSource[], added: readonly ManifestSource[]): Map<ManifestSource, ManifestSource> {
  const pairs: { b: ManifestSource; a: ManifestSource; score: number }[] = [];
  const leaves = new Map<ManifestSource, Map<string, string>>();
  const leavesOf = (s: ManifestSource) => {
    let l = leaves.get(s);
    if (!l) leaves.set(s, (l = flatten(s.object)));
    return l;
  };
  for (const b of removed) {
    for (const a of added) {
      if (b.object.kind !== a.object.kind || groupOf(b.object.apiVersion) !== groupOf(a.object.apiVersion) || stackOf(b.file) !== stackOf(a.file) || b.object.metadata?.namespace !== a.object.metadata?.namespace) continue;
      const [lb, la] = [leavesOf(b), leavesOf(a)];
      // Only what the object holds beyond its metadata can tell a renamed object from a new one.
      if (![...lb.keys()].some((k) => k !== '' && k !== 'metadata' && !k.startsWith('metadata\0'))) continue;
      // Names derive from the name (containers, claims, labels): read the old name as the new one.
      const renamed = (t: string) => renameIn(t, b.object, a.object);
      let same = 0;
      for (const [k, v] of lb) if (la.get(renamed(k)) === renamed(v)) same++;
      const score = same / Math.max(lb.size, la.size);
      if (score >= RENAME_SIMILARITY) pairs.push({ b, a, score });
    }
  }
  pairs.sort((x, y) => y.score - x.score);
  const result = new Map<ManifestSource, ManifestSource>();
  const taken = new Set<ManifestSource>();
  for (const { b, a } of pairs) {
    if (result.has(b) || taken.has(a)) continue;
    result.set(b, a);
    taken.add(a);
  }
  return result;
}

/** `text` with the name of `from` written as the name of `to`, where it stands as a name or a part of one delimited by `-` or `.` (`lab-workspace`, not `labels`). */
function renameIn(text: string, from: Manifest, to: Manifest): string {
  const [a, b] = [String(from.metadata?.name ?? ''), String(to.metadata?.name ?? '')];
  if (!a || a === b) return text;
  return text.replace(new RegExp(`(?<![A-Za-z0-9_])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g'), b);
}

/** Every leaf of the object (name aside) as path → canonical JSON. */
function flatten(m: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string) => {
    if (v && typeof v === 'object' && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}\0${k}` : k);
    } else {
      out.set(path, canonicalJson(v));
    }
  };
  // The kind is the same (pairs are of one kind), so only the content counts.
  const { apiVersion: _v, kind: _k, ...normalized } = normalize(m) as { apiVersion: string; kind: string; metadata: Record<string, unknown> };
  const { name: _name, ...metadata } = normalized.metadata;
  walk({ ...normalized, metadata }, '');
  return out;
}

function sortKey(o: ObjectDiff): string {
  return o.file ?? keyOf(o.id);
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
