import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describeResource, Finding, Manifest, ManifestSource } from '../manifest';
import { pointerToPath } from './json-path';
import { packageSchemasDir } from './schema-dir';
import { describeErrors } from './schema-errors';
import { IndexEntry, INDEX_FILE, OBJECT_META_FILE, SchemaIndex } from './schemagen/layout';
import { JsonObject } from './schemagen/stable-json';
import { prepareSchema } from './strict-schema';

export interface SchemaValidatorOptions {
  /** A schemas folder made by the `schemas` command. @default the schemas/ folder of this package */
  readonly dir?: string;
}

/**
 * Validates manifests against the schemas in a schemas folder (see `schemas/SOURCES.md`).
 * The index is read once; each kind's schema is compiled with ajv on first use and cached,
 * because compiling is what costs (KServe's InferenceService: ~1 s), validating is cheap.
 */
export class SchemaValidator {
  private static readonly shared = new Map<string, SchemaValidator>();

  /** One validator per folder for the whole process, so compiled schemas are shared by every caller. */
  public static for(dir?: string): SchemaValidator {
    const key = path.resolve(dir ?? packageSchemasDir());
    let v = SchemaValidator.shared.get(key);
    if (!v) SchemaValidator.shared.set(key, (v = new SchemaValidator({ dir: key })));
    return v;
  }

  public readonly dir: string;
  private readonly index: SchemaIndex;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, { validate: ValidateFunction; hasStatus: boolean }>();
  private objectMeta?: ValidateFunction | null;

  /** @param options a schemas folder, or options; @default the schemas/ folder of this package */
  constructor(options: SchemaValidatorOptions | string = {}) {
    const dir = typeof options === 'string' ? options : options.dir;
    this.dir = path.resolve(dir ?? packageSchemasDir());
    const indexFile = path.join(this.dir, INDEX_FILE);
    if (!fs.existsSync(indexFile)) throw new Error(`${indexFile} not found: this is not a schemas folder; make one with \`cdk8s-kubeflow schemas --out <new folder> <CRDs or OpenAPI files>\``);
    this.index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as SchemaIndex;
    // strict: false because upstream schemas use keywords ajv does not know (x-kubernetes-*);
    // verbose: errors carry their schema, which the messages need (known fields, enum values).
    // inlineRefs: false compiles each definition once instead of at every use.
    this.ajv = new Ajv({ allErrors: true, strict: false, verbose: true, inlineRefs: false, validateSchema: false });
    addFormats(this.ajv);
  }

  /** The index entry for a kind, or undefined when this folder has no schema for it. */
  public entry(apiVersion: string, kind: string): IndexEntry | undefined {
    return this.index[`${apiVersion}/${kind}`];
  }

  /** Every `<apiVersion>/<Kind>` this folder has a schema for. */
  public kinds(): string[] {
    return Object.keys(this.index);
  }

  public validateAll(sources: Iterable<ManifestSource>): Finding[] {
    return [...sources].flatMap((s) => this.validate(s));
  }

  public validate(source: ManifestSource): Finding[] {
    const object = source.object as unknown;
    const base = { file: source.file, resource: isRecord(object) ? resourceName(object) : '<not an object>' };
    const error = (jsonPath: string, message: string, fix?: string): Finding =>
      ({ severity: 'error', rule: 'schema', ...base, path: jsonPath, message, ...(fix ? { fix } : {}) });
    if (!isRecord(object)) return [error('.', `expected a Kubernetes object (a mapping with apiVersion, kind, metadata), got ${Array.isArray(object) ? 'a list' : typeof object}`)];

    const findings = identityErrors(object, error);
    if (!hasText(object.apiVersion) || !hasText(object.kind)) return findings;

    // The API server treats a null field as unset (CRDs prune it, built-ins decode it to the zero
    // value), e.g. `creationTimestamp: null` from kubectl; drop nulls so they are not type errors.
    const data = withoutNulls(object);
    /** Findings for `value`, which sits at JSON pointer `at` inside the object. */
    const check = (validate: ValidateFunction | null, value: unknown, at: string): Finding[] => {
      if (!validate || validate(value)) return [];
      return describeErrors(validate.errors ?? [], value).map((i) => error(pointerToPath(at + i.pointer, data), i.message, i.fix));
    };
    if (isRecord(data.metadata)) findings.push(...check(this.metadataValidator(), data.metadata, '/metadata'));

    const compiled = this.kindValidator(object.apiVersion, object.kind);
    if (!compiled) {
      return [...findings, {
        severity: 'warning', rule: 'schema/unknown-kind', ...base, path: '.',
        message: `not validated: no schema for ${object.apiVersion}/${object.kind}`,
        fix: 'generate schemas that include it: cdk8s-kubeflow schemas --out <dir> <its CRD YAML or OpenAPI JSON> (then validate with --schemas <dir>)',
      }];
    }
    // `.status` is written by controllers through the status subresource; the API server ignores
    // it in what is applied, so a stale or partial status (kubectl get -o yaml) is not an error.
    if (compiled.hasStatus) delete data.status;
    return [...findings, ...check(compiled.validate, data, '')];
  }

