// Which changes Argo CD leaves out: the `ignoreDifferences` of the Application that delivers the
// object's stack. With `RespectIgnoreDifferences=true` Argo CD leaves those fields out of its
// syncs too (it patches the live values into what it applies), so such a change never reaches
// the cluster: no failure on an immutable field, and no effect. Without it, Argo CD only hides
// the change from its diff, and the next sync applies it as it is.
// Source: https://github.com/argoproj/argo-cd/blob/v3.6.1/docs/user-guide/sync-options.md#respect-ignore-differences-configs
// Matching as util/argo/normalizers does: group and kind as globs, name and namespace when given;
// each JSON pointer removed from both sides, a pointer the object lacks skipped.
import { posix } from 'node:path';
import { canonicalJson, groupOf, Manifest, ManifestSource } from '../manifest';
import { Remedy } from '../manifest/immutable-fields';
import { FieldChange } from './diff-immutable';

/** What Argo CD makes of an object's changes, by its Application's ignoreDifferences. */
export interface ArgoCdIgnore {
  /** The Application that delivers the object's stack. */
  readonly application: string;
  /** It syncs with `RespectIgnoreDifferences=true`: the ignored changes never reach the cluster. */
  readonly respected: boolean;
  /** The changes under one of the matching entries' `jsonPointers`. */
  readonly ignored: readonly FieldChange[];
  /** What matching entries hold that `diff` cannot evaluate: jq path expressions, managed-fields managers. */
  readonly unevaluated: readonly Unevaluated[];
  /** How to get the ignored changes to the cluster after all. */
  readonly remedy: string;
}

/** One jq path expression or managed-fields manager of a matching entry. */
export interface Unevaluated {
  readonly entry: 'jqPathExpressions' | 'managedFieldsManagers';
  readonly value: string;
}

/** `jq path .spec.x`, `fields managed by kube-controller-manager`. */
export function unevaluatedText(u: Unevaluated, code: (s: string) => string = (s) => s): string {
  return `${u.entry === 'jqPathExpressions' ? 'jq path' : 'fields managed by'} ${code(u.value)}`;
}

interface IgnoreEntry {
  readonly group?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
  readonly managedFieldsManagers?: readonly string[];
}

/** An Application that delivers a stack: what of its spec decides what Argo CD ignores. */
export interface Delivery {
  readonly name: string;
  readonly respected: boolean;
  readonly entries: readonly IgnoreEntry[];
}

/** Where the output folder lies in the repository the Applications read. */
export interface DeliveredFrom {
  /**
   * The output folder, relative to the repository root (`dist`): an Application delivers the
   * stack of its path `<out>/<stack>`. @default unknown (two folders compared, wherever they lie
   * in the repository): an Application delivers the stack its path ends with (`…/<stack>`)
   */
  readonly out?: string;
}

/** The sync option that makes Argo CD leave ignored differences out of syncs. */
const RESPECT = 'RespectIgnoreDifferences=true';

/** The Applications of one side by the stack they deliver. */
export interface Deliveries {
  /** The Application that delivers `stack`, if one does. */
  readonly of: (stack: string) => Delivery | undefined;
  /** How many Argo CD Applications the side holds (whatever they deliver). */
  readonly applications: number;
}

/**
 * The Applications among `sources` (the new side) by the stack they deliver: an Application
 * whose `source.path` or any `sources[].path` is `<out>/<stack>` (or ends with `/<stack>` when
 * `out` is unknown), slashes and `./` normalised. The first one in file order wins.
 */
export function deliveries(sources: readonly ManifestSource[], from: DeliveredFrom): Deliveries {
  const out = from.out === undefined ? undefined : clean(from.out);
  const byStack = new Map<string, Delivery>();
  let applications = 0;
  for (const { object } of sources) {
    if (object?.kind !== 'Application' || groupOf(String(object.apiVersion ?? '')) !== 'argoproj.io') continue;
    applications++;
    const spec = (object as { spec?: Record<string, any> }).spec ?? {};
    const paths = [spec.source?.path, ...(Array.isArray(spec.sources) ? spec.sources.map((s: { path?: unknown }) => s?.path) : [])]
      .filter((p): p is string => typeof p === 'string').map(clean);
    const delivery: Delivery = {
      name: String(object.metadata?.name ?? ''),
      respected: Array.isArray(spec.syncPolicy?.syncOptions) && spec.syncPolicy.syncOptions.some((o: unknown) => typeof o === 'string' && o.trim() === RESPECT),
      entries: Array.isArray(spec.ignoreDifferences) ? spec.ignoreDifferences.filter((e: unknown) => e && typeof e === 'object') : [],
    };
    for (const path of paths) {
      if (path === '.' || (out !== undefined && posix.dirname(path) !== out)) continue;
      const stack = posix.basename(path);
      if (!byStack.has(stack)) byStack.set(stack, delivery);
    }
  }
  return { of: (stack) => byStack.get(stack), applications };
}

/** `./dist//dev/` → `dist/dev`; the root is `.`. */
function clean(p: string): string {
  return posix.normalize(p.trim()).replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
}

