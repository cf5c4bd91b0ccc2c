import { mapSchema } from './schema-walk';
import { Json, JsonObject } from './stable-json';

/** Documentation only: never affects what the API server accepts. */
const DOCUMENTATION = ['description', 'example', 'examples', 'title', 'externalDocs', '$comment'];

/**
 * What a compact JSON schema keeps: everything ajv (draft-07 + `nullable`) validates, plus the
 * Kubernetes markers that change validation (int-or-string, preserve-unknown-fields,
 * embedded-resource) or are server-side facts we may check later (CEL rules, list types).
 * Dropped: documentation, patch strategies, map-type, GVK/action/union annotations.
 */
const JSON_KEYWORDS = new Set([
  '$ref', 'type', 'properties', 'required', 'enum', 'const', 'pattern', 'format', 'default',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'nullable', 'items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'not', 'definitions',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
]);

/**
 * Formats worth keeping: the ones the API server enforces and ajv-formats checks the same way.
 * `int-or-string` is a marker, not a format (the oneOf beside it does the work); `duration`
 * means ISO 8601 to ajv but Go's "1h30m" to Kubernetes, so it would reject valid values.
 */
const JSON_FORMATS = new Set(['date-time', 'date', 'byte', 'int32', 'int64', 'float', 'double', 'ipv4', 'ipv6', 'uuid', 'hostname', 'email', 'uri']);

/** Turns an OpenAPI v3.0 / CRD structural schema into a compact draft-07 schema. */
export function toJsonSchema(schema: Json): Json {
  return mapSchema(schema, (node) => {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (JSON_KEYWORDS.has(key)) out[key] = value;
    }
    if (typeof out.format === 'string' && !JSON_FORMATS.has(out.format)) delete out.format;
    // OpenAPI 3.0 writes `exclusiveMinimum: true` next to `minimum`; draft-07 wants the bound itself.
    for (const [bound, flag] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
      if (typeof out[flag] !== 'boolean') continue;
      if (out[flag] === true && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else {
        delete out[flag];
      }
    }
    return out;
  });
}

/** A CRD schema minus documentation; every other keyword stays, as the API server defines it. */
export function stripDocumentation(schema: Json): Json {
  return mapSchema(schema, (node) => {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (!DOCUMENTATION.includes(key)) out[key] = value;
    }
    return out;
  });
}
