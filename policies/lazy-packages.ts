/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */
import type AjvClass from 'ajv';
import type * as AjvFormats from 'ajv-formats';
import type * as Yaml from 'yaml';

// Packages that a command needs only sometimes, loaded on first use rather than at import:
// `validate` of ordinary files needs neither (the fast YAML reader and the precompiled
// validators cover them), and each costs tens of milliseconds of start-up.

/** The `yaml` package: for documents the fast reader leaves to it, and for error positions. */
export function yamlPackage(): typeof Yaml {
  return require('yaml');
}

/** ajv with its formats: to compile schemas at run time (a schema no precompiled validator was made from, e.g. of a `--release` folder). */
export function ajvPackage(): { Ajv: typeof AjvClass; addFormats: typeof AjvFormats.default } {
  return { Ajv: (require('ajv') as { default: typeof AjvClass }).default, addFormats: (require('ajv-formats') as typeof AjvFormats).default };
}
