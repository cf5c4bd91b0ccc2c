import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { JsonObject } from '../policies/schemagen/stable-json';
import { CORE_EXPORTS, generate, HEADER, KINDS, moduleOf, OUT_DIR, SCHEMAS_DIR } from './wire-types';

const META = { type: 'object', properties: { name: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } };

/** Generates from in-memory schemas: kind `example.com/v1/<Kind>` per entry of `kinds`; `extra` adds files. */
function run(kinds: Record<string, JsonObject>, extra: Record<string, JsonObject> = {}) {
  const files: Record<string, JsonObject> = { 'json/meta/v1/ObjectMeta.json': META, ...extra, 'index.json': {} };
  for (const [kind, schema] of Object.entries(kinds)) {
    files['index.json'][`example.com/v1/${kind}`] = { schema: `json/example.com/v1/${kind}.json` };
    files[`json/example.com/v1/${kind}.json`] = schema;
  }
  const read = (file: string) => {
    if (!(file in files)) throw new Error(`no ${file}`);
    return files[file];
  };
  return generate({ kinds: Object.keys(kinds).map((k) => `example.com/v1/${k}`), read, coreExports: {} });
}

/** The example.com module generated for one kind `Thing` with `spec: <spec>`. */
function moduleFor(spec: JsonObject, extra: { definitions?: JsonObject; files?: Record<string, JsonObject> } = {}): string {
  const schema: JsonObject = { type: 'object', properties: { spec }, ...(extra.definitions && { definitions: extra.definitions }) };
  return run({ Thing: schema }, extra.files).files.get('example-com.ts')!;
}

/** The body of an object type `<name>`, or the right side of another `type <name> =`, on one line. */
function decl(text: string, name: string): string {
  const object = new RegExp(`^export type ${name} = \\{\\n([\\s\\S]*?)\\n\\};`, 'm').exec(text);
  if (object) return object[1].split('\n').map((l) => l.trim()).join(' ');
  const alias = new RegExp(`^export type ${name} = (.*);$`, 'm').exec(text);
  if (alias) return alias[1];
  throw new Error(`no declaration of ${name} in:\n${text}`);
}

const obj = (properties: JsonObject, required?: string[]): JsonObject => ({ type: 'object', properties, ...(required && { required }) });

