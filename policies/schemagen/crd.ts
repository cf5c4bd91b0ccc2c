import { isObject, Json, JsonObject } from './stable-json';
import { stripDocumentation } from './strip';

/** One entry of a CRD's `spec.versions`, as the generator sees it. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
}

/** The facts of one CRD that the generator needs. */
export interface CrdFacts {
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** In upstream order. */
  readonly versions: readonly CrdVersion[];
}

export function isCrd(doc: Json): doc is JsonObject {
  return isObject(doc) && doc.kind === 'CustomResourceDefinition' && typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** Reads the facts of an apiextensions.k8s.io/v1 CRD; throws a readable error on anything else. */
export function crdFacts(crd: JsonObject): CrdFacts {
  const name = String((crd.metadata as JsonObject | undefined)?.name ?? '<unnamed>');
  if (crd.apiVersion !== 'apiextensions.k8s.io/v1') {
    throw new Error(`CRD ${name}: ${crd.apiVersion} is not supported (only apiextensions.k8s.io/v1 carries per-version schemas)`);
  }
  const spec = crd.spec as JsonObject;
  const names = spec.names as JsonObject;
  const versions = ((spec.versions as JsonObject[]) ?? []).map((v) => ({
    name: String(v.name), served: v.served === true, storage: v.storage === true, deprecated: v.deprecated === true,
  }));
  if (versions.filter((v) => v.storage).length !== 1) throw new Error(`CRD ${name}: exactly one version must be marked storage: true`);
  return {
    name,
    group: String(spec.group),
    kind: String(names.kind),
    plural: String(names.plural),
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions,
  };
}

export function versionSchema(crd: JsonObject, version: string): JsonObject {
  const v = ((crd.spec as JsonObject).versions as JsonObject[]).find((x) => x.name === version)!;
  return ((v.schema as JsonObject | undefined)?.openAPIV3Schema as JsonObject | undefined) ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
}

/**
 * A CRD version's schema as the API server validates objects with it: the server accepts
 * `apiVersion`, `kind` and `metadata` at the root of every CRD, listed or not (its published
 * OpenAPI adds them), so a root that lists only `spec`/`status` (Istio's CRDs) gets them too.
 * Otherwise a strict validator would reject every object's apiVersion as an unknown field.
 */
export function objectSchema(schema: JsonObject): JsonObject {
  if (!isObject(schema.properties)) return schema; // no listed fields: nothing is closed, nothing to add
  const typeMeta = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
  return { ...schema, properties: { ...typeMeta, ...schema.properties } };
}

/**
 * Whether a kind's JSON schema (a file of a schemas folder) was made from a CRD by
 * {@link objectSchema}, rather than from an OpenAPI definition (the Kubernetes API, or Katib's
 * swagger.json, which replaces its opaque CRDs): a CRD's root `metadata` is an inline object
 * schema (CRDs cannot use `$ref`), an OpenAPI kind's points at ObjectMeta. Protobuf documents
 * (kfp's IR) and ObjectMeta list no apiVersion/kind/metadata. Read from the file rather than
 * from index.json, whose `crd` is set for Katib's kinds too, and because precompiled validators
 * are keyed by a file's bytes.
 */
export function isCrdSchema(schema: JsonObject): boolean {
  const props = schema.properties;
  if (!isObject(props) || !('apiVersion' in props) || !('kind' in props)) return false;
  const metadata = props.metadata;
  return isObject(metadata) && metadata.type === 'object' && metadata.$ref === undefined && metadata.allOf === undefined;
}

/** True when the schema says nothing about `spec` (Katib's CRDs: the whole object is preserve-unknown-fields). */
export function isOpaque(schema: JsonObject): boolean {
  const props = schema.properties;
  return !isObject(props) || Object.keys(props).every((k) => ['apiVersion', 'kind', 'metadata'].includes(k));
}

/**
 * A CRD with documentation stripped that serves every version upstream serves, storage flags
 * as upstream has them, so a test API server serves (and validates) each of them.
 * Versions are ordered storage first: `cdk8s import` names the first version's class `Kind`
 * and the others `KindV1beta1`, … (cdk8s#1962), so the storage version keeps the plain name.
 * A version upstream does not serve is dropped, unless it is the storage version, which every
 * CRD needs. Kept: names, scope, subresources (tests write `.status`), printer columns,
 * selectable fields, and every schema keyword other than documentation, so the result stays a
 * structural schema. Dropped: conversion (a webhook would name a service that a test cluster
 * lacks; without it the server converts by rewriting apiVersion), annotations, status.
 */
export function schemaOnlyCrd(crd: JsonObject): JsonObject {
  const spec = crd.spec as JsonObject;
  const upstream = spec.versions as JsonObject[];
  const kept = [...upstream.filter((v) => v.storage === true), ...upstream.filter((v) => v.storage !== true && v.served === true)];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: String((crd.metadata as JsonObject).name) },
    spec: { group: spec.group, names: spec.names, scope: spec.scope, versions: kept.map((v) => schemaOnlyVersion(crd, v)) },
  };
}

function schemaOnlyVersion(crd: JsonObject, source: JsonObject): JsonObject {
  const name = String(source.name);
  const kept: JsonObject = { name, served: source.served === true, storage: source.storage === true };
  if (source.deprecated !== undefined) kept.deprecated = source.deprecated;
  if (source.deprecationWarning !== undefined) kept.deprecationWarning = source.deprecationWarning;
  kept.schema = { openAPIV3Schema: stripDocumentation(versionSchema(crd, name)) };
  if (source.subresources !== undefined) kept.subresources = source.subresources;
  if (Array.isArray(source.additionalPrinterColumns)) {
    kept.additionalPrinterColumns = source.additionalPrinterColumns.map((c) => withoutKey(c as JsonObject, 'description'));
  }
  if (source.selectableFields !== undefined) kept.selectableFields = source.selectableFields;
  return kept;
}

function withoutKey(o: JsonObject, key: string): JsonObject {
  const { [key]: _drop, ...rest } = o;
  return rest;
}
