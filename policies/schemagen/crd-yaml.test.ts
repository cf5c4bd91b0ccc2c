import * as YAML from 'yaml';
import { crdYaml } from './crd-yaml';

describe('crdYaml', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'switches.example.org' },
    spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { mode: { type: 'string', enum: ['On', 'Off', 'yes', '0755'] }, deep: { type: 'object', properties: { a: { type: 'string', pattern: '^[a-z]+$' } } } } } } }] },
  };

  test('round-trips, and YAML 1.1 readers (the API server, kubectl) still see strings', () => {
    const text = crdYaml(crd);
    expect(YAML.parse(text)).toEqual(crd);
    expect(YAML.parse(text, { version: '1.1' })).toEqual(crd);
  });

  test('writes small collections in flow style', () => {
    expect(crdYaml(crd, 40)).toContain('metadata: {name: switches.example.org}');
    expect(crdYaml(crd, 40)).toContain('a: {type: string, pattern: "^[a-z]+$"}');
  });
});
