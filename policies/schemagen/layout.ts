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

export function crdFile(crdName: string): string {
  return `crds/${crdName}.yaml`;
}

/** One entry of `index.json`, keyed by `<apiVersion>/<Kind>`. */
export interface IndexEntry {
  readonly schema: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly plural: string | null;
  readonly crd: string | null;
  readonly source: string;
}

export type SchemaIndex = Record<string, IndexEntry>;
