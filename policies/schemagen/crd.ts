import { isObject, Json, JsonObject } from './stable-json';
import { stripDocumentation } from './strip';

/** The facts of one CRD that the generator needs. */
export interface CrdFacts {
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: readonly string[];
  readonly storageVersion: string;
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
  const versions = (spec.versions as JsonObject[]) ?? [];
  const storage = versions.find((v) => v.storage === true);
  if (!storage) throw new Error(`CRD ${name}: no version is marked storage: true`);
  return {
    name,
    group: String(spec.group),
    kind: String(names.kind),
    plural: String(names.plural),
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions: versions.map((v) => String(v.name)),
    storageVersion: String(storage.name),
  };
}

/** `group/Kind`, the key of a `--kind-version group/Kind=version` override. */
export function groupKind(facts: Pick<CrdFacts, 'group' | 'kind'>): string {
  return `${facts.group}/${facts.kind}`;
}

/**
 * The version we keep: the storage version (what the API server persists and every served
 * version converts to), unless overridden. Throws when the override names a version the CRD
 * does not have.
 */
export function chooseVersion(facts: CrdFacts, overrides: ReadonlyMap<string, string>): { version: string; overridden: boolean } {
  const wanted = overrides.get(groupKind(facts));
  if (wanted === undefined) return { version: facts.storageVersion, overridden: false };
  if (!facts.versions.includes(wanted)) {
    throw new Error(`--kind-version ${groupKind(facts)}=${wanted}: CRD ${facts.name} has versions ${facts.versions.join(', ')}`);
  }
  return { version: wanted, overridden: true };
}

export function versionSchema(crd: JsonObject, version: string): JsonObject {
  const v = ((crd.spec as JsonObject).versions as JsonObject[]).find((x) => x.name === version)!;
  return ((v.schema as JsonObject | undefined)?.openAPIV3Schema as JsonObject | undefined) ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
}

/** True when the schema says nothing about `spec` (Katib's CRDs: the whole object is preserve-unknown-fields). */
export function isOpaque(schema: JsonObject): boolean {
  const props = schema.properties;
  return !isObject(props) || Object.keys(props).every((k) => ['apiVersion', 'kind', 'metadata'].includes(k));
}

/**
 * A CRD that serves exactly one version (served + storage) with documentation stripped.
 * One version means `cdk8s import` generates one class per kind (with several it names them
 * `KindV1beta1`, … unpredictably, cdk8s#1962), and it is all a test API server needs.
 * Kept: names, scope, subresources (tests write `.status`), printer columns, selectable fields,
 * and every schema keyword other than documentation, so the result stays a structural schema.
 * Dropped: conversion (nothing to convert with one version), annotations, status.
 */
export function schemaOnlyCrd(crd: JsonObject, version: string): JsonObject {
  const spec = crd.spec as JsonObject;
  const source = (spec.versions as JsonObject[]).find((v) => v.name === version)!;
  const kept: JsonObject = { name: version, served: true, storage: true };
  if (source.deprecated !== undefined) kept.deprecated = source.deprecated;
  if (source.deprecationWarning !== undefined) kept.deprecationWarning = source.deprecationWarning;
  kept.schema = { openAPIV3Schema: stripDocumentation(versionSchema(crd, version)) };
  if (source.subresources !== undefined) kept.subresources = source.subresources;
  if (Array.isArray(source.additionalPrinterColumns)) {
    kept.additionalPrinterColumns = source.additionalPrinterColumns.map((c) => withoutKey(c as JsonObject, 'description'));
  }
  if (source.selectableFields !== undefined) kept.selectableFields = source.selectableFields;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: String((crd.metadata as JsonObject).name) },
    spec: { group: spec.group, names: spec.names, scope: spec.scope, versions: [kept] },
  };
}

function withoutKey(o: JsonObject, key: string): JsonObject {
  const { [key]: _drop, ...rest } = o;
  return rest;
}
