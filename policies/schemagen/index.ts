/** Derives `schemas/` (compact JSON schemas, schema-only CRDs, index, SOURCES) from upstream API definitions. */
export { generateSchemas } from './generate';
export type { GenerateOptions, GenerateResult, InputDocument } from './generate';
export { INPUT_FILE, parseInputText } from './parse-input';
export { parseSourceOption, sourceNameFor, normalizeSources } from './sources';
export type { Source, Sources } from './sources';
export type { DocumentFact, KindFact } from './sources-md';
export * from './layout';
