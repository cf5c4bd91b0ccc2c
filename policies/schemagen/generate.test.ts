import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { Manifest } from '../../manifest';
import { coreOpenApi, istioLikeCrd, katibLikeOpenApi, opaqueCrd, widgetCrd } from '../../test/schemagen-fixtures';
import { SchemaValidator } from '../schema-validator';
import { isCrdSchema } from './crd';
import { generateSchemas, GenerateResult, InputDocument } from './generate';
import { parseInputText } from './parse-input';

/** The inputs as the CLI would read them: a multi-document CRD file, `kubectl get crd -o yaml` output, two OpenAPI files. */
function inputs(): InputDocument[] {
  const crdFile = `---\n${YAML.stringify(widgetCrd())}---\n# an empty document\n`;
  const listFile = YAML.stringify({ apiVersion: 'v1', kind: 'List', items: [opaqueCrd()] });
  return [
    ...parseInputText(crdFile, 'crds/widgets.yaml').map((value) => ({ file: 'crds/widgets.yaml', source: 'widgets', value })),
    ...parseInputText(listFile, 'cluster.yaml').map((value) => ({ file: 'cluster.yaml', source: 'cluster', value })),
    { file: 'openapi/api__v1_openapi.json', source: 'kubernetes', value: coreOpenApi() },
    { file: 'katib/swagger.json', source: 'katib', value: katibLikeOpenApi() },
  ];
}

const sources = { kubernetes: { repo: 'kubernetes/kubernetes', ref: 'release-1.35', paths: ['openapi'] }, katib: { repo: 'kubeflow/katib', ref: 'v0.19.0', commit: '578e60f1ce83dbb5e7151026a3bdc4de233947fc' } };

