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

  test('replaces the root metadata, which is checked against ObjectMeta separately', () => {
    const s = prepareSchema({ type: 'object', properties: { metadata: { $ref: '#/definitions/ObjectMeta' } } }, { replaceRootMetadata: true }) as any;
    expect(s.properties.metadata).toEqual({ type: 'object' });
  });
});
