import * as YAML from 'yaml';
import { coreOpenApi, katibLikeOpenApi, opaqueCrd, widgetCrd } from '../../test/schemagen-fixtures';
import { generateSchemas, InputDocument } from './generate';
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
    expect(Object.keys(result.index)).toEqual(['autoscaling/v1/Scale', 'example.org/v1/Widget', 'example.org/v1beta1/Experiment', 'v1/ConfigMap', 'v1/Namespace']);
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
      'json/meta/v1/ObjectMeta.json',
    ]);
  });

  test('keeps the storage version of a CRD, in the JSON schema and in the schema-only CRD', () => {
    expect(json('json/example.org/v1/Widget.json').properties.spec.properties.legacy).toBeUndefined();
    const crd = YAML.parse(result.files.get('crds/widgets.example.org.yaml')!);
    expect(crd.spec.versions.map((v: { name: string; served: boolean; storage: boolean }) => [v.name, v.served, v.storage])).toEqual([['v1', true, true]]);
    expect(crd.spec.versions[0].subresources).toEqual({ status: {} });
  });

  test('honours a version override', () => {
    const r = generateSchemas(inputs(), { versions: new Map([['example.org/Widget', 'v1beta1']]) });
    expect(Object.keys(r.index)).toContain('example.org/v1beta1/Widget');
    expect(JSON.parse(r.files.get('json/example.org/v1beta1/Widget.json')!).properties.spec.properties.legacy).toEqual({ type: 'boolean' });
    expect(r.files.get('SOURCES.md')).toContain('| example.org/v1beta1 | Widget | Namespaced | override | v1 |');
    expect(() => generateSchemas(inputs(), { versions: new Map([['example.org/Gadget', 'v1']]) })).toThrow('no CRD for example.org/Gadget');
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
    expect(md).toContain('| example.org/v1 | Widget | Namespaced | storage | v1beta1 | CRD |');
  });

  test('is deterministic: same inputs, same bytes, whatever the input order', () => {
    const again = generateSchemas(inputs().reverse(), { sources, command: 'cdk8s-kubeflow schemas --out schemas crds openapi' });
    expect([...again.files.entries()]).toEqual([...result.files.entries()]);
  });

  test('warns about documents it cannot use', () => {
    const r = generateSchemas([...inputs(), { file: 'x.yaml', source: 'x', value: { apiVersion: 'v1', kind: 'ConfigMap' } }]);
    expect(r.warnings).toEqual(['x.yaml: skipped a document that is neither a CRD nor an OpenAPI document (kind ConfigMap)']);
  });
});
