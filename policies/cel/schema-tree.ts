import * as path from 'path';

/** One `x-kubernetes-validations` entry, as the CRD states it. */
export interface ValidationRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
  readonly optionalOldSelf?: boolean;
}

/**
 * A schema node with `$ref` and `allOf` resolved: what the CEL walk needs to type a value
 * (as the API server's structural schema does) and which rules apply to it.
 */
export interface SchemaNode {
  readonly type?: string;
  readonly format?: string;
  readonly preserveUnknown: boolean;
  readonly embeddedResource: boolean;
  readonly properties: Map<string, SchemaNode>;
  /** Properties' defaults, applied to absent fields before rules run, as the API server defaults. */
  readonly defaults: Array<readonly [string, unknown]>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode;
  readonly rules: ValidationRule[];
  /** Whether this node or one below it carries rules; the walk skips subtrees that do not. */
  watched: boolean;
}

type Raw = Record<string, unknown>;

/**
 * Builds the node tree of one schema file. Definitions are shared by every place that refers
 * to them (and may be recursive in the OpenAPI-derived schemas), so each raw schema object maps
 * to one node, created before its children.
 */
export function buildSchemaTree(file: string, readSchema: (relativeFile: string) => object): SchemaNode {
  const documents = new Map<string, Raw>();
  const nodes = new Map<Raw, SchemaNode>();
  const all: SchemaNode[] = [];

  const document = (f: string): Raw => {
    let doc = documents.get(f);
    if (!doc) documents.set(f, (doc = readSchema(f) as Raw));
    return doc;
  };

  /** The raw schemas `raw` stands for: itself plus what its `$ref` and `allOf` point to. */
  const parts = (raw: Raw, inFile: string, seen = new Set<Raw>()): Array<{ raw: Raw; file: string }> => {
    if (seen.has(raw)) return [];
    seen.add(raw);
    const out = [{ raw, file: inFile }];
    if (typeof raw.$ref === 'string') {
      const target = resolveRef(raw.$ref, inFile, document);
      out.push(...parts(target.raw, target.file, seen));
    }
    if (Array.isArray(raw.allOf)) for (const sub of raw.allOf) if (isRaw(sub)) out.push(...parts(sub, inFile, seen));
    return out;
  };

  const node = (raw: Raw, inFile: string): SchemaNode => {
    const known = nodes.get(raw);
    if (known) return known;
    const merged = parts(raw, inFile);
    const first = <T>(pick: (r: Raw) => T | undefined): T | undefined => {
      for (const p of merged) {
        const v = pick(p.raw);
        if (v !== undefined) return v;
      }
      return undefined;
    };
    const n: SchemaNode = {
      type: first((r) => (typeof r.type === 'string' ? r.type : undefined)),
      format: first((r) => (typeof r.format === 'string' ? r.format : undefined)),
      preserveUnknown: merged.some((p) => p.raw['x-kubernetes-preserve-unknown-fields'] === true),
      embeddedResource: merged.some((p) => p.raw['x-kubernetes-embedded-resource'] === true),
      properties: new Map(),
      defaults: [],
      rules: merged.flatMap((p) => (Array.isArray(p.raw['x-kubernetes-validations']) ? p.raw['x-kubernetes-validations'] as ValidationRule[] : [])),
      watched: false,
    };
    nodes.set(raw, n);
    all.push(n);
    for (const p of merged) {
      if (isRaw(p.raw.properties)) {
        for (const [name, sub] of Object.entries(p.raw.properties)) {
          if (!isRaw(sub) || n.properties.has(name)) continue;
          const child = node(sub, p.file);
          n.properties.set(name, child);
          const dflt = parts(sub, p.file).find((s) => s.raw.default !== undefined)?.raw.default;
          if (dflt !== undefined) n.defaults.push([name, dflt]);
        }
      }
      if (!n.items && isRaw(p.raw.items)) n.items = node(p.raw.items, p.file);
      if (!n.additionalProperties && isRaw(p.raw.additionalProperties)) n.additionalProperties = node(p.raw.additionalProperties, p.file);
    }
    return n;
  };

  const root = node(document(file), file);
  markWatched(all);
  return root;
}

/** `watched` to a fixed point, which terminates on recursive definitions. */
function markWatched(all: SchemaNode[]): void {
  for (const n of all) n.watched = n.rules.length > 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const n of all) {
      if (n.watched) continue;
      const children = [...n.properties.values(), n.items, n.additionalProperties];
      if (children.some((c) => c?.watched)) n.watched = changed = true;
    }
  }
}

/** `#/definitions/x` in the same file, or `other.json#/…` relative to this file (e.g. ObjectMeta). */
function resolveRef(ref: string, inFile: string, document: (f: string) => Raw): { raw: Raw; file: string } {
  const hash = ref.indexOf('#');
  const filePart = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  const file = filePart === '' ? inFile : path.posix.normalize(path.posix.join(path.posix.dirname(inFile), filePart));
  let target: unknown = document(file);
  for (const step of pointer.split('/').slice(1)) {
    target = isRaw(target) ? target[decodeURIComponent(step).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  if (!isRaw(target)) throw new Error(`${inFile}: cannot resolve $ref ${ref}`);
  return { raw: target, file };
}

function isRaw(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
