import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifests, parseManifests } from './load';

describe('parseManifests', () => {
  test('reads multi-document YAML, skipping empty documents', () => {
    const text = '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# nothing here\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    expect(parseManifests(text, 'a.yaml').sources.map((s) => s.object.metadata?.name)).toEqual(['a', 'b']);
  });

  test('unpacks a List (kubectl get -o yaml)', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n';
    expect(parseManifests(text, 'l.yaml').sources.map((s) => s.object.kind)).toEqual(['ConfigMap', 'Secret']);
  });

  test('reads YAML as kubectl does: yes/on are booleans, dates stay strings', () => {
    const [s] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: yes, b: 2024-01-01}\n', 'a.yaml').sources;
    expect((s.object as any).data).toEqual({ a: true, b: '2024-01-01' });
  });

  test('reads JSON', () => {
    expect(parseManifests('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}', 'a.json').sources).toHaveLength(1);
  });

  test('reports a YAML parse error as a finding with document and line, and keeps the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [unclosed\n';
    const { sources, findings } = parseManifests(text, 'bad.yaml');
    expect(sources).toHaveLength(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', rule: 'load/parse', file: 'bad.yaml', resource: 'document 2', path: '.' });
    expect(findings[0].message).toMatch(/^cannot parse \(line \d+\): /);
  });

  test('reports a duplicate key (kubectl rejects it too)', () => {
    const { findings } = parseManifests('apiVersion: v1\nkind: ConfigMap\nkind: Secret\n', 'dup.yaml');
    expect(findings[0].message).toContain('line 3');
  });

  test('reports invalid JSON with its line', () => {
    const { findings } = parseManifests('{\n"apiVersion": "v1",\n"kind": "ConfigMap",\n}', 'bad.json');
    expect(findings[0]).toMatchObject({ rule: 'load/parse', file: 'bad.json' });
    expect(findings[0].message).toContain('line 4');
  });
});

describe('loadManifests', () => {
  test('walks directories in name order, YAML and JSON only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-'));
    try {
      fs.mkdirSync(path.join(dir, 'b'));
      fs.writeFileSync(path.join(dir, 'b', 'two.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\n');
      fs.writeFileSync(path.join(dir, 'a.json'), '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"}}');
      fs.writeFileSync(path.join(dir, 'notes.md'), '# not a manifest');
      const { sources, findings } = loadManifests([dir]);
      expect(findings).toEqual([]);
      expect(sources.map((s) => [path.relative(dir, s.file!), s.object.metadata?.name])).toEqual([['a.json', 'one'], [path.join('b', 'two.yml'), 'two']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('throws for a path that does not exist', () => {
    expect(() => loadManifests(['/no/such/path'])).toThrow('ENOENT');
  });
});
