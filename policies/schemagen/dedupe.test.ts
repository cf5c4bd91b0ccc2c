import Ajv from 'ajv';
import { widgetCrd } from '../../test/schemagen-fixtures';
import { factorRepeatedSubtrees } from './dedupe';
import { toJsonSchema } from './strip';

describe('factorRepeatedSubtrees', () => {
  const expanded = toJsonSchema(widgetCrd().spec.versions[1].schema.openAPIV3Schema) as any;
  const factored = factorRepeatedSubtrees(expanded, 100) as any;

  test('moves a repeated subtree into definitions, named after its first use', () => {
    expect(factored.properties.spec.properties.main).toEqual({ $ref: '#/definitions/spec.main' });
    expect(factored.properties.spec.properties.sidecar).toEqual({ $ref: '#/definitions/spec.main' });
    // Nested repeats inside the repeated subtree become definitions of their own.
    expect(factored.definitions['spec.main'].properties.resources).toEqual({ $ref: '#/definitions/spec.main.resources' });
    expect(factored.definitions['spec.main.resources']).toEqual(expanded.properties.spec.properties.main.properties.resources);
    expect(JSON.stringify(factored).length).toBeLessThan(JSON.stringify(expanded).length);
  });

  test('leaves small or unique subtrees inline and schemas without repeats unchanged', () => {
    expect(factored.properties.spec.properties.template.type).toBe('object');
    expect(factorRepeatedSubtrees(expanded, 100_000)).toBe(expanded);
  });

  test('validates exactly like the expanded schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const a = ajv.compile(expanded);
    const b = ajv.compile(factored);
    const samples = [
      { spec: { size: 'small', sidecar: { name: 'x', ports: [{ containerPort: 80 }] } } },
      { spec: { size: 'small', sidecar: { image: 'no-name' } } },
      { spec: { size: 'small', main: { name: 'x', imagePullPolicy: 'Sometimes' } } },
    ];
    for (const s of samples) expect(b(s)).toBe(a(s));
  });

  test('is deterministic', () => {
    expect(JSON.stringify(factorRepeatedSubtrees(expanded, 100))).toBe(JSON.stringify(factored));
  });
});
