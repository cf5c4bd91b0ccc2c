import type Ajv from 'ajv';
import { ajvPackage } from './lazy-packages';
import { isCrdSchema } from './schemagen/crd';
import { OBJECT_META_FILE } from './schemagen/layout';
import { JsonObject } from './schemagen/stable-json';
import { prepareSchema } from './strict-schema';

/**
 * One ajv configuration for both ways a schema is compiled, so that a precompiled validator
 * (the build's standalone code) and one compiled at run time report the same errors.
 * strict: false because upstream schemas use keywords ajv does not know (x-kubernetes-*);
 * verbose: errors carry their schema, which the messages need (known fields, enum values);
 * inlineRefs: false compiles each definition once instead of at every use.
 */
export function newAjv(options: { standalone?: boolean } = {}): Ajv {
  const { Ajv: AjvClass, addFormats } = ajvPackage();
  const ajv = new AjvClass({
    allErrors: true, strict: false, verbose: true, inlineRefs: false, validateSchema: false,
    ...(options.standalone ? { code: { source: true } } : {}),
  });
  addFormats(ajv);
  return ajv;
}

/**
 * A schema file as validation uses it: strict (see prepareSchema; a CRD's empty objects closed
 * too), and a kind's `metadata` left to ObjectMeta, which is checked apart.
 */
export function prepareSchemaFile(relative: string, schema: JsonObject): JsonObject {
  return relative === OBJECT_META_FILE ? prepareSchema(schema) : prepareSchema(schema, { replaceRootMetadata: true, crd: isCrdSchema(schema) });
}

/** Whether a kind's schema has a `.status` (controllers write it; validation ignores it). */
export function hasStatus(schema: JsonObject): boolean {
  const properties = schema.properties as JsonObject | undefined;
  return !!properties && typeof properties === 'object' && 'status' in properties;
}