  private kindValidator(apiVersion: string, kind: string): { validate: ValidateFunction; hasStatus: boolean } | undefined {
    const key = `${apiVersion}/${kind}`;
    const entry = this.index[key];
    if (!entry) return undefined;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const schema = this.readSchema(entry.schema);
      const properties = schema.properties as JsonObject | undefined;
      compiled = { validate: this.compile(entry.schema, prepareSchema(schema, { replaceRootMetadata: true })), hasStatus: !!properties && 'status' in properties };
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  /** ObjectMeta from the Kubernetes API documents; null when the folder has none (then only the name is checked). */
  private metadataValidator(): ValidateFunction | null {
    if (this.objectMeta === undefined) {
      const file = path.join(this.dir, OBJECT_META_FILE);
      this.objectMeta = fs.existsSync(file) ? this.compile(OBJECT_META_FILE, prepareSchema(this.readSchema(OBJECT_META_FILE))) : null;
    }
    return this.objectMeta;
  }

  private compile(relative: string, schema: JsonObject): ValidateFunction {
    try {
      return this.ajv.compile(schema);
    } catch (e) {
      throw new SchemaFolderError(`${path.join(this.dir, relative)}: not a valid schema: ${(e as Error).message}`);
    }
  }

  private readSchema(relative: string): JsonObject {
    const file = path.join(this.dir, relative);
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonObject;
    } catch (e) {
      throw new SchemaFolderError(`${file}: ${(e as Error).message}`);
    }
  }
}

/** A file of the schemas folder is missing or broken: the folder must be regenerated. */
export class SchemaFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaFolderError';
  }
}

/** apiVersion, kind and metadata.name: without them nothing can be applied or even looked up. */
function identityErrors(object: Record<string, unknown>, error: (path: string, message: string, fix?: string) => Finding): Finding[] {
  const findings: Finding[] = [];
  const require = (field: string, value: unknown, ok: boolean, want: string) => {
    if (ok) return;
    const absent = value === undefined || value === null || value === '';
    findings.push(error(`.${field}`, absent ? `missing required field "${field}"` : `must be ${want}, got ${describeValue(value)}`));
  };
  require('apiVersion', object.apiVersion, hasText(object.apiVersion), 'a string such as "v1" or "kubeflow.org/v1"');
  require('kind', object.kind, hasText(object.kind), 'a string such as "Notebook"');
  require('metadata', object.metadata, isRecord(object.metadata), 'a mapping with name (and namespace)');
  if (isRecord(object.metadata) && !hasText(object.metadata.name)) {
    findings.push(error('.metadata.name', 'missing required field "name"', 'set metadata.name: objects applied from git need a fixed name'));
  }
  return findings;
}

function describeValue(v: unknown): string {
  return Array.isArray(v) ? 'a list' : typeof v === 'object' && v !== null ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

function hasText(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** `describeResource`, tolerating the missing apiVersion/kind that this validator reports. */
function resourceName(o: Record<string, unknown>): string {
  const str = (v: unknown, missing: string) => (hasText(v) ? v : missing);
  return describeResource({ ...o, apiVersion: str(o.apiVersion, '<no apiVersion>'), kind: str(o.kind, '<no kind>') } as Manifest);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = strip(x);
    return out;
  };
  return strip(value) as Record<string, unknown>;
}
