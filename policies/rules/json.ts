// Reading manifests as plain, possibly malformed JSON (as parsed from YAML): every accessor
// tolerates wrong types (the schema reports those), so that a rule never throws on what
// `validate` reads. And the jq-style paths every report names: `.spec.containers[0]`,
// `.metadata.labels["app.kubernetes.io/name"]`. One set for every domain's rules.
import { pathSegment } from '../json-path';

export type Json = Readonly<Record<string, unknown>>;

/** `v` when it is a plain object (not an array, not null), else undefined. */
export function asObject(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** `v` when it is an array, else an empty one. */
export function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A finite number, else undefined: YAML may give an int-or-string, or `.inf`/`.nan`. */
export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A whole number, as JSON gives it (YAML `2`), else undefined. */
export function asInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** `v` as a string map (labels, annotations): its string entries, or an empty one when it is no object. */
export function asStrings(v: unknown): Readonly<Record<string, string>> {
  const o = asObject(v);
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, s]) => typeof s === 'string')) as Record<string, string>;
}

/** A path from the root: `path('spec', 'replicatedJobs', 0)` → `.spec.replicatedJobs[0]`; `path()` → `.`. */
export function path(...segments: ReadonlyArray<string | number>): string {
  return subPath('.', ...segments);
}

/** `base` with more steps: `subPath('.spec', 'containers', 0)` → `.spec.containers[0]`. A base of `.` is the root. */
export function subPath(base: string, ...segments: ReadonlyArray<string | number>): string {
  return `${base === '.' ? '' : base}${segments.map(pathSegment).join('')}` || '.';
}
