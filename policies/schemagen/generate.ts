import { ReleaseFacts } from '../../manifest';
import { KFP_DOCUMENTS } from '../kfp-documents';
import { crdFacts, CrdFacts, isCrd, isOpaque, objectSchema, schemaOnlyCrd, versionSchema } from './crd';
import { crdYaml } from './crd-yaml';
import { factorRepeatedSubtrees } from './dedupe';
import { apiVersionOf, crdFile, documentSchemaFile, IndexEntry, INDEX_FILE, jsonSchemaFile, OBJECT_META_FILE, SchemaIndex, SOURCES_MD } from './layout';
import { definitionSchema, groupVersionKinds, hasObjectMeta, isOpenApiDocument, objectMetaSchema, OpenApiKind, unqualifiedKinds } from './openapi';
import { isProtoDocument, messageSchema, messagesIn, protoRoot } from './proto';
import { Sources } from './sources';
import { DocumentFact, KindFact, renderSourcesMd } from './sources-md';
import { compactJson, isObject, Json, JsonObject, sortKeys } from './stable-json';
import { toJsonSchema } from './strip';

/** One parsed YAML/JSON document and where it came from. */
export interface InputDocument {
  readonly file: string;
  /** Name of the upstream source (a key of `sources`). */
  readonly source: string;
  readonly value: Json;
}

export interface GenerateOptions {
  readonly sources?: Sources;
  /** The command line that regenerates the folder, recorded in SOURCES.md. */
  readonly command?: string;
  /** What runs `command` for this folder (a script regenerating several folders), recorded in SOURCES.md. */
  readonly regenerate?: string;
  /** The release the folder describes, recorded in SOURCES.md (the command writes it to release.json). */
  readonly release?: ReleaseFacts;
}

export interface GenerateResult {
  /** Path relative to the schemas folder → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly index: SchemaIndex;
  readonly kinds: readonly KindFact[];
  /** The documents that are not Kubernetes objects (kfp's pipeline IR), from `.proto` inputs. */
  readonly documents: readonly DocumentFact[];
  /** Inputs skipped or choices worth telling the user about. */
  readonly warnings: readonly string[];
  /** What was left out as expected: the objects of a full install besides its CRDs (one line per file). */
  readonly notes: readonly string[];
}

/**
 * Derives the schemas folder from upstream CRDs, OpenAPI documents and protobuf definitions (the
 * documents kfp writes), in memory. Same inputs,
 * same bytes: everything is sorted, nothing depends on time or input order except which of two
 * identical copies of a kind is used.
 */
