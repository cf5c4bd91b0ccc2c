import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { checkReleaseFacts, describeResource, Finding, Manifest, ManifestSource, RELEASE_FILE } from '../manifest';
import type { CelValidator } from './cel';
import { CompiledValidators } from './compiled-validators';
import { pointerToPath, valueAt } from './json-path';
import { describeDocument, documentTypeOf, embeddedDocuments } from './kfp-documents';
import { KindVersions } from './kind-versions';
import { hasStatus, newAjv, prepareSchemaFile } from './schema-compiler';
import { packageSchemasDir } from './schema-dir';
import { describeErrors } from './schema-errors';
import { IndexEntry, INDEX_FILE, isDocumentKey, OBJECT_META_FILE, SchemaIndex } from './schemagen/layout';
import { JsonObject } from './schemagen/stable-json';

export interface SchemaValidatorOptions {
  /** A schemas folder made by the `schemas` command. @default the schemas folder of the default preset (schemas/kubeflow-platform-2026-04/ of this package) */
  readonly dir?: string;
  /**
   * A folder of precompiled validators (made by scripts/compile-validators.mjs), or false to
   * compile every schema at run time. Used only for schema files whose bytes were compiled.
   * @default the build's, lib/policies/precompiled/ (none when running from source)
   */
  readonly precompiled?: string | false;
}

