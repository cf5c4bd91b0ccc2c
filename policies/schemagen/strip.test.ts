import { widgetCrd } from '../../test/schemagen-fixtures';
import { stripDocumentation, toJsonSchema } from './strip';

const v1 = () => widgetCrd().spec.versions[1].schema.openAPIV3Schema;

describe('toJsonSchema', () => {
  const schema = toJsonSchema(v1()) as any;
  const spec = schema.properties.spec;

  test('drops documentation but keeps a property that is named description', () => {
    const text = JSON.stringify(schema);
    expect(text).not.toContain('Widget is the Schema');
    expect(text).not.toMatch(/"(title|example|externalDocs)"/);
    expect(spec.properties.description).toEqual({ type: 'string' });
  });

  test('keeps every validation keyword and Kubernetes marker', () => {
    expect(spec.required).toEqual(['size']);
    expect(spec.properties.size).toEqual({ default: 'small', enum: ['small', 'large'], type: 'string' });
    expect(spec.properties.name).toEqual({ maxLength: 20, minLength: 1, pattern: '^[a-z]+$', type: 'string' });
    expect(spec.properties.port).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true });
    expect(spec.properties.tags).toEqual({ items: { type: 'string' }, maxItems: 5, minItems: 1, type: 'array', uniqueItems: true, 'x-kubernetes-list-type': 'set' });
    expect(spec.properties.labels.additionalProperties).toEqual({ type: 'string' });
    expect(spec.properties.note).toEqual({ nullable: true, type: 'string' });
    expect(spec.properties.config['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(spec.properties.template['x-kubernetes-embedded-resource']).toBe(true);
    expect(spec.properties.source.anyOf).toEqual([{ required: ['git'] }, { required: ['s3'] }]);
    expect(spec.properties.source['x-kubernetes-validations']).toEqual([{ message: 'exactly one of git or s3', rule: 'has(self.git) != has(self.s3)' }]);
    expect(spec.properties.main.properties.ports['x-kubernetes-list-map-keys']).toEqual(['containerPort']);
    expect(spec.properties.main.properties.ports['x-kubernetes-list-type']).toBe('map');
  });

  test('keeps meaningful formats only', () => {
    expect(spec.properties.created.format).toBe('date-time');
    expect(spec.properties.replicas.format).toBe('int32');
    expect(spec.properties.timeout.format).toBeUndefined(); // Go duration, not ISO 8601
    expect(toJsonSchema({ type: 'string', format: 'int-or-string' })).toEqual({ type: 'string' });
  });

  test('turns OpenAPI 3.0 boolean exclusive bounds into draft-07 numbers', () => {
    expect(spec.properties.replicas).toEqual({ exclusiveMinimum: 0, format: 'int32', maximum: 10, type: 'integer' });
    expect(toJsonSchema({ type: 'integer', maximum: 3, exclusiveMaximum: false })).toEqual({ maximum: 3, type: 'integer' });
  });

  test('sorts keys', () => {
    expect(Object.keys(spec.properties)).toEqual([...Object.keys(spec.properties)].sort());
  });
});

describe('stripDocumentation (CRD schemas)', () => {
  test('removes only documentation, keeping the structural schema intact', () => {
    const stripped = stripDocumentation(v1()) as any;
    const spec = stripped.properties.spec;
    expect(JSON.stringify(stripped)).not.toMatch(/"(description|title|example)":"|"externalDocs"/);
    expect(spec.properties.description).toEqual({ type: 'string' });
    expect(spec.properties.timeout.format).toBe('duration'); // the API server knows this format
    expect(spec.properties.replicas.exclusiveMinimum).toBe(true); // CRDs keep OpenAPI 3.0 form
    expect(spec.properties.main.properties.ports['x-kubernetes-list-map-keys']).toEqual(['containerPort']);
  });
});
