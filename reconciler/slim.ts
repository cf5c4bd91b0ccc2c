/**
 * The slim projection: what the reconciler's cache keeps of a live object — never the whole
 * object. API:
 *
 * - `slim(obj)` → a small plain object with the same apiVersion/kind, the metadata the
 *   reconciler reads (name, namespace, uid, generation, resourceVersion, the stack label, the
 *   content-hash annotation and the annotations health models read, finalizers,
 *   deletionTimestamp), and exactly the spec/status fields that the kind's health model
 *   (health/) and progress extractor (progress.ts) read. `assessHealth(slim(o))` equals
 *   `assessHealth(o)` and `progressOf(slim(o))` equals `progressOf(o)` (tested on every fixture).
 * - `fieldsOfModel(model)` → the fields a health model reads, found by walking its predicates
 *   and messages (so a new rule in health/ is kept in the cache without touching this file).
 * - `fieldsOf(obj)` → every field kept for the object's kind (memoized per kind);
 *   `projection(fields)` → a projection keeping exactly the given fields.
 */
import { argocdKey, HealthModel, Message, modelFor, Path, Predicate } from '../health';
import { ANNOTATIONS, groupOf, LABELS, Manifest } from '../manifest';
import { PROGRESS_FIELDS, progressKey } from './progress';

/**
 * A field to keep and how much of it:
 * - `present`: only whether it exists (a placeholder of the same type: `{}`, `[]`, or the scalar);
 * - `scalar`: its value when a string, number or boolean;
 * - `strings`: the strings of a list (finalizers, a `contains` predicate);
 * - `conditions`: a conditions list, each entry's type, status, reason and message;
 * - `counts`: a map of maps, only the numbers of each entry (replicaStatuses: role → active, …);
 * - `tree`: the whole value (small status blocks progress reports, like currentOptimalTrial).
 */
export type FieldUse = 'present' | 'scalar' | 'strings' | 'conditions' | 'counts' | 'tree';
export interface Field {
  readonly path: Path;
  readonly use: FieldUse;
}

const CONDITION_KEYS = ['type', 'status', 'reason', 'message'] as const;
const CONDITIONS: Path = ['status', 'conditions'];

/** What every slim object keeps: identity, what sync and Argo CD's deletion rule read. */
export const BASE_FIELDS: readonly Field[] = [
  ...['apiVersion', 'kind', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.generation', 'metadata.resourceVersion', 'metadata.deletionTimestamp']
    .map((d) => ({ path: d.split('.'), use: 'scalar' as const })),
  { path: ['metadata', 'labels', LABELS.stack], use: 'scalar' },
  { path: ['metadata', 'annotations', ANNOTATIONS.contentHash], use: 'scalar' },
  { path: ['metadata', 'finalizers'], use: 'strings' },
];

function predicateFields(pred: Predicate): Field[] {
  if ('exists' in pred) return [{ path: pred.exists, use: 'present' }];
  if ('absent' in pred) return [{ path: pred.absent, use: 'present' }];
  if ('all' in pred) return pred.all.flatMap(predicateFields);
  if ('any' in pred) return pred.any.flatMap(predicateFields);
  if ('not' in pred) return predicateFields(pred.not);
  if ('condition' in pred) return [{ path: pred.in ?? CONDITIONS, use: 'conditions' }];
  if ('contains' in pred) return [{ path: pred.field, use: 'strings' }];
  const fields: Field[] = [{ path: pred.field, use: 'scalar' }];
  if ('lessThan' in pred && typeof pred.lessThan !== 'number') fields.push({ path: pred.lessThan, use: 'scalar' });
  if ('lessThan' in pred && pred.plus) fields.push({ path: pred.plus, use: 'scalar' });
  if ('differsFrom' in pred) fields.push({ path: pred.differsFrom, use: 'scalar' });
  return fields;
}

function messageFields(message: Message): Field[] {
  return message.flatMap((part): Field[] => {
    if (typeof part === 'string') return [];
    if ('field' in part) return [{ path: part.field, use: 'scalar' }];
    return [{ path: part.in ?? CONDITIONS, use: 'conditions' }];
  });
}

/** The fields a health model reads: every path in its predicates and messages. */
export function fieldsOfModel(model: HealthModel): Field[] {
  return [
    ...model.rules.flatMap((r) => [...predicateFields(r.when), ...messageFields(r.message)]),
    ...messageFields(model.otherwise.message),
  ];
}

/** A trie of fields: at each key, the uses asked of the value there and the fields below it. */
interface Node {
  readonly uses: Set<FieldUse>;
  readonly children: Map<string, Node>;
}

function trieOf(fields: readonly Field[]): Node {
  const root: Node = { uses: new Set(), children: new Map() };
  for (const { path, use } of fields) {
    let node = root;
    for (const key of path) {
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = { uses: new Set(), children: new Map() }));
      node = next;
    }
    node.uses.add(use);
  }
  return root;
}

