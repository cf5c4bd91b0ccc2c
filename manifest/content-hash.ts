import { createHash } from 'node:crypto';
import { Manifest } from './manifest';
import { ANNOTATIONS } from './metadata';

/** A deep copy with object keys in code-point order at every depth, so equal values serialize to equal bytes. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])) as T;
}

/** JSON with object keys sorted at every depth: equal content, equal bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => v && typeof v === 'object' && !Array.isArray(v) ? sortedObject(v) : v);
}

/** `v` itself when its keys are already in order (rendered objects mostly are: no copy), else a sorted copy. */
function sortedObject(v: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(v);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) return Object.fromEntries(keys.sort().map((k) => [k, v[k]]));
  }
  return v;
}

/** `sha256:<hex>` of the object's canonical JSON without the content-hash annotation: what synth stamps and the reconciler compares. */
export function contentHash(obj: Manifest): string {
  const annotations: Record<string, string> = { ...(obj.metadata?.annotations ?? {}) };
  delete annotations[ANNOTATIONS.contentHash];
  const bare = { ...obj, metadata: { ...obj.metadata, annotations } };
  if (Object.keys(annotations).length === 0) delete (bare.metadata as { annotations?: unknown }).annotations;
  return `sha256:${createHash('sha256').update(canonicalJson(bare)).digest('hex')}`;
}

/** Returns `obj` with `metadata.annotations[content-hash]` set to its {@link contentHash}, annotations sorted. */
export function withContentHash<T extends Manifest>(obj: T): T {
  const annotations: Record<string, string> = { ...(obj.metadata?.annotations ?? {}), [ANNOTATIONS.contentHash]: contentHash(obj) };
  const sorted = Object.fromEntries(Object.keys(annotations).sort().map((k) => [k, annotations[k]]));
  return { ...obj, metadata: { ...obj.metadata, annotations: sorted } };
}