describe('generateSchemas', () => {
  const result = generateSchemas(inputs(), { sources, command: 'cdk8s-kubeflow schemas --out schemas crds openapi' });
  const json = (f: string) => JSON.parse(result.files.get(f)!);

  test('indexes every kind by apiVersion/Kind, sorted', () => {
    expect(Object.keys(result.index)).toEqual([
      'autoscaling/v1/Scale', 'example.org/v1/Widget', 'example.org/v1beta1/Experiment', 'example.org/v1beta1/Widget', 'v1/ConfigMap', 'v1/Namespace',
    ]);
    expect(result.index['example.org/v1/Widget']).toEqual({ schema: 'json/example.org/v1/Widget.json', scope: 'Namespaced', plural: 'widgets', crd: 'crds/widgets.example.org.yaml', source: 'widgets' });
    expect(result.index['v1/ConfigMap']).toEqual({ schema: 'json/core/v1/ConfigMap.json', scope: 'Namespaced', plural: 'configmaps', crd: null, source: 'kubernetes' });
    expect(result.index['autoscaling/v1/Scale'].plural).toBeNull();
    expect(JSON.parse(result.files.get('index.json')!)).toEqual(result.index);
  });

  test('writes the layout: json/<group|core>/<version>/<Kind>.json, crds/<plural>.<group>.yaml, ObjectMeta', () => {
    expect([...result.files.keys()]).toEqual([
      'SOURCES.md',
      'crds/experiments.example.org.yaml',
      'crds/widgets.example.org.yaml',
      'index.json',
      'json/autoscaling/v1/Scale.json',
      'json/core/v1/ConfigMap.json',
      'json/core/v1/Namespace.json',
      'json/example.org/v1/Widget.json',
      'json/example.org/v1beta1/Experiment.json',
      'json/example.org/v1beta1/Widget.json',
      'json/meta/v1/ObjectMeta.json',
    ]);
  });

  test('gives every served version of a CRD its own JSON schema; the schema-only CRD serves them all', () => {
    expect(json('json/example.org/v1/Widget.json').properties.spec.properties.legacy).toBeUndefined();
    expect(json('json/example.org/v1beta1/Widget.json').properties.spec.properties.legacy).toEqual({ type: 'boolean' });
    expect(result.index['example.org/v1beta1/Widget']).toEqual({ ...result.index['example.org/v1/Widget'], schema: 'json/example.org/v1beta1/Widget.json' });
    const crd = YAML.parse(result.files.get('crds/widgets.example.org.yaml')!);
    expect(crd.spec.versions.map((v: { name: string; served: boolean; storage: boolean }) => [v.name, v.served, v.storage])).toEqual([['v1', true, true], ['v1beta1', true, false]]);
    expect(crd.spec.versions.map((v: { subresources: object }) => v.subresources)).toEqual([{ status: {} }, { status: {} }]);
  });

  test('a version that is not served gets no schema, and is named', () => {
    const crd = widgetCrd();
    crd.spec.versions[0].served = false;
    const r = generateSchemas([{ file: 'w.yaml', source: 'w', value: crd }]);
    expect(Object.keys(r.index)).toEqual(['example.org/v1/Widget']);
    expect(r.warnings).toContain('w.yaml: widgets.example.org version v1beta1 is not served; no schema for example.org/v1beta1/Widget');
    expect(r.files.get('SOURCES.md')).toContain('Not served upstream, so without a schema: `example.org/v1beta1/Widget`.');
  });

  test('keeps the first of two copies of a CRD', () => {
    const changed = widgetCrd();
    changed.spec.versions.forEach((v: any) => { v.schema.openAPIV3Schema.properties.spec.properties.extra = { type: 'string' }; });
    const r = generateSchemas([{ file: 'a.yaml', source: 'a', value: widgetCrd() }, { file: 'b.yaml', source: 'b', value: changed }]);
    expect(r.warnings).toContain('b.yaml: widgets.example.org is defined more than once; keeping the first');
    expect(JSON.parse(r.files.get('json/example.org/v1beta1/Widget.json')!).properties.spec.properties.extra).toBeUndefined();
  });

  test('replaces an opaque CRD schema with the typed OpenAPI definition (Katib)', () => {
    const experiment = json('json/example.org/v1beta1/Experiment.json');
    expect(experiment.properties.spec).toEqual({ allOf: [{ $ref: '#/definitions/v1beta1.ExperimentSpec' }], default: {} });
    expect(Object.keys(experiment.definitions)).not.toContain('v1beta1.Unrelated');
    expect(result.index['example.org/v1beta1/Experiment']).toMatchObject({ crd: 'crds/experiments.example.org.yaml', source: 'katib' });
    // The schema-only CRD stays what the API server accepts: the opaque upstream schema.
    const crd = YAML.parse(result.files.get('crds/experiments.example.org.yaml')!);
    expect(crd.spec.versions[0].schema.openAPIV3Schema).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });

  test('records sources, groups, versions and the command in SOURCES.md', () => {
    const md = result.files.get('SOURCES.md')!;
    expect(md).toContain('cdk8s-kubeflow schemas --out schemas crds openapi');
    expect(md).toContain('| katib | kubeflow/katib | v0.19.0 | `578e60f1ce83dbb5e7151026a3bdc4de233947fc` |');
    expect(md).toContain('| widgets | (not recorded: add it to sources.json or pass --source) |');
    expect(md).toContain('| core | v1 | ConfigMap, Namespace | kubernetes |');
    expect(md).toContain('| example.org | v1, v1beta1 | Experiment, Widget | katib, widgets |');
    expect(md).toContain('| example.org/v1 | Widget | Namespaced | storage | CRD |');
    expect(md).toContain('| example.org/v1beta1 | Widget | Namespaced | served | CRD |');
    expect(md).toContain('| example.org/v1beta1 | Experiment | Namespaced | storage | OpenAPI definition `v1beta1.Experiment` (the CRD schema is opaque) |');
  });

  test('is deterministic: same inputs, same bytes, whatever the input order', () => {
    const again = generateSchemas(inputs().reverse(), { sources, command: 'cdk8s-kubeflow schemas --out schemas crds openapi' });
    expect([...again.files.entries()]).toEqual([...result.files.entries()]);
  });

  test('warns about documents it cannot use', () => {
    const r = generateSchemas([...inputs(), { file: 'x.yaml', source: 'x', value: { apiVersion: 'v1', kind: 'ConfigMap' } }]);
    expect(r.warnings).toEqual(['x.yaml: skipped a document that is neither a CRD nor an OpenAPI document (ConfigMap)']);
    expect(r.notes).toEqual([]);
  });

  test('takes the CRDs of a full install (CRDs and controller objects in one file) with one note for the rest', () => {
    const install = [widgetCrd(), ...['Deployment', 'Service', 'Deployment', 'ClusterRole'].map((kind) => ({ apiVersion: 'v1', kind, metadata: { name: 'x' } }))];
    const r = generateSchemas([...install.map((value) => ({ file: 'install.yaml', source: 'x', value })), { file: 'api__v1_openapi.json', source: 'k', value: coreOpenApi() }]);
    expect(r.index['example.org/v1/Widget']).toBeDefined();
    expect(r.warnings).toEqual([]);
    expect(r.notes).toEqual(['install.yaml: took its CRD, skipped 4 documents that are neither CRDs nor OpenAPI documents (ClusterRole, Deployment, Service)']);
  });

  test('reads the API\'s own list (kubectl get --raw), whose items carry no apiVersion or kind', () => {
    const { apiVersion: _a, kind: _k, ...item } = widgetCrd();
    const list = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinitionList', metadata: { resourceVersion: '42' }, items: [item] };
    const r = generateSchemas([{ file: 'crds.json', source: 'cluster', value: list }, { file: 'api__v1_openapi.json', source: 'cluster', value: coreOpenApi() }]);
    expect(r.warnings).toEqual([]);
    expect(Object.keys(r.index)).toEqual(expect.arrayContaining(['example.org/v1/Widget', 'example.org/v1beta1/Widget']));
  });
});

