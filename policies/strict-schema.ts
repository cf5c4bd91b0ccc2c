import { SCHEMA_MAPS, SCHEMA_VALUES } from './schemagen/schema-walk';
import { isObject, Json, JsonObject } from './schemagen/stable-json';

const JUNCTORS = ['anyOf', 'oneOf', 'allOf', 'not'];

/**
 * Prepares a generated schema (upstream facts, unmodified) for ajv, the way the API server
 * reads it. Done at load time so the schemas folders stay faithful copies of upstream. Returns a copy.
 *
 * - Unknown fields are errors (kubeconform -strict, and what the API server's strict field
 *   validation reports): an object schema with `properties`, no `additionalProperties` and no
 *   `x-kubernetes-preserve-unknown-fields` gets `additionalProperties: false`. Not inside
 *   anyOf/oneOf/allOf/not, where a branch lists only some properties and would reject the rest.
 * - `crd`: the schema is a CRD's structural schema, where `type: object` listing no properties
 *   is an empty object (the API server prunes, or rejects, whatever is set in it): closed too.
 *   Not in OpenAPI definitions (built-in kinds, Katib's swagger), where such an object is any
 *   JSON (RawExtension, FieldsV1). Use with `replaceRootMetadata`: a CRD lists its root
 *   `metadata` as a bare `type: object`, but it is ObjectMeta.
 * - `x-kubernetes-preserve-unknown-fields`: anything goes beyond the listed properties.
 * - `x-kubernetes-embedded-resource`: apiVersion, kind and metadata are allowed even when the
 *   schema does not list them, as the API server does.
 * - `x-kubernetes-int-or-string` without its usual anyOf: integer or string.
 * - A pattern JavaScript cannot compile (Go RE2-only syntax) is dropped instead of failing the kind.
 * - `replaceRootMetadata`: the root `metadata` becomes `{type: object}`, because the validator
 *   checks metadata once, against ObjectMeta, for every kind.
 */
export function prepareSchema(schema: JsonObject, options: { replaceRootMetadata?: boolean; crd?: boolean } = {}): JsonObject {
  const out = prepare(schema, false, options.crd === true) as JsonObject;
  if (options.replaceRootMetadata && isObject(out.properties) && 'metadata' in out.properties) {
    out.properties = { ...out.properties, metadata: { type: 'object' } };
  }
  return out;
}

function prepare(node: Json, inJunctor: boolean, crd: boolean): Json {
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      // `definitions` are roots of their own: they are used through $ref, outside any junctor.
      const childInJunctor = key === 'definitions' ? false : inJunctor;
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prepare(v, childInJunctor, crd)]));
    } else if (SCHEMA_VALUES.includes(key)) {
      const childInJunctor = inJunctor || JUNCTORS.includes(key);
      out[key] = Array.isArray(value) ? value.map((v) => prepare(v, childInJunctor, crd)) : prepare(value, childInJunctor, crd);
    } else {
      out[key] = value;
    }
  }

  const preserve = out['x-kubernetes-preserve-unknown-fields'] === true;
  if (out['x-kubernetes-embedded-resource'] === true && isObject(out.properties)) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...out.properties };
  }
  if (out['x-kubernetes-int-or-string'] === true && out.type === undefined && out.anyOf === undefined && out.oneOf === undefined) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  // An embedded resource listing nothing still has apiVersion, kind and metadata: left open.
  const emptyCrdObject = crd && out.type === 'object' && out.properties === undefined && out['x-kubernetes-embedded-resource'] !== true;
  if (!inJunctor && !preserve && (isObject(out.properties) || emptyCrdObject) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (typeof out.pattern === 'string' && !compiles(out.pattern)) delete out.pattern;
  if (out.nullable !== undefined && out.type === undefined) delete out.nullable; // ajv requires a type beside nullable
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
