/** Schema validation and loading of plain Kubernetes manifests; usable on any YAML, not only ours. */
export { SchemaValidator } from './schema-validator';
export type { SchemaValidatorOptions } from './schema-validator';
export { loadManifests, parseManifests, listManifestFiles } from './load';
export type { LoadResult } from './load';
export { packageSchemasDir, presetSchemasDir, ReleaseError, resolveRelease } from './schema-dir';
export type { ResolvedRelease } from './schema-dir';
export type { IndexEntry, SchemaIndex } from './schemagen/layout';
export * as schemagen from './schemagen';