/**
 * What Argo CD makes of `changes` (from `before` to `after`) by `delivery`'s ignoreDifferences;
 * undefined when no entry matches or none says anything of them. `remedies`: the kind's (the
 * first `new-name` one is how to apply an ignored change).
 */
export function argoCdIgnore(delivery: Delivery, before: Manifest, after: Manifest, changes: readonly FieldChange[], remedies: readonly Remedy[] = []): ArgoCdIgnore | undefined {
  const entries = delivery.entries.filter((e) => matches(e, after));
  if (entries.length === 0) return undefined;
  const pointers = entries.flatMap((e) => (e.jsonPointers ?? []).map(parsePointer).filter((p): p is string[] => p !== undefined));
  const ignored = changes.filter((c) => ignoredBy(pointers, indexPath(c.path, after, before), c));
  const unevaluated: Unevaluated[] = [
    ...entries.flatMap((e) => e.jqPathExpressions ?? []).map((value) => ({ entry: 'jqPathExpressions' as const, value: String(value) })),
    ...entries.flatMap((e) => e.managedFieldsManagers ?? []).map((value) => ({ entry: 'managedFieldsManagers' as const, value: String(value) })),
  ];
  if (ignored.length === 0 && unevaluated.length === 0) return undefined;
  const newName = remedies.find((r) => r.kind === 'new-name');
  const remedy = newName ? newName.text : `take ${ignored.length === 1 ? 'the field' : 'the fields'} out of the Application's ignoreDifferences`;
  return { application: delivery.name, respected: delivery.respected, ignored, unevaluated, remedy };
}

function matches(e: IgnoreEntry, o: Manifest): boolean {
  return glob(e.group ?? '', groupOf(String(o.apiVersion ?? ''))) && glob(e.kind ?? '', String(o.kind ?? ''))
    && (!e.name || e.name === o.metadata?.name) && (!e.namespace || e.namespace === o.metadata?.namespace);
}

/** Argo CD's glob.Match for group and kind: `*` any run, `?` one character. */
function glob(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

/** RFC 6901: `/a~1b/c~0d` → `['a/b', 'c~d']`; not a pointer (Argo CD skips it) → undefined. */
export function parsePointer(pointer: string): string[] | undefined {
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A list item no pointer reaches by its index: Argo CD's pointer would take another item on one side. */
const NO_INDEX = '\0moved';

/**
 * A field path with `[name=x]` segments as list indices, as a pointer reaches them: the item's
 * index in the new object, when the old one has it at the same index (or, added or removed, past
 * the other's end). An item that moved has no index: Argo CD removes index i from both sides,
 * which are then different items.
 */
function indexPath(path: readonly (string | number)[], after: unknown, before: unknown): string[] {
  const out: string[] = [];
  let [a, b] = [after, before];
  for (const segment of path) {
    const named = typeof segment === 'string' && segment.startsWith('[name=') && segment.endsWith(']') ? segment.slice(6, -1) : undefined;
    if (named === undefined) {
      out.push(String(segment));
      [a, b] = [child(a, String(segment)), child(b, String(segment))];
      continue;
    }
    const at = (list: unknown) => (Array.isArray(list) ? list.findIndex((item) => item?.name === named) : -1);
    const length = (list: unknown) => (Array.isArray(list) ? list.length : 0);
    const [ia, ib] = [at(a), at(b)];
    const index = ia >= 0 && (ib === ia || (ib < 0 && ia >= length(b))) ? ia
      : ia < 0 && ib >= length(a) ? ib : undefined;
    out.push(index === undefined ? NO_INDEX : String(index));
    [a, b] = [ia >= 0 ? child(a, String(ia)) : undefined, ib >= 0 ? child(b, String(ib)) : undefined];
  }
  return out;
}

function child(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
}

/**
 * Whether Argo CD ignores the change: it lies under a pointer, or (a change above the pointers)
 * its old and new values are equal once the pointers below it are removed from both.
 */
function ignoredBy(pointers: readonly string[][], path: readonly string[], c: FieldChange): boolean {
  const below: string[][] = [];
  for (const p of pointers) {
    const n = Math.min(p.length, path.length);
    if (p.slice(0, n).some((s, i) => s !== path[i])) continue;
    if (p.length <= path.length) return true;
    below.push(p.slice(path.length));
  }
  if (below.length === 0) return false;
  const strip = (v: unknown) => below.reduce((acc, rest) => removed(acc, rest), v);
  return canonicalJson(strip(c.old) ?? null) === canonicalJson(strip(c.new) ?? null);
}

/** `value` without what `rest` points at (a copy; unchanged when it is not there). */
function removed(value: unknown, rest: readonly string[]): unknown {
  if (rest.length === 0) return undefined;
  if (value === null || typeof value !== 'object') return value;
  const [key, ...tail] = rest;
  if (Array.isArray(value)) {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= value.length) return value;
    const i = Number(key);
    return tail.length === 0 ? [...value.slice(0, i), ...value.slice(i + 1)] : value.map((v, j) => (j === i ? removed(v, tail) : v));
  }
  if (!Object.prototype.hasOwnProperty.call(value, key)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (tail.length === 0) delete copy[key];
  else copy[key] = removed(copy[key], tail);
  return copy;
}