export function generateSchemas(inputs: readonly InputDocument[], options: GenerateOptions = {}): GenerateResult {
  const warnings: string[] = [];
  const notes: string[] = [];
  const files = new Map<string, string>();
  const kinds = new Map<string, KindFact & { entry: IndexEntry }>();
  const { crds, openapi, protos } = classify(inputs, warnings, notes);

  // 1. CRDs: one schema-only CRD per CRD, one JSON schema per served version.
  const crdByGvk = new Map<string, { facts: CrdFacts; schema: JsonObject }>();
  const notServed: string[] = [];
  for (const { doc, input } of crds) {
    let facts: CrdFacts;
    try {
      facts = crdFacts(doc);
    } catch (e) {
      warnings.push(`${input.file}: skipped: ${(e as Error).message}`);
      continue;
    }
    const keyOf = (version: string) => `${apiVersionOf(facts.group, version)}/${facts.kind}`;
    const served = facts.versions.filter((v) => v.served);
    if (files.has(crdFile(facts.name)) || served.some((v) => kinds.has(keyOf(v.name)))) {
      warnings.push(`${input.file}: ${facts.name} is defined more than once; keeping the first`);
      continue;
    }
    for (const v of facts.versions.filter((x) => !x.served)) {
      notServed.push(keyOf(v.name));
      warnings.push(`${input.file}: ${facts.name} version ${v.name} is not served; no schema for ${keyOf(v.name)}`);
    }
    files.set(crdFile(facts.name), crdYaml(schemaOnlyCrd(doc)));
    for (const v of served) {
      const key = keyOf(v.name);
      const schema = versionSchema(doc, v.name);
      crdByGvk.set(key, { facts, schema });
      const schemaPath = jsonSchemaFile(facts.group, v.name, facts.kind);
      files.set(schemaPath, compactJson(sortKeys(factorRepeatedSubtrees(toJsonSchema(objectSchema(schema)) as JsonObject))));
      kinds.set(key, {
        apiVersion: apiVersionOf(facts.group, v.name), kind: facts.kind, scope: facts.scope, source: input.source,
        schemaFrom: 'crd', crdVersion: { storage: v.storage, deprecated: v.deprecated },
        entry: { schema: schemaPath, scope: facts.scope, plural: facts.plural, crd: crdFile(facts.name), source: input.source },
      });
    }
  }

  // 2. Kubernetes API documents: every kind they declare; the document serving the group-version wins.
  const chosen = new Map<string, { kind: OpenApiKind; doc: JsonObject; input: InputDocument }>();
  for (const { doc, input } of openapi) {
    for (const k of groupVersionKinds(doc)) {
      const key = `${apiVersionOf(k.group, k.version)}/${k.kind}`;
      const seen = chosen.get(key);
      if (!seen || (k.home && !seen.kind.home)) chosen.set(key, { kind: k, doc, input });
    }
  }
  for (const [key, { kind: k, doc, input }] of chosen) {
    if (kinds.has(key)) continue; // a CRD defines it: the CRD is what the API server validates with
    if (!k.scope) {
      warnings.push(`${input.file}: ${key} has no REST path in its document; scope unknown, skipped`);
      continue;
    }
    const schemaPath = jsonSchemaFile(k.group, k.version, k.kind);
    files.set(schemaPath, compactJson(sortKeys(definitionSchema(doc, k.definition))));
    kinds.set(key, {
      apiVersion: apiVersionOf(k.group, k.version), kind: k.kind, scope: k.scope, source: input.source, schemaFrom: 'openapi',
      entry: { schema: schemaPath, scope: k.scope, plural: k.plural ?? null, crd: null, source: input.source },
    });
  }

  // 3. Typed OpenAPI definitions for CRDs whose schema is opaque (Katib): they replace the JSON schema.
  for (const { doc, input } of openapi) {
    for (const u of unqualifiedKinds(doc)) {
      const matches = [...crdByGvk.entries()].filter(([key, c]) => key.endsWith(`/${u.version}/${u.kind}`) && c.facts.kind === u.kind);
      if (matches.length !== 1) continue;
      const [key, crd] = matches[0];
      if (!isOpaque(crd.schema)) continue;
      const fact = kinds.get(key)!;
      files.set(fact.entry.schema, compactJson(sortKeys(definitionSchema(doc, u.definition))));
      kinds.set(key, { ...fact, source: input.source, schemaFrom: 'openapi', schemaNote: u.definition, entry: { ...fact.entry, source: input.source } });
    }
  }

  // 4. ObjectMeta, which validators check every kind's metadata against; prefer a Kubernetes API document.
  const metaDoc = openapi.find(({ doc }) => hasObjectMeta(doc) && groupVersionKinds(doc).length > 0) ?? openapi.find(({ doc }) => hasObjectMeta(doc));
  if (metaDoc) files.set(OBJECT_META_FILE, compactJson(sortKeys(objectMetaSchema(metaDoc.doc))));
  else warnings.push('no OpenAPI document with ObjectMeta in the inputs: metadata will only be checked for a name');

  // 5. Documents that are not Kubernetes objects, from protobuf definitions: kfp's pipeline IR.
  const documents = new Map<string, DocumentFact & { entry: IndexEntry }>();
  const root = protos.length > 0 ? protoRoot(protos.map((p) => p.doc)) : undefined;
  for (const { doc, input } of protos) {
    const messages = messagesIn(doc, KFP_DOCUMENTS).filter((m) => !documents.has(m));
    if (messages.length === 0) warnings.push(`${input.file}: defines none of the documents kfp writes (${KFP_DOCUMENTS.join(', ')}); no schema of its own`);
    for (const message of messages) {
      const schemaPath = documentSchemaFile(message);
      files.set(schemaPath, compactJson(sortKeys(messageSchema(root!, message))));
      documents.set(message, { message, schema: schemaPath, source: input.source, entry: { schema: schemaPath, scope: null, plural: null, crd: null, source: input.source } });
    }
  }

  const index: SchemaIndex = {};
  const entries = new Map<string, IndexEntry>([...[...kinds].map(([k, v]) => [k, v.entry] as const), ...[...documents].map(([k, v]) => [k, v.entry] as const)]);
  for (const key of [...entries.keys()].sort()) index[key] = entries.get(key)!;
  files.set(INDEX_FILE, JSON.stringify(index, null, 2) + '\n');
  const facts = [...kinds.keys()].sort().map((k) => { const { entry: _entry, ...fact } = kinds.get(k)!; return fact; });
  const documentFacts = [...documents.keys()].sort().map((k) => { const { entry: _entry, ...fact } = documents.get(k)!; return fact; });
  files.set(SOURCES_MD, renderSourcesMd({ kinds: facts, documents: documentFacts, notServed: notServed.sort(), sources: options.sources ?? {}, command: options.command, regenerate: options.regenerate, release: options.release }));
  return { files: new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), index, kinds: facts, documents: documentFacts, warnings, notes };
}

