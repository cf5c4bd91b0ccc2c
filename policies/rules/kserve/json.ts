// KServe's own readers, over the shared ones in ../json.
import { asArray, asObject, asString, Json } from '../json';

/**
 * Any number, `.inf` and `.nan` included (unlike the shared `asNumber`, which reads finite
 * numbers only): the KServe rules compare and report such a value as given.
 */
export function asAnyNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** The first env var `name` of a container (as KServe reads it), with its index in `env`. */
export function envVar(container: Json | undefined, name: string): { readonly value?: string; readonly index: number } | undefined {
  const index = asArray(container?.env).findIndex((e) => asObject(e)?.name === name);
  return index === -1 ? undefined : { value: asString(asObject(asArray(container?.env)[index])?.value), index };
}
