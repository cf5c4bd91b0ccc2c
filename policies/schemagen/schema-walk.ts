import { isObject, Json, JsonObject } from './stable-json';

/** Keywords whose value is a map of name → sub-schema (the names are data, not keywords). */
export const SCHEMA_MAPS = ['properties', 'definitions', 'patternProperties'];
/** Keywords whose value is a sub-schema, or an array of them. */
export const SCHEMA_VALUES = ['items', 'additionalProperties', 'additionalItems', 'not', 'anyOf', 'oneOf', 'allOf'];

/**
 * Rebuilds a schema bottom-up: `fn` sees each schema node after its sub-schemas were rebuilt,
 * and returns the node to keep. Only schema positions are visited, so a property *named*
 * `description` or a `default` value that happens to contain `type` is never touched.
 * Keys come out sorted, which makes every derived file deterministic.
 */
export function mapSchema(node: Json, fn: (node: JsonObject) => JsonObject): Json {
  if (!isObject(node)) return node; // `true` / `false` schemas
  const out: JsonObject = {};
  for (const key of Object.keys(node).sort()) {
    const value = node[key];
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      const map: JsonObject = {};
      for (const name of Object.keys(value).sort()) map[name] = mapSchema(value[name], fn);
      out[key] = map;
    } else if (SCHEMA_VALUES.includes(key)) {
      out[key] = Array.isArray(value) ? value.map((v) => mapSchema(v, fn)) : mapSchema(value, fn);
    } else {
      out[key] = value;
    }
  }
  return fn(out);
}

/** Calls `fn` on every schema node, parents before children. */
export function visitSchema(node: Json, fn: (node: JsonObject) => void): void {
  if (!isObject(node)) return;
  fn(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (SCHEMA_MAPS.includes(key) && isObject(value)) Object.values(value).forEach((v) => visitSchema(v, fn));
    else if (SCHEMA_VALUES.includes(key)) (Array.isArray(value) ? value : [value]).forEach((v) => visitSchema(v, fn));
  }
}
