import { visitSchema } from './schema-walk';
import { isObject, Json, JsonObject } from './stable-json';

/**
 * CRD schemas are fully expanded: controller-gen inlines PodSpec, Container, Affinity, …
 * at every use, so KServe's InferenceService repeats the same subtrees dozens of times
 * (600 KB compact). Factoring each repeated object subtree into `definitions` and pointing
 * at it with `$ref` gives the same validation with a fraction of the bytes (~90 KB), and lets
 * ajv compile each definition once instead of once per copy.
 *
 * Only `type: object` nodes with properties are factored: CRD structural schemas never put
 * those inside anyOf/oneOf/allOf/not, so a definition is always used in the same (non-junctor)
 * position and load-time rules such as "unknown fields are errors" apply to it unchanged.
 * Definitions are named after the property path of their first use (keys are sorted, so the
 * first use, and hence every name, is stable), e.g. `spec.predictor.affinity`.
 */
export function factorRepeatedSubtrees(schema: JsonObject, minBytes = 300): JsonObject {
  const uses = new Map<string, number>();
  visitSchema(schema, (node) => {
    if (!isFactorable(node)) return;
    const key = JSON.stringify(node);
    if (key.length >= minBytes) uses.set(key, (uses.get(key) ?? 0) + 1);
  });

  const definitions: JsonObject = {};
  const nameOf = new Map<string, string>();
  const root = rewriteChildren(schema, '');
  if (Object.keys(definitions).length === 0) return schema;
  return { ...root, definitions: Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]])) };

  /** Rewrites the sub-schemas of `node`; `path` names the data `node` describes. */
  function rewriteChildren(node: JsonObject, path: string): JsonObject {
    const out: JsonObject = { ...node };
    if (isObject(node.properties)) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, sub]) => [name, rewrite(sub, join(path, name))]));
    }
    if (node.items !== undefined) out.items = rewrite(node.items, join(path, 'items'));
    if (isObject(node.additionalProperties)) out.additionalProperties = rewrite(node.additionalProperties, join(path, 'values'));
    return out;
  }

  function rewrite(node: Json, path: string): Json {
    if (Array.isArray(node)) return node.map((v) => rewrite(v, path));
    if (!isObject(node)) return node;
    if (isFactorable(node)) {
      const key = JSON.stringify(node);
      if ((uses.get(key) ?? 0) > 1) return { $ref: `#/definitions/${define(key, node, path)}` };
    }
    return rewriteChildren(node, path);
  }

  function define(key: string, node: JsonObject, path: string): string {
    const known = nameOf.get(key);
    if (known) return known;
    let name = path;
    for (let i = 2; name in definitions; i++) name = `${path}_${i}`;
    nameOf.set(key, name);
    definitions[name] = {}; // reserve the name before the body's own definitions are named
    definitions[name] = rewriteChildren(node, path);
    return name;
  }
}

function isFactorable(node: JsonObject): boolean {
  return node.type === 'object' && isObject(node.properties);
}

/** Definition names use letters, digits, `.`, `-`, `_` only, so they are safe in a `$ref` fragment. */
function join(path: string, key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_-]/g, '_');
  return path ? `${path}.${safe}` : safe;
}
