import { isObject, Json, JsonObject } from './stable-json';
import { toJsonSchema } from './strip';

/** A kind found in an OpenAPI document, with the definition that describes it. */
export interface OpenApiKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly definition: string;
  /** From the document's REST paths; undefined when the document has no path for it. */
  readonly scope?: 'Namespaced' | 'Cluster';
  /** Undefined for kinds that are only subresources (autoscaling/v1 Scale, policy/v1 Eviction). */
  readonly plural?: string;
  /** The document serves this group-version (has its REST paths), rather than just embedding the type. */
  readonly home: boolean;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * The grammar of resource.Quantity, as controller-gen writes it into every CRD. The Kubernetes
 * OpenAPI documents only say "string or number"; the API server parses the string strictly,
 * so we add the same pattern to make a bad quantity fail in core kinds as it does in CRDs.
 */
export const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

export function isOpenApiDocument(doc: Json): doc is JsonObject {
  return isObject(doc) && (typeof doc.openapi === 'string' || typeof doc.swagger === 'string') && isObject(definitionsOf(doc));
}

/** `components.schemas` (OpenAPI 3) or `definitions` (Swagger 2). */
export function definitionsOf(doc: JsonObject): JsonObject {
  const components = doc.components;
  return (isObject(components) && isObject(components.schemas) ? components.schemas : doc.definitions) as JsonObject;
}

function refPrefix(doc: JsonObject): string {
  return isObject(doc.components) ? '#/components/schemas/' : '#/definitions/';
}

/** Kinds declared with `x-kubernetes-group-version-kind` (the Kubernetes API documents). */
export function groupVersionKinds(doc: JsonObject): OpenApiKind[] {
  const kinds: OpenApiKind[] = [];
  for (const [definition, schema] of Object.entries(definitionsOf(doc))) {
    const gvks = isObject(schema) ? schema['x-kubernetes-group-version-kind'] : undefined;
    // Several GVKs: a shared options type (DeleteOptions, WatchEvent), not a kind of its own.
    if (!Array.isArray(gvks) || gvks.length !== 1 || !isObject(gvks[0])) continue;
    const { group, version, kind } = gvks[0] as { group: string; version: string; kind: string };
    // apimachinery types (Status, APIResourceList) are protocol messages; *List kinds are collections.
    if (definition.startsWith('io.k8s.apimachinery.') || kind.endsWith('List')) continue;
    kinds.push({ group, version, kind, definition, ...restFacts(doc, group, version, kind) });
  }
  return kinds;
}

/**
 * Kinds in documents without GVK markers, such as Katib's swagger.json, whose definitions are
 * named `v1beta1.Experiment` or `.v1beta1.Trial`: a definition is a kind when its name is
 * `[.]<version>.<Kind>` and it has apiVersion, kind and metadata properties. The group is not
 * in the document; the caller matches these to CRDs by version and kind.
 */
export function unqualifiedKinds(doc: JsonObject): { version: string; kind: string; definition: string }[] {
  const found = [];
  for (const [definition, schema] of Object.entries(definitionsOf(doc))) {
    const m = /^\.?(v\d+(?:(?:alpha|beta)\d+)?)\.([A-Z][A-Za-z0-9]*)$/.exec(definition);
    if (!m || !isObject(schema) || schema['x-kubernetes-group-version-kind'] !== undefined) continue;
    const props = schema.properties;
    if (isObject(props) && ['apiVersion', 'kind', 'metadata'].every((p) => p in props)) {
      found.push({ version: m[1], kind: m[2], definition });
    }
  }
  return found;
}

/** Scope and plural from the REST paths that create, list or read the kind. */
function restFacts(doc: JsonObject, group: string, version: string, kind: string): Pick<OpenApiKind, 'scope' | 'plural' | 'home'> {
  const root = group === '' ? `/api/${version}/` : `/apis/${group}/${version}/`;
  const paths = isObject(doc.paths) ? doc.paths : {};
  const home = Object.keys(paths).some((p) => p.startsWith(root));
  let namespaced: string | undefined;
  let cluster: string | undefined;
  let subresourceScope: 'Namespaced' | 'Cluster' | undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item) || !servesKind(item, group, version, kind) || path.includes('/watch/')) continue;
    // Subresource kinds (Scale, Eviction, TokenRequest) live under another group's paths.
    const rest = path.startsWith(root) ? path.slice(root.length) : undefined;
    const collection = rest === undefined ? null : /^(namespaces\/\{namespace\}\/)?([a-z0-9.-]+)(?:\/\{name\})?$/.exec(rest);
    if (collection?.[1]) namespaced ??= collection[2];
    else if (collection) cluster ??= collection[2];
    else subresourceScope ??= path.includes('/namespaces/{namespace}/') ? 'Namespaced' : 'Cluster';
  }
  if (namespaced) return { scope: 'Namespaced', plural: namespaced, home };
  if (cluster) return { scope: 'Cluster', plural: cluster, home };
  return { scope: subresourceScope, home };
}

function servesKind(item: JsonObject, group: string, version: string, kind: string): boolean {
  return Object.values(item).some((op) => {
    const gvk = isObject(op) ? op['x-kubernetes-group-version-kind'] : undefined;
    return isObject(gvk) && gvk.group === group && gvk.version === version && gvk.kind === kind;
  });
}

export function hasObjectMeta(doc: JsonObject): boolean {
  return OBJECT_META in definitionsOf(doc);
}

export function objectMetaSchema(doc: JsonObject): JsonObject {
  return definitionSchema(doc, OBJECT_META);
}

/**
 * One definition as a standalone draft-07 schema: the definition itself at the root and,
 * under `definitions`, only the definitions reachable from it (a Pod needs ~90 of the ~300 in
 * api/v1), with `$ref`s rewritten to `#/definitions/<name>`.
 */
export function definitionSchema(doc: JsonObject, name: string): JsonObject {
  const all = definitionsOf(doc);
  const from = refPrefix(doc);
  const convert = (n: string): JsonObject => {
    const schema = rewriteRefs(toJsonSchema(all[n]), from) as JsonObject;
    return n === QUANTITY ? withQuantityPattern(schema) : schema;
  };
  const root = convert(name);
  const reachable = new Set<string>();
  const queue = [...refsIn(root, '#/definitions/')];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (reachable.has(next)) continue;
    if (!(next in all)) throw new Error(`${name}: $ref to missing definition ${next}`);
    reachable.add(next);
    queue.push(...refsIn(convert(next), '#/definitions/'));
  }
  if (reachable.size === 0) return root;
  const definitions: JsonObject = {};
  for (const n of [...reachable].sort()) definitions[n] = convert(n);
  return { ...root, definitions };
}

function rewriteRefs(node: Json, from: string): Json {
  if (Array.isArray(node)) return node.map((v) => rewriteRefs(v, from));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith(from) ? `#/definitions/${v.slice(from.length)}` : rewriteRefs(v, from);
  }
  return out;
}

function refsIn(node: Json, prefix: string): string[] {
  if (Array.isArray(node)) return node.flatMap((v) => refsIn(v, prefix));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' && v.startsWith(prefix) ? [v.slice(prefix.length)] : refsIn(v, prefix)));
}

function withQuantityPattern(schema: JsonObject): JsonObject {
  if (!Array.isArray(schema.oneOf)) return schema;
  return { ...schema, oneOf: schema.oneOf.map((b) => (isObject(b) && b.type === 'string' ? { ...b, pattern: QUANTITY_PATTERN } : b)) };
}