/**
 * Validates manifests against the schemas in a schemas folder (see `schemas/<release>/SOURCES.md`).
 * The index is read once; each kind's validator is made on first use and cached: loaded from
 * the build's precompiled validators when the schema is the one they were compiled from, else
 * compiled with ajv, because compiling is what costs (KServe's InferenceService: ~1 s).
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
  private readonly versions: KindVersions;
  private readonly precompiled?: CompiledValidators;
  private ajv?: Ajv;
  private readonly compiled = new Map<string, { validate: ValidateFunction; hasStatus: boolean }>();
  private objectMeta?: ValidateFunction | null;
  private readonly hasCel = new Map<string, boolean>();
  private cel?: CelValidator;
  private releaseName?: string | null;

  /** @param options a schemas folder, or options; @default the schemas folder of the default preset */
  constructor(options: SchemaValidatorOptions | string = {}) {
    const { dir, precompiled } = typeof options === 'string' ? { dir: options } : options;
    this.dir = path.resolve(dir ?? packageSchemasDir());
    const indexFile = path.join(this.dir, INDEX_FILE);
    if (!fs.existsSync(indexFile)) throw new SchemaFolderError(`${indexFile} not found: this is not a schemas folder; make one with \`cdk8s-kubeflow schemas --out <new folder> <CRDs or OpenAPI files>\``);
    this.index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as SchemaIndex;
    this.versions = new KindVersions(this.index);
    if (precompiled !== false) this.precompiled = CompiledValidators.open(precompiled);
  }

  /** The index entry for a kind, or undefined when this folder has no schema for it. */
  public entry(apiVersion: string, kind: string): IndexEntry | undefined {
    return this.index[`${apiVersion}/${kind}`];
  }

  /** Every `<apiVersion>/<Kind>` this folder has a schema for (not the documents, such as kfp's pipeline IR). */
  public kinds(): string[] {
    return Object.keys(this.index).filter((key) => !isDocumentKey(key));
  }

  public validateAll(sources: Iterable<ManifestSource>): Finding[] {
    const seen = new Set<string>();
    return [...sources].flatMap((s) => this.validate(s)).filter((f) => firstOfItsKind(f, seen));
  }

  public validate(source: ManifestSource): Finding[] {
    const object = source.object as unknown;
    const base = { file: source.file, line: source.line, construct: source.construct, resource: isRecord(object) ? resourceName(object) : '<not an object>' };
    const error = (jsonPath: string, message: string, fix?: string): Finding =>
      ({ severity: 'error', rule: 'schema', ...base, path: jsonPath, message, ...(fix ? { fix } : {}) });
    if (!isRecord(object)) return [error('.', `expected a Kubernetes object (a mapping with apiVersion, kind, metadata), got ${Array.isArray(object) ? 'a list' : typeof object}`)];

    // A document kfp writes (pipeline IR), checked against the schema derived from its proto.
    const document = documentTypeOf(object);
    if (document) return this.validateDocument(document, object, base);
    // JSON or YAML that is not a manifest at all (package.json, a CI workflow, cdk8s's
    // construct-metadata.json) in a folder that is searched: skipped, and said so.
    if (object.apiVersion === undefined && object.kind === undefined) {
      return [{
        severity: 'warning', rule: 'load/not-kubernetes', ...base, resource: '<no apiVersion or kind>', path: '.',
        message: 'not a Kubernetes object (neither apiVersion nor kind): not checked', fix: 'leave the file out of the paths validated, or give the object its apiVersion and kind',
      }];
    }
    const findings = identityErrors(object, error);
    if (!hasText(object.apiVersion) || !hasText(object.kind)) return findings;

    // The API server treats a null field as unset (CRDs prune it, built-ins decode it to the zero
    // value), e.g. `creationTimestamp: null` from kubectl; drop nulls so they are not type errors.
    // Of a kind without a schema only metadata is checked: the rest is not worth the copy (CRDs are large).
    const data = this.entry(object.apiVersion, object.kind) || !isRecord(object.metadata) ? withoutNulls(object) : { metadata: withoutNulls(object.metadata) };
    const check = (validate: ValidateFunction | null, value: unknown, at: string) => checked(validate, value, at, data, error);
    if (isRecord(data.metadata)) findings.push(...check(this.metadataValidator(), data.metadata, '/metadata'));

    const compiled = this.validatorOf(`${object.apiVersion}/${object.kind}`);
    if (!compiled) return [...findings, this.noSchema(object.apiVersion, object.kind, base)];
    // `.status` is written by controllers through the status subresource; the API server ignores
    // it in what is applied, so a stale or partial status (kubectl get -o yaml) is not an error.
    if (compiled.hasStatus) delete data.status;
    const schemaFindings = check(compiled.validate, data, '');
    // Documents a kind holds (a PipelineVersion's pipeline IR), which its own schema leaves open.
    for (const { pointer, type } of embeddedDocuments(object.apiVersion, object.kind)) {
      const value = valueAt(data, pointer);
      const embedded = value === undefined ? undefined : this.validatorOf(type);
      if (embedded) schemaFindings.push(...check(embedded.validate, value, pointer));
    }
    // CEL rules assume the types the schema declares: run them on objects the schema accepts.
    const entry = this.entry(object.apiVersion, object.kind)!;
    const cel = schemaFindings.length === 0 ? this.celFindings(entry.schema, data, base) : [];
    return [...findings, ...schemaFindings, ...cel];
  }

  /**
   * The schema's CEL rules (x-kubernetes-validations) on an object, as the API server runs them
   * on create. The CEL evaluator is loaded only for kinds whose schema has rules.
   */
  private celFindings(schemaFile: string, data: Record<string, unknown>, base: Pick<Finding, 'file' | 'line' | 'construct' | 'resource'>): Finding[] {
    let has = this.hasCel.get(schemaFile);
    if (has === undefined) this.hasCel.set(schemaFile, (has = this.readText(schemaFile).includes('"x-kubernetes-validations"')));
    if (!has) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.cel ??= new (require('./cel') as typeof import('./cel')).CelValidator((file) => this.readSchema(file));
    const { violations, unchecked } = this.cel.validate(schemaFile, data);
    return [
      ...violations.map((v): Finding => ({
        severity: 'error', rule: 'cel/violation', ...base, path: v.path, message: v.message,
        fix: v.evaluationError ? 'set the fields the rule reads' : `satisfy the schema's rule: ${v.rule}`,
      })),
      ...unchecked.map((u): Finding => ({
        severity: 'warning', rule: 'cel/not-checked', ...base, path: u.path, message: `not checked: the CEL rule \`${u.rule}\` ${u.why}`,
        fix: 'check it against a cluster (validate --server), which evaluates every rule',
      })),
    ];
  }

  /** ` of <release>` when the folder names its release (release.json), for messages; else empty. */
  private ofRelease(): string {
    if (this.releaseName === undefined) {
      try {
        this.releaseName = checkReleaseFacts(JSON.parse(fs.readFileSync(path.join(this.dir, RELEASE_FILE), 'utf8'))).name;
      } catch {
        this.releaseName = null;
      }
    }
    return this.releaseName ? ` of ${this.releaseName}` : '';
  }

  /**
   * Why an object has no schema: a group/kind the folder does not know is a warning (it cannot
   * be checked); a known group/kind at a version the folder does not have is an error, since
   * the schemas hold every version upstream serves and the API server rejects any other.
   */
  private noSchema(apiVersion: string, kind: string, base: { file?: string; resource: string }): Finding {
    const known = this.versions.of(apiVersion, kind);
    if (known) {
      const [preferred, ...others] = known;
      const also = others.length > 0 ? ` (and ${others.map((v) => v.slice(v.indexOf('/') + 1)).join(', ')})` : '';
      return {
        severity: 'error', rule: 'schema/unknown-version', ...base, path: '.apiVersion',
        message: `${apiVersion} ${kind}: no such version; the schemas${this.ofRelease()} have ${preferred}${also}`,
        fix: `set apiVersion: ${preferred}; if your cluster serves ${apiVersion} ${kind}, validate against schemas generated from its CRD: cdk8s-kubeflow schemas --out <dir> <CRD YAML> (then --release <dir>)`,
      };
    }
    // A near miss of a kind of a group we know is a mistake the API server rejects; a kind of a
    // group we do not know may be any operator's CRD: it only cannot be checked.
    const near = this.versions.nearest(apiVersion, kind);
    const meant = near && `did you mean apiVersion: ${near.apiVersion}, kind: ${near.kind}?`;
    if (near && this.versions.hasGroup(apiVersion)) {
      return {
        severity: 'error', rule: 'schema/unknown-kind', ...base, path: near.kind === kind ? '.apiVersion' : '.kind',
        message: `${apiVersion} has no kind ${kind}`,
        fix: meant!,
      };
    }
    return {
      severity: 'warning', rule: 'schema/unknown-kind', ...base, path: '.',
      message: `not validated: no schema for ${apiVersion}/${kind}${this.ofRelease() ? ` in the schemas${this.ofRelease()}` : ''}`,
      fix: `${meant ? `${meant} Otherwise ` : ''}generate schemas that include it: cdk8s-kubeflow schemas --out <dir> <its CRD YAML or OpenAPI JSON> (then validate with --release <dir>)`,
    };
  }

  /**
   * A document kfp writes, against the schema of its protobuf message; the object is named
   * after the pipeline. Without that schema (a folder made without pipeline_spec.proto) it is
   * not validated, a warning.
   */
  private validateDocument(type: string, object: Record<string, unknown>, base: Pick<Finding, 'file' | 'line' | 'construct'>): Finding[] {
    const at = { ...base, resource: describeDocument(object, type) };
    const compiled = this.validatorOf(type);
    if (!compiled) {
      return [{
        severity: 'warning', rule: 'schema/unknown-kind', ...at, path: '.', message: `not validated: the schemas have no ${type} (kfp's pipeline IR)`,
        fix: 'generate schemas with kfp\'s pipeline_spec.proto among the inputs: cdk8s-kubeflow schemas --out <dir> … <folder of pipeline_spec.proto> (then validate with --release <dir>)',
      }];
    }
    const data = withoutNulls(object);
    return checked(compiled.validate, data, '', data, (path, message, fix) => ({ severity: 'error', rule: 'schema', ...at, path, message, ...(fix ? { fix } : {}) }));
  }

  /** The validator of an index key: `<apiVersion>/<Kind>`, or a document's message. */
  private validatorOf(key: string): { validate: ValidateFunction; hasStatus: boolean } | undefined {
    const entry = this.index[key];
    if (!entry) return undefined;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = this.precompiled?.get(entry.schema, path.join(this.dir, entry.schema));
      if (!compiled) {
        const schema = this.readSchema(entry.schema);
        compiled = { validate: this.compile(entry.schema, schema), hasStatus: hasStatus(schema) };
      }
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  /** ObjectMeta from the Kubernetes API documents; null when the folder has none (then only the name is checked). */
  private metadataValidator(): ValidateFunction | null {
    if (this.objectMeta === undefined) {
      const file = path.join(this.dir, OBJECT_META_FILE);
      this.objectMeta = !fs.existsSync(file) ? null : this.precompiled?.get(OBJECT_META_FILE, file)?.validate ?? this.compile(OBJECT_META_FILE, this.readSchema(OBJECT_META_FILE));
    }
    return this.objectMeta;
  }

  private compile(relative: string, schema: JsonObject): ValidateFunction {
    try {
      this.ajv ??= newAjv();
      return this.ajv.compile(prepareSchemaFile(relative, schema));
    } catch (e) {
      throw new SchemaFolderError(`${path.join(this.dir, relative)}: not a valid schema: ${(e as Error).message}`);
    }
  }

  private readSchema(relative: string): JsonObject {
    try {
      return JSON.parse(this.readText(relative)) as JsonObject;
    } catch (e) {
      throw e instanceof SchemaFolderError ? e : new SchemaFolderError(`${path.join(this.dir, relative)}: ${(e as Error).message}`);
    }
  }

  private readText(relative: string): string {
    const file = path.join(this.dir, relative);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new SchemaFolderError(`${file}: ${(e as Error).message}`);
    }
  }
}

