/** Where each generated fact lives inside the schemas folder (all paths relative to it). */

export const INDEX_FILE = 'index.json';
export const SOURCES_FILE = 'sources.json';
export const SOURCES_MD = 'SOURCES.md';
/** ObjectMeta is not a kind, so it is not in the index; validators find it at this fixed path. */
export const OBJECT_META_FILE = 'json/meta/v1/ObjectMeta.json';

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function jsonSchemaFile(group: string, version: string, kind: string): string {
  return `json/${group || 'core'}/${version}/${kind}.json`;
}

/** The schema of a document that is not a Kubernetes object, by its protobuf message: `json/ml_pipelines/PipelineSpec.json`. */
export function documentSchemaFile(message: string): string {
  const dot = message.lastIndexOf('.');
  return `json/${message.slice(0, dot)}/${message.slice(dot + 1)}.json`;
}

export function crdFile(crdName: string): string {
  return `crds/${crdName}.yaml`;
}

/**
 * One entry of `index.json`: a Kubernetes kind, keyed by `<apiVersion>/<Kind>`, or a document
 * that is not a Kubernetes object (kfp's pipeline IR), keyed by the full name of its protobuf
 * message (`ml_pipelines.PipelineSpec`, no `/`), with scope, plural and crd null.
 */
export interface IndexEntry {
  readonly schema: string;
  readonly scope: 'Namespaced' | 'Cluster' | null;
  readonly plural: string | null;
  readonly crd: string | null;
  readonly source: string;
}

export type SchemaIndex = Record<string, IndexEntry>;

/** Whether an index key names a document (a protobuf message) rather than a Kubernetes kind. */
export function isDocumentKey(key: string): boolean {
  return !key.includes('/');
}