const PLANS = new Map<string, { fields: Field[]; trie: Node }>();

function planFor(obj: Pick<Manifest, 'apiVersion' | 'kind'>): { fields: Field[]; trie: Node } {
  // Live objects are JSON of any shape: a bad apiVersion or kind must not throw.
  const id = { apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '', kind: String(obj.kind) };
  const kindKey = argocdKey(groupOf(id.apiVersion), id.kind);
  let plan = PLANS.get(kindKey);
  if (!plan) {
    const model = modelFor(id);
    const key = progressKey(id);
    const progress = key ? PROGRESS_FIELDS[key] : [];
    const fields = [...BASE_FIELDS, ...(model ? fieldsOfModel(model) : []), ...progress];
    plan = { fields, trie: trieOf(fields) };
    PLANS.set(kindKey, plan);
  }
  return plan;
}

/** Every field kept of objects of `obj`'s kind (base metadata, its health model's, its progress extractor's). */
export function fieldsOf(obj: Pick<Manifest, 'apiVersion' | 'kind'>): readonly Field[] {
  return planFor(obj).fields;
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function deepCopy(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/**
 * The part of `value` that `node` asks for; undefined when absent (null reads as absent, as in
 * the health evaluator). A kept value always has the original's type, so presence tests agree.
 */
function project(value: unknown, node: Node): unknown {
  if (value === undefined || value === null) return undefined;
  if (node.uses.has('tree')) return deepCopy(value);
  if (isScalar(value)) return value;
  if (Array.isArray(value)) {
    const strings = node.uses.has('strings');
    const conditions = node.uses.has('conditions');
    const kept: unknown[] = [];
    for (const item of value) {
      if (strings && typeof item === 'string') kept.push(item);
      else if (conditions && isRecord(item)) {
        const c: Record<string, unknown> = {};
        for (const k of CONDITION_KEYS) if (isScalar(item[k])) c[k] = item[k];
        kept.push(c);
      }
    }
    return kept;
  }
  if (!isRecord(value)) return undefined;
  const out: Record<string, unknown> = {};
  if (node.uses.has('counts')) {
    for (const [key, entry] of Object.entries(value)) {
      if (isRecord(entry)) out[key] = Object.fromEntries(Object.entries(entry).filter(([, v]) => typeof v === 'number'));
    }
  }
  for (const [key, child] of node.children) {
    const v = project(value[key], child);
    if (v !== undefined) out[key] = v;
  }
  // An object only on the way to fields it lacks is dropped: nothing asked whether it exists.
  return node.uses.size === 0 && Object.keys(out).length === 0 ? undefined : out;
}

function projectRoot(obj: Manifest, trie: Node): Manifest {
  const kept = project(obj, trie);
  return (isRecord(kept) ? kept : {}) as unknown as Manifest;
}

/** The slim projection of a live object (see the top of this file). Never throws. */
export function slim(obj: Manifest): Manifest {
  return projectRoot(obj, planFor(obj).trie);
}

/** A projection keeping exactly `fields` (slim() is this with the kind's fields): for models outside HEALTH_MODELS, and tests. */
export function projection(fields: readonly Field[]): (obj: Manifest) => Manifest {
  const trie = trieOf(fields);
  return (obj) => projectRoot(obj, trie);
}