/**
 * False for a repeat of a `cel/not-checked` finding: a rule that cannot be evaluated is reported
 * once per kind, not once per object. `seen` holds what was reported.
 */
export function firstOfItsKind(f: Finding, seen: Set<string>): boolean {
  if (f.rule !== 'cel/not-checked') return true;
  const key = `${f.resource.split(' ', 2).join(' ')} ${f.path.replace(/\[\d+\]/g, '[]')} ${f.message}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}

/** Findings for `value`, which sits at JSON pointer `at` inside `data` (the whole object, for the JSON paths). */
function checked(validate: ValidateFunction | null, value: unknown, at: string, data: unknown, error: (path: string, message: string, fix?: string) => Finding): Finding[] {
  if (!validate || validate(value)) return [];
  return describeErrors(validate.errors ?? [], value).map((i) => error(pointerToPath(at + i.pointer, data), i.message, i.fix));
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

/** A copy of `value` without null fields (only the root is copied when there are none: the common case, and cheaper). */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  if (!hasNull(value)) return { ...value };
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!isRecord(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = strip(x);
    return out;
  };
  return strip(value) as Record<string, unknown>;
}

function hasNull(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasNull);
  for (const k in v) if (hasNull((v as Record<string, unknown>)[k])) return true;
  return false;
}