/**
 * Sorts the inputs into CRDs, OpenAPI documents and protobuf definitions. Other documents are
 * skipped, one line per file: a note when the file also has CRDs (a full install such as
 * KServe's kserve.yaml, whose controller objects are not API definitions), else a warning.
 */
function classify(inputs: readonly InputDocument[], warnings: string[], notes: string[]) {
  const crds: { doc: JsonObject; input: InputDocument }[] = [];
  const openapi: { doc: JsonObject; input: InputDocument }[] = [];
  const protos: { doc: JsonObject; input: InputDocument }[] = [];
  const skipped = new Map<string, { kinds: string[]; crds: number }>();
  const add = (value: Json, input: InputDocument): void => {
    if (value === null || value === undefined) return; // empty YAML document
    const file = skipped.get(input.file) ?? { kinds: [], crds: 0 };
    skipped.set(input.file, file);
    if (isList(value)) listItems(value).forEach((item) => add(item, input));
    else if (isCrd(value)) { crds.push({ doc: value, input }); file.crds++; }
    else if (isOpenApiDocument(value)) openapi.push({ doc: value, input });
    else if (isProtoDocument(value)) protos.push({ doc: value, input });
    else file.kinds.push(isObject(value) && typeof value.kind === 'string' ? value.kind : '(no kind)');
  };
  inputs.forEach((input) => add(input.value, input));
  for (const [file, { kinds, crds: n }] of skipped) {
    if (kinds.length === 0) continue;
    const named = [...new Set(kinds)].sort();
    const list = named.length > 6 ? `${named.slice(0, 6).join(', ')}, …` : named.join(', ');
    const what = kinds.length === 1 ? `a document that is neither a CRD nor an OpenAPI document (${list})` : `${kinds.length} documents that are neither CRDs nor OpenAPI documents (${list})`;
    if (n > 0) notes.push(`${file}: took its ${n === 1 ? 'CRD' : `${n} CRDs`}, skipped ${what}`);
    else warnings.push(`${file}: skipped ${what}`);
  }
  return { crds, openapi, protos };
}

function isList(value: Json): value is JsonObject & { kind: string; items: Json[] } {
  return isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

/**
 * `kubectl get -o yaml` writes a `v1 List` of complete objects; the API's own list (`kubectl
 * get --raw`, `CustomResourceDefinitionList`) leaves apiVersion and kind out of its items.
 */
function listItems(list: JsonObject & { kind: string; items: Json[] }): Json[] {
  if (list.kind === 'List') return list.items;
  const kind = list.kind.slice(0, -'List'.length);
  return list.items.map((item) => (isObject(item) && item.kind === undefined ? { apiVersion: list.apiVersion, kind, ...item } : item));
}