describe('schema → TypeScript', () => {
  test('a kind: literal apiVersion and kind, the shared ObjectMeta from core, root required fields kept', () => {
    const root = obj({ apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: obj({ a: { type: 'string' } }) }, ['spec']);
    const { files } = run({ Thing: root });
    const text = files.get('example-com.ts')!;
    expect(text.startsWith(`${HEADER}\n\nimport type { ObjectMeta } from './core';\n`)).toBe(true);
    expect(decl(text, 'Thing')).toBe("apiVersion: 'example.com/v1'; kind: 'Thing'; metadata?: ObjectMeta; spec: ThingSpec;");
    expect(decl(files.get('core.ts')!, 'ObjectMeta')).toBe('labels?: { [key: string]: string }; name?: string;');
    expect(files.get('index.ts')).toBe(`${HEADER}\n\nexport * as core from './core';\nexport * as exampleCom from './example-com';\n`);
  });

  test('required properties are plain, the others optional; primitives', () => {
    const text = moduleFor(obj({
      s: { type: 'string' }, i: { type: 'integer', format: 'int32' }, n: { type: 'number' }, b: { type: 'boolean' },
    }, ['s', 'b']));
    expect(decl(text, 'ThingSpec')).toBe('b: boolean; i?: number; n?: number; s: string;');
  });

  test('enums become unions of literals; const a literal', () => {
    const text = moduleFor(obj({ e: { type: 'string', enum: ['b', 'a', "it's"] }, n: { type: 'integer', enum: [1, 2] }, c: { const: 'only' } }));
    expect(decl(text, 'ThingSpec')).toBe("c?: 'only'; e?: 'a' | 'b' | 'it\\'s'; n?: 1 | 2;");
  });

  test('int-or-string, with or without its anyOf, is number | string', () => {
    const text = moduleFor(obj({
      a: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true, pattern: '^x' },
      b: { 'x-kubernetes-int-or-string': true },
      list: { type: 'array', items: { 'x-kubernetes-int-or-string': true } },
    }));
    expect(decl(text, 'ThingSpec')).toBe('a?: number | string; b?: number | string; list?: (number | string)[];');
  });

  test('anyOf/oneOf without a type of their own are the type; beside one, only constraints', () => {
    const text = moduleFor(obj({
      q: { oneOf: [{ type: 'string', pattern: '^[0-9]+$' }, { type: 'number' }] },
      constrained: { ...obj({ x: { type: 'string' }, y: { type: 'string' } }), anyOf: [{ required: ['x'] }, { required: ['y'] }] },
      loose: { anyOf: [{ type: 'string' }, { required: ['x'] }] },
    }));
    expect(decl(text, 'ThingSpec')).toBe('constrained?: Constrained; loose?: unknown; q?: number | string;');
    expect(decl(text, 'Constrained')).toBe('x?: string; y?: string;');
  });

  test('additionalProperties: a map, also beside properties (whose types the signature must admit)', () => {
    const text = moduleFor(obj({
      map: { type: 'object', additionalProperties: { type: 'integer' } },
      both: { type: 'object', properties: { kind: { type: 'string' } }, additionalProperties: { type: 'integer' } },
      anything: { type: 'object', additionalProperties: true },
      closed: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
    }));
    expect(decl(text, 'ThingSpec')).toBe('anything?: { [key: string]: unknown }; both?: Both; closed?: Closed; map?: { [key: string]: number };');
    expect(decl(text, 'Both')).toBe('kind?: string; [key: string]: number | string | undefined;');
    expect(decl(text, 'Closed')).toBe('a?: string;');
  });

  test('x-kubernetes-preserve-unknown-fields: any object, or any value without a type', () => {
    const text = moduleFor(obj({
      obj: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      any: { 'x-kubernetes-preserve-unknown-fields': true },
      partly: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { url: { type: 'string' } } },
      bare: { type: 'object' },
    }));
    expect(decl(text, 'ThingSpec')).toBe('any?: unknown; bare?: { [key: string]: unknown }; obj?: { [key: string]: unknown }; partly?: Partly;');
    expect(decl(text, 'Partly')).toBe('url?: string; [key: string]: unknown;');
  });

  test('arrays, nullable, the false schema', () => {
    const text = moduleFor(obj({
      tags: { type: 'array', items: { type: 'string' } },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
      maybe: { type: 'string', nullable: true },
      entries: { type: 'array', items: obj({ id: { type: 'string' } }, ['id']) },
      nothing: false,
    }));
    expect(decl(text, 'ThingSpec')).toBe('entries?: Entry[]; matrix?: number[][]; maybe?: null | string; nothing?: never; tags?: string[];');
    expect(decl(text, 'Entry')).toBe('id: string;');
  });

  test('property names that are not identifiers are quoted', () => {
    const text = moduleFor(obj({
      'x-foo': { type: 'string' }, 'a.b/c': { type: 'string' }, "it's": { type: 'string' }, _ok$: { type: 'string' },
    }, ['x-foo']));
    expect(decl(text, 'ThingSpec')).toBe("_ok$?: string; 'a.b/c'?: string; 'it\\'s'?: string; 'x-foo': string;");
  });

  test('$ref: a named type even for a primitive; the allOf wrapper; one declaration however often used', () => {
    const definitions = {
      'io.k8s.api.core.v1.Probe': obj({ port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' } }),
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    };
    const text = moduleFor(obj({
      liveness: { allOf: [{ $ref: '#/definitions/io.k8s.api.core.v1.Probe' }], default: {} },
      readiness: { $ref: '#/definitions/io.k8s.api.core.v1.Probe' },
    }), { definitions });
    expect(decl(text, 'ThingSpec')).toBe('liveness?: Probe; readiness?: Probe;');
    expect(decl(text, 'Probe')).toBe('port?: IntOrString;');
    expect(decl(text, 'IntOrString')).toBe('number | string');
    expect(text.match(/type Probe = /g)).toHaveLength(1);
  });

  test('allOf of several parts is an intersection; a list of types a union', () => {
    const definitions = { 'v1.Named': obj({ name: { type: 'string' } }, ['name']), 'v1.Sized': obj({ size: { type: 'integer' } }) };
    const text = moduleFor(obj({
      both: { allOf: [{ $ref: '#/definitions/v1.Named' }, { $ref: '#/definitions/v1.Sized' }, { required: ['size'] }] },
      either: { type: ['string', 'null'] },
    }), { definitions });
    expect(decl(text, 'ThingSpec')).toBe('both?: Named & Sized; either?: null | string;');
  });

  test('$ref into another file, relative to the referring one', () => {
    const files = { 'json/example.com/v1/shared.json': { definitions: { 'v1.Endpoint': obj({ url: { type: 'string' } }, ['url']) } } };
    const text = moduleFor(obj({ endpoint: { $ref: 'shared.json#/definitions/v1.Endpoint' } }), { files });
    expect(decl(text, 'Endpoint')).toBe('url: string;');
  });

  test('identical inline objects are one type, across kinds; a name two shapes want goes to neither', () => {
    const { files } = run({
      Alpha: obj({ spec: obj({ server: obj({ port: { type: 'integer' } }), client: obj({ port: { type: 'integer' } }) }) }),
      Beta: obj({ spec: obj({ server: obj({ port: { type: 'integer' } }), cache: obj({ port: { type: 'integer' } }) }) }),
      Gamma: obj({ spec: obj({ server: obj({ port: { type: 'string' } }) }) }),
    });
    const text = files.get('example-com.ts')!;
    expect(text.match(/port\?: number;/g)).toHaveLength(1);
    // Named after its best use: the earliest kind, then the shorter, alphabetically smaller path.
    expect(decl(text, 'AlphaSpec')).toBe('client?: Client; server?: Client;');
    expect(decl(text, 'BetaSpec')).toBe('cache?: Client; server?: Client;');
    expect(decl(text, 'Client')).toBe('port?: number;');
    expect(decl(text, 'GammaSpec')).toBe('server?: Server;');
    const { files: contested } = run({
      Alpha: obj({ spec: obj({ server: obj({ port: { type: 'integer' } }) }) }),
      Gamma: obj({ spec: obj({ server: obj({ port: { type: 'string' } }) }) }),
    });
    expect(decl(contested.get('example-com.ts')!, 'AlphaSpec')).toBe('server?: AlphaServer;');
    expect(decl(contested.get('example-com.ts')!, 'GammaSpec')).toBe('server?: GammaServer;');
  });

  test('definitions of equal shape but different names stay two types', () => {
    const pair = obj({ name: { type: 'string' }, value: { type: 'string' } });
    const text = moduleFor(obj({
      header: { $ref: '#/definitions/io.k8s.api.core.v1.HTTPHeader' },
      sysctl: { $ref: '#/definitions/io.k8s.api.core.v1.Sysctl' },
    }), { definitions: { 'io.k8s.api.core.v1.HTTPHeader': pair, 'io.k8s.api.core.v1.Sysctl': pair } });
    expect(decl(text, 'ThingSpec')).toBe('header?: HTTPHeader; sysctl?: Sysctl;');
  });

  test('kinds sharing a status get one declaration and a <Kind>Status alias each', () => {
    const status = obj({ phase: { type: 'string', enum: ['Running', 'Done'] } });
    const { files } = run({ Train: obj({ status }), Tune: obj({ status }) });
    const text = files.get('example-com.ts')!;
    expect(decl(text, 'TrainStatus')).toBe("phase?: 'Done' | 'Running';");
    expect(decl(text, 'TuneStatus')).toBe('TrainStatus');
    expect(decl(text, 'Tune')).toContain('status?: TrainStatus;');
  });

  test('a recursive $ref is typed unknown, with a warning', () => {
    const definitions = { 'v1.Node': obj({ children: { type: 'array', items: { $ref: '#/definitions/v1.Node' } } }) };
    const { files, warnings } = run({ Tree: { ...obj({ spec: obj({ root: { $ref: '#/definitions/v1.Node' } }) }), definitions } });
    expect(decl(files.get('example-com.ts')!, 'Node')).toBe('children?: unknown[];');
    expect(warnings).toEqual(['recursive $ref json/example.com/v1/Tree.json#/definitions/v1.Node is typed unknown']);
  });

  test('is deterministic and sorted', () => {
    const spec = obj({ b: { type: 'string' }, a: obj({ z: { type: 'string' }, y: { type: 'string' } }) });
    const one = moduleFor(spec);
    expect(moduleFor(spec)).toBe(one);
    expect(decl(one, 'ThingSpec')).toBe('a?: A; b?: string;');
    expect(decl(one, 'A')).toBe('y?: string; z?: string;');
  });

  test('modules: Kubernetes groups share core, the others are named after their group', () => {
    expect(['v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'kubeflow.org/v1', 'serving.kserve.io/v1beta1'].map(moduleOf))
      .toEqual(['core', 'core', 'core', 'kubeflow-org', 'serving-kserve-io']);
  });
});

describe('constructs/wire/', () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as JsonObject;
  const { files, warnings } = generate({ kinds: KINDS, read });

  test('is up to date with scripts/wire-types.ts and schemas/ (if not: npm run wire-types)', () => {
    expect(fs.readdirSync(OUT_DIR).sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect({ name, text: fs.readFileSync(path.join(OUT_DIR, name), 'utf8') }).toEqual({ name, text });
    expect(warnings).toEqual([]);
  });

  test('every module starts with the generated-file header; core has the types renderers return', () => {
    for (const [name, text] of files) if (name.endsWith('.ts')) expect(text.startsWith(`${HEADER}\n`)).toBe(true);
    const core = files.get('core.ts')!;
    for (const name of Object.keys(CORE_EXPORTS)) expect(core).toMatch(new RegExp(`^export type ${name} = \\{`, 'm'));
  });

  test('type-checks with the project settings, and rejects what it must (scripts/wire-types.typecheck.ts)', () => {
    const fixture = path.join(__dirname, 'wire-types.typecheck.ts');
    expect(fs.readFileSync(fixture, 'utf8').match(/@ts-expect-error/g)!.length).toBeGreaterThanOrEqual(10);
    const config = ts.getParsedCommandLineOfConfigFile(path.join(__dirname, '..', 'tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
    })!;
    const options = { ...config.options, noEmit: true, incremental: false, tsBuildInfoFile: undefined, types: [] };
    const program = ts.createProgram([fixture, path.join(OUT_DIR, 'index.ts')], options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(process.cwd(), d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
    expect(diagnostics).toEqual([]);
  });
});
