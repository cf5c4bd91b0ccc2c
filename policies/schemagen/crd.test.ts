import { opaqueCrd, widgetCrd } from '../../test/schemagen-fixtures';
import { chooseVersion, crdFacts, isOpaque, schemaOnlyCrd, versionSchema } from './crd';

describe('crd facts and version choice', () => {
  const facts = crdFacts(widgetCrd());

  test('reads names, scope and versions', () => {
    expect(facts).toEqual({ name: 'widgets.example.org', group: 'example.org', kind: 'Widget', plural: 'widgets', scope: 'Namespaced', versions: ['v1beta1', 'v1'], storageVersion: 'v1' });
  });

  test('picks the storage version by default', () => {
    expect(chooseVersion(facts, new Map())).toEqual({ version: 'v1', overridden: false });
  });

  test('honours an override, and rejects a version the CRD does not have', () => {
    expect(chooseVersion(facts, new Map([['example.org/Widget', 'v1beta1']]))).toEqual({ version: 'v1beta1', overridden: true });
    expect(() => chooseVersion(facts, new Map([['example.org/Widget', 'v2']]))).toThrow('has versions v1beta1, v1');
  });

  test('rejects legacy v1beta1 CRDs', () => {
    expect(() => crdFacts({ ...widgetCrd(), apiVersion: 'apiextensions.k8s.io/v1beta1' })).toThrow('not supported');
  });

  test('tells opaque schemas apart', () => {
    expect(isOpaque(versionSchema(opaqueCrd(), 'v1beta1'))).toBe(true);
    expect(isOpaque(versionSchema(widgetCrd(), 'v1'))).toBe(false);
  });
});

describe('schemaOnlyCrd', () => {
  test('keeps only the chosen version, served and storage, without documentation', () => {
    const crd = schemaOnlyCrd(widgetCrd(), 'v1beta1') as any;
    expect(crd.metadata).toEqual({ name: 'widgets.example.org' });
    expect(crd.spec.conversion).toBeUndefined();
    expect(crd.spec.versions).toHaveLength(1);
    const [v] = crd.spec.versions;
    expect(v).toMatchObject({ name: 'v1beta1', served: true, storage: true, subresources: { status: {} } });
    expect(v.schema.openAPIV3Schema.properties.spec.properties.legacy).toEqual({ type: 'boolean' });
    expect(JSON.stringify(crd)).not.toContain('"description":"');
  });

  test('keeps printer columns without their descriptions', () => {
    const [v] = (schemaOnlyCrd(widgetCrd(), 'v1') as any).spec.versions;
    expect(v.additionalPrinterColumns).toEqual([{ name: 'Size', type: 'string', jsonPath: '.spec.size' }]);
  });
});