describe('a CRD root that lists only spec and status (Istio)', () => {
  const istio = generateSchemas([...inputs(), { file: 'istio/crds.yaml', source: 'istio', value: istioLikeCrd() }]);
  const validator = new SchemaValidator(writeFolder(istio));
  const vs = (extra: object = {}) => ({
    apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'default' }, spec: { hosts: ['reviews'] }, ...extra,
  });

  test('gets apiVersion, kind and metadata in every served version\'s JSON schema', () => {
    for (const version of ['v1', 'v1alpha3', 'v1beta1']) {
      const schema = JSON.parse(istio.files.get(`json/networking.istio.io/${version}/VirtualService.json`)!);
      expect([version, Object.keys(schema.properties)]).toEqual([version, ['apiVersion', 'kind', 'metadata', 'spec', 'status']]);
    }
  });

  test('accepts an object of every served version, and still rejects unknown fields', () => {
    for (const apiVersion of ['networking.istio.io/v1', 'networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1']) {
      expect(validator.validate({ object: vs({ apiVersion }) })).toEqual([]);
    }
    expect(validator.validate({ object: vs({ spec: { hosts: ['reviews'], host: 'x' } }) }).map((f) => [f.path, f.message])).toEqual([['.spec.host', 'unknown field "host"']]);
    expect(validator.validate({ object: vs({ specs: {} }) }).map((f) => f.path)).toEqual(['.specs']);
  });

  test('keeps the schema-only CRD as upstream wrote it: the API server adds them itself', () => {
    const crd = YAML.parse(istio.files.get('crds/virtualservices.networking.istio.io.yaml')!);
    expect(Object.keys(crd.spec.versions[0].schema.openAPIV3Schema.properties)).toEqual(['spec', 'status']);
  });
});

describe('an object that lists no properties (`type: object` alone)', () => {
  // Trainer 2.2's mlPolicy.torch; Kubernetes' RawExtension; a Katib type from its swagger.json.
  const crd = widgetCrd();
  crd.spec.versions.forEach((v: any) => { v.schema.openAPIV3Schema.properties.spec.properties.marker = { type: 'object' }; });
  const core = coreOpenApi();
  core.components.schemas['io.k8s.api.core.v1.ConfigMap'].properties.raw = { type: 'object' };
  const katib = katibLikeOpenApi();
  katib.components.schemas['v1beta1.ExperimentSpec'].properties.raw = { type: 'object' };
  const result = generateSchemas([
    { file: 'crds/widgets.yaml', source: 'widgets', value: crd },
    { file: 'crds/experiments.yaml', source: 'katib', value: opaqueCrd() },
    { file: 'openapi/api__v1_openapi.json', source: 'kubernetes', value: core },
    { file: 'katib/swagger.json', source: 'katib', value: katib },
  ]);
  const validator = new SchemaValidator(writeFolder(result));
  const findings = (object: Manifest) => validator.validate({ object }).map((f) => [f.path, f.message, f.fix]);
  const meta = { name: 'x', namespace: 'default', labels: { app: 'x' } };

  test('tells the schemas made from a CRD from those made from an OpenAPI definition', () => {
    const origin = (file: string) => isCrdSchema(JSON.parse(result.files.get(file)!));
    expect(origin('json/example.org/v1/Widget.json')).toBe(true);
    expect(origin('json/example.org/v1beta1/Experiment.json')).toBe(false); // CRD opaque, typed from swagger.json
    expect(origin('json/core/v1/ConfigMap.json')).toBe(false);
    expect(origin('json/autoscaling/v1/Scale.json')).toBe(false);
    expect(origin('json/meta/v1/ObjectMeta.json')).toBe(false);
    expect(isCrdSchema({ type: 'object', properties: { metadata: { type: 'object' }, root: { type: 'object' } } })).toBe(false); // a protobuf document
  });

  test('is an empty object in a CRD: a field set in it is unknown, as the API server prunes or rejects it', () => {
    const widget = (marker: object) => ({ apiVersion: 'example.org/v1', kind: 'Widget', metadata: meta, spec: { size: 'small', marker } });
    expect(findings(widget({}))).toEqual([]);
    expect(findings(widget({ numProcPerNode: 'auto' }))).toEqual([['.spec.marker.numProcPerNode', 'unknown field "numProcPerNode"', 'remove it; no fields are allowed here']]);
  });

  test('is any JSON in the Kubernetes API and in Katib\'s swagger.json', () => {
    expect(findings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, raw: { any: { thing: 1 } } })).toEqual([]);
    expect(findings({ apiVersion: 'example.org/v1beta1', kind: 'Experiment', metadata: meta, spec: { raw: { any: 1 } } })).toEqual([]);
  });
});

/** Writes a generated folder to a new temporary directory, removed when the process exits. */
function writeFolder(result: GenerateResult): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemagen-'));
  for (const [file, content] of result.files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
