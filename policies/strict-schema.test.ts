import { newAjv } from './schema-compiler';
import { JsonObject } from './schemagen/stable-json';
import { prepareSchema } from './strict-schema';

describe('prepareSchema', () => {
  test('closes objects that list properties, unless they preserve unknown fields or say otherwise', () => {
    const s = prepareSchema({
      type: 'object',
      properties: {
        closed: { type: 'object', properties: { a: { type: 'string' } } },
        open: { type: 'object', properties: { a: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
        map: { type: 'object', additionalProperties: { type: 'string' } },
        explicit: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
      },
    }) as any;
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.closed.additionalProperties).toBe(false);
    expect(s.properties.open.additionalProperties).toBeUndefined();
    expect(s.properties.map.additionalProperties).toEqual({ type: 'string' });
    expect(s.properties.explicit.additionalProperties).toBe(true);
  });

  test('leaves anyOf/oneOf/allOf branches open, but closes definitions used through $ref', () => {
    const s = prepareSchema({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      anyOf: [{ properties: { a: { pattern: '^x' } } }],
      definitions: { D: { type: 'object', properties: { c: { type: 'string' } } } },
    }) as any;
    expect(s.anyOf[0].additionalProperties).toBeUndefined();
    expect(s.definitions.D.additionalProperties).toBe(false);
  });

  test('embedded resources accept apiVersion, kind and metadata', () => {
    const s = prepareSchema({ type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } }) as any;
    expect(Object.keys(s.properties)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(s.additionalProperties).toBe(false);
  });

  test('int-or-string without its anyOf, unusable patterns, nullable without type', () => {
    expect(prepareSchema({ 'x-kubernetes-int-or-string': true })).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true });
    expect(prepareSchema({ type: 'string', pattern: '(?i)abc' })).toEqual({ type: 'string' });
    expect(prepareSchema({ nullable: true })).toEqual({});
  });

  describe('an object that lists no properties', () => {
    const schema = () => ({
      type: 'object',
      properties: {
        marker: { type: 'object' },
        preserved: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        map: { type: 'object', additionalProperties: { type: 'string' } },
        embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        branches: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ type: 'object' }] },
      },
    });
    const validate = (s: JsonObject, spec: object) => newAjv().compile(s)(spec);

    test('is empty in a CRD: closed, so a field set in it is an unknown field', () => {
      const s = prepareSchema(schema(), { crd: true }) as any;
      expect(s.properties.marker.additionalProperties).toBe(false);
      expect(validate(s, { marker: {} })).toBe(true);
      expect(validate(s, { marker: { numProcPerNode: 'auto' } })).toBe(false);
    });

    test('stays open in a CRD when it preserves unknown fields, says what its values are, or is a junctor branch', () => {
      const s = prepareSchema(schema(), { crd: true }) as any;
      expect(s.properties.preserved.additionalProperties).toBeUndefined();
      expect(s.properties.map.additionalProperties).toEqual({ type: 'string' });
      expect(s.properties.embedded.additionalProperties).toBeUndefined();
      expect(s.properties.branches.anyOf[0].additionalProperties).toBeUndefined();
      expect(validate(s, { preserved: { any: 1 }, map: { k: 'v' }, embedded: { apiVersion: 'v1', kind: 'Pod', spec: {} } })).toBe(true);
      expect(validate(s, { map: { k: 1 } })).toBe(false);
    });

    test('is any JSON in an OpenAPI definition (RawExtension, FieldsV1): left open', () => {
      const s = prepareSchema(schema()) as any;
      expect(s.properties.marker.additionalProperties).toBeUndefined();
      expect(validate(s, { marker: { anything: { at: 'all' } } })).toBe(true);
      expect(validate(s, { unknown: 1 })).toBe(false); // objects that list properties are closed as before
    });
  });

  test('replaces the root metadata, which is checked against ObjectMeta separately', () => {
    const s = prepareSchema({ type: 'object', properties: { metadata: { $ref: '#/definitions/ObjectMeta' } } }, { replaceRootMetadata: true }) as any;
    expect(s.properties.metadata).toEqual({ type: 'object' });
  });
});
