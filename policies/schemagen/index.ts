/** Derives `schemas/` (compact JSON schemas, schema-only CRDs, index, SOURCES) from upstream API definitions. */
export { generateSchemas } from './generate';
export type { GenerateOptions, GenerateResult, InputDocument } from './generate';
export { parseInputText } from './parse-input';
export { parseSourceOption, sourceNameFor, normalizeSources } from './sources';
export type { Source, Sources } from './sources';
export * from './layout';
