import { istioLikeCrd, opaqueCrd, widgetCrd } from '../../test/schemagen-fixtures';
import { crdFacts, isOpaque, objectSchema, schemaOnlyCrd, versionSchema } from './crd';

describe('crd facts', () => {
  test('reads names, scope and every version with its flags, in upstream order', () => {
    expect(crdFacts(widgetCrd())).toEqual({
      name: 'widgets.example.org', group: 'example.org', kind: 'Widget', plural: 'widgets', scope: 'Namespaced',
      versions: [{ name: 'v1beta1', served: true, storage: false, deprecated: false }, { name: 'v1', served: true, storage: true, deprecated: false }],
    });
  });

  test('rejects legacy v1beta1 CRDs and CRDs without exactly one storage version', () => {
    expect(() => crdFacts({ ...widgetCrd(), apiVersion: 'apiextensions.k8s.io/v1beta1' })).toThrow('not supported');
    const both = widgetCrd();
    both.spec.versions[0].storage = true;
    expect(() => crdFacts(both)).toThrow('CRD widgets.example.org: exactly one version must be marked storage: true');
  });

  test('tells opaque schemas apart', () => {
    expect(isOpaque(versionSchema(opaqueCrd(), 'v1beta1'))).toBe(true);
    expect(isOpaque(versionSchema(widgetCrd(), 'v1'))).toBe(false);
  });
});

describe('objectSchema: a CRD root as the API server validates it', () => {
  test('adds apiVersion, kind and metadata to a root that lists only spec and status (Istio)', () => {
    const root = objectSchema(versionSchema(istioLikeCrd(), 'v1')) as any;
    expect(Object.keys(root.properties).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(root.properties.apiVersion).toEqual({ type: 'string' });
    expect(root.properties.metadata).toEqual({ type: 'object' });
    expect(root.required).toEqual(['spec']);
  });

  test('keeps what upstream says about them, and leaves an opaque root alone', () => {
    const listed = versionSchema(widgetCrd(), 'v1');
    (listed.properties as any).metadata = { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } };
    expect((objectSchema(listed).properties as any).metadata).toEqual({ type: 'object', properties: { name: { type: 'string', maxLength: 63 } } });
    expect(objectSchema(versionSchema(opaqueCrd(), 'v1beta1'))).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });
});

describe('schemaOnlyCrd', () => {
  const versionsOf = (crd: any) => crd.spec.versions.map((v: any) => [v.name, v.served, v.storage]);

  test('keeps every served version with its storage flag, storage first, without documentation', () => {
    const crd = schemaOnlyCrd(widgetCrd()) as any;
    expect(crd.metadata).toEqual({ name: 'widgets.example.org' });
    expect(versionsOf(crd)).toEqual([['v1', true, true], ['v1beta1', true, false]]);
    expect(crd.spec.versions[1]).toMatchObject({ subresources: { status: {} } });
    expect(crd.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.legacy).toEqual({ type: 'boolean' });
    expect(JSON.stringify(crd)).not.toContain('"description":"');
    expect(versionsOf(schemaOnlyCrd(istioLikeCrd()))).toEqual([['v1alpha3', true, true], ['v1', true, false], ['v1beta1', true, false]]);
  });

  test('drops versions that are not served, except the storage version every CRD needs', () => {
    const crd = widgetCrd();
    crd.spec.versions.push({ ...crd.spec.versions[0], name: 'v1alpha1', served: false, deprecated: true, deprecationWarning: 'use v1' });
    crd.spec.versions[0] = { ...crd.spec.versions[0], deprecated: true, deprecationWarning: 'v1beta1 is going away' };
    crd.spec.versions[1].served = false;
    const kept = (schemaOnlyCrd(crd) as any).spec.versions;
    expect(versionsOf({ spec: { versions: kept } })).toEqual([['v1', false, true], ['v1beta1', true, false]]);
    expect(kept[1]).toMatchObject({ deprecated: true, deprecationWarning: 'v1beta1 is going away' });
  });

  test('drops conversion: a webhook names a service a test cluster lacks', () => {
    const crd = widgetCrd();
    crd.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'x', namespace: 'y', path: '/convert' } } } };
    expect((schemaOnlyCrd(crd) as any).spec.conversion).toBeUndefined();
  });

  test('keeps printer columns without their descriptions', () => {
    const [v] = (schemaOnlyCrd(widgetCrd()) as any).spec.versions;
    expect(v.additionalPrinterColumns).toEqual([{ name: 'Size', type: 'string', jsonPath: '.spec.size' }]);
  });
});
