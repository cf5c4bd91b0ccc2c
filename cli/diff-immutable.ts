// Which field changes of an object the cluster refuses (or accepts with a side effect), by the
// facts of manifest/immutable-fields.ts: what `diff` flags in a pull request. Works on field
// changes, so equal quantities or a moved list item, left out of the changes, are never flagged.
import { canonicalJson } from '../manifest';
import { FieldCaution, FieldPath, ImmutableField, KindImmutability, Remedy } from '../manifest/immutable-fields';
import { parseQuantity } from '../policies/rules/platform/quantity';

/** One changed field: `path` from the object's root (list items by index, or by a `[name=…]` segment). */
export interface FieldChange {
  readonly op: 'add' | 'remove' | 'change';
  readonly path: readonly (string | number)[];
  /** The value before (`remove`, `change`). */
  readonly old?: unknown;
  /** The value after (`add`, `change`). */
  readonly new?: unknown;
}

/** A change the cluster refuses: the field's fact, the changes that break it, and what to do instead (the field's remedies, else the kind's). */
export interface ImmutableViolation {
  readonly field: ImmutableField;
  readonly changes: readonly FieldChange[];
  readonly remedies: readonly Remedy[];
}

/** A change the cluster accepts with an effect the reviewer should know (a restart, a change that does not reach what runs). */
export interface CautionHit {
  readonly caution: FieldCaution;
  readonly changes: readonly FieldChange[];
}

/**
 * The immutable fields that `changes` (from `before` to `after`, one object) break, and the
 * cautions the other changes meet. `before` decides `onlyIf` (the rule as the object is in the cluster).
 */
export function checkImmutable(facts: KindImmutability, before: unknown, changes: readonly FieldChange[]): { violations: ImmutableViolation[]; cautions: CautionHit[] } {
  const violations: ImmutableViolation[] = [];
  for (const field of facts.immutable) {
    if (field.onlyIf && !sameValue(valueAt(before, field.onlyIf.path), field.onlyIf.equals)) continue;
    if (field.unlessAlsoChanged?.some((p) => changes.some((c) => changesField(p, c)))) continue;
    const hits = changes.filter((c) => touches(field.path, c.path) && !excepted(field.except, c.path) && breaks(field, c));
    if (hits.length > 0) violations.push({ field, changes: hits, remedies: field.remedies ?? facts.remedies });
  }
  // A refused change has no effect to caution about (a claim that shrinks does not "grow only once bound").
  const refused = new Set(violations.flatMap((v) => v.changes));
  const cautions: CautionHit[] = [];
  for (const caution of facts.cautions) {
    const hits = changes.filter((c) => !refused.has(c) && touches(caution.path, c.path) && !excepted(caution.except, c.path));
    if (hits.length > 0) cautions.push({ caution, changes: hits });
  }
  return { violations, cautions };
}

/** Whether a change at `changed` reaches the field `field`: inside it, or replacing something that holds it. */
function touches(field: FieldPath, changed: readonly (string | number)[]): boolean {
  const n = Math.min(field.length, changed.length);
  for (let i = 0; i < n; i++) if (field[i] !== '*' && field[i] !== String(changed[i])) return false;
  return true;
}

/** Whether a change changes the value of `field` (at it, inside it, or by replacing what holds it). */
function changesField(field: FieldPath, c: FieldChange): boolean {
  if (!touches(field, c.path)) return false;
  if (c.path.length >= field.length) return true;
  const rest = field.slice(c.path.length);
  return !sameValue(valueAt(c.old, rest), valueAt(c.new, rest));
}

/** Whether a change lies wholly inside one of the fields that may change. */
function excepted(except: readonly FieldPath[] | undefined, changed: readonly (string | number)[]): boolean {
  return (except ?? []).some((e) => e.length <= changed.length && touches(e, changed));
}

function breaks(field: ImmutableField, c: FieldChange): boolean {
  // A change above the field (its parent added or removed) reaches it only when the field had or gets a value.
  const depth = field.path.length - c.path.length;
  const old = depth > 0 ? valueAt(c.old, field.path.slice(c.path.length)) : c.old;
  const now = depth > 0 ? valueAt(c.new, field.path.slice(c.path.length)) : c.new;
  if (depth > 0 && old === undefined && now === undefined) return false;
  switch (field.rule ?? 'never') {
    case 'set-once':
      // Leaving it out keeps the cluster's value.
      return now !== undefined && !sameValue(old, now, field.aliases);
    case 'grow-only': {
      const [a, b] = [parseQuantity(old), parseQuantity(now)];
      return a !== undefined && b !== undefined ? b < a : !sameValue(old, now);
    }
    default:
      return !sameValue(old, now, field.aliases);
  }
}

/** The value at `path`; `*` collects the values of every list item or map key (undefined when none has one). */
function valueAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (let i = 0; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return undefined;
    if (path[i] === '*') {
      const values = Object.values(v).map((item) => valueAt(item, path.slice(i + 1)));
      return values.every((x) => x === undefined) ? undefined : values;
    }
    v = (v as Record<string, unknown>)[path[i]];
  }
  return v;
}

function sameValue(a: unknown, b: unknown, aliases?: Readonly<Record<string, string>>): boolean {
  const alias = (v: unknown) => (typeof v === 'string' && aliases?.[v] !== undefined ? aliases[v] : v);
  return canonicalJson(alias(a)) === canonicalJson(alias(b));
}
