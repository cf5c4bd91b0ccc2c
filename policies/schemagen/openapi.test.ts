import { coreOpenApi, katibLikeOpenApi } from '../../test/schemagen-fixtures';
import { definitionSchema, groupVersionKinds, isOpenApiDocument, objectMetaSchema, QUANTITY_PATTERN, unqualifiedKinds } from './openapi';

describe('OpenAPI documents', () => {
  test('are recognised by openapi/swagger + definitions', () => {
    expect(isOpenApiDocument(coreOpenApi())).toBe(true);
    expect(isOpenApiDocument({ swagger: '2.0', definitions: {} })).toBe(true);
    expect(isOpenApiDocument({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(false);
  });

  test('list kinds by x-kubernetes-group-version-kind, skipping lists, shared options and protocol types', () => {
    const kinds = groupVersionKinds(coreOpenApi());
    expect(kinds.map((k) => `${k.group}/${k.version}/${k.kind}`).sort()).toEqual(['/v1/ConfigMap', '/v1/Namespace', 'autoscaling/v1/Scale']);
  });

  test('read scope and plural from the REST paths', () => {
    const byKind = Object.fromEntries(groupVersionKinds(coreOpenApi()).map((k) => [k.kind, k]));
    expect(byKind.ConfigMap).toMatchObject({ scope: 'Namespaced', plural: 'configmaps', home: true });
    expect(byKind.Namespace).toMatchObject({ scope: 'Cluster', plural: 'namespaces' });
    // Only a subresource: scope from its path, no plural, and api/v1 is not its home document.
    expect(byKind.Scale).toMatchObject({ scope: 'Namespaced', home: false });
    expect(byKind.Scale.plural).toBeUndefined();
  });

  test('find Katib-style kinds by definition name', () => {
    expect(unqualifiedKinds(katibLikeOpenApi())).toEqual([{ version: 'v1beta1', kind: 'Experiment', definition: 'v1beta1.Experiment' }]);
    expect(unqualifiedKinds(coreOpenApi())).toEqual([]);
  });
});

describe('definitionSchema', () => {
  const configMap = definitionSchema(coreOpenApi(), 'io.k8s.api.core.v1.ConfigMap') as any;

  test('keeps only reachable definitions, with refs rewritten to #/definitions', () => {
    expect(Object.keys(configMap.definitions).sort()).toEqual([
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    ]);
    expect(configMap.properties.metadata).toEqual({ allOf: [{ $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], default: {} });
    expect(JSON.stringify(configMap)).not.toContain('#/components/schemas');
  });

  test('strips documentation and GVK markers', () => {
    expect(JSON.stringify(configMap)).not.toMatch(/"description"|x-kubernetes-group-version-kind/);
  });

  test('adds the quantity grammar to Quantity, and drops the int-or-string pseudo-format', () => {
    expect(configMap.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']).toEqual({ oneOf: [{ pattern: QUANTITY_PATTERN, type: 'string' }, { type: 'number' }] });
    expect(configMap.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({ oneOf: [{ type: 'integer' }, { type: 'string' }] });
  });

  test('ObjectMeta stands alone', () => {
    const meta = objectMetaSchema(coreOpenApi()) as any;
    expect(Object.keys(meta.properties)).toEqual(['annotations', 'creationTimestamp', 'labels', 'name', 'namespace']);
    expect(Object.keys(meta.definitions)).toEqual(['io.k8s.apimachinery.pkg.apis.meta.v1.Time']);
  });
});
