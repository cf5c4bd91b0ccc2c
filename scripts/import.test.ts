import * as fs from 'fs';
import * as path from 'path';
import { IMPORTS } from './import';

const imports = path.join(__dirname, '..', 'constructs', 'imports');

// Catches drift between the list in scripts/import.ts, schemas/ and the committed output.
describe('constructs/imports', () => {
  test.each(Object.entries(IMPORTS))('%s holds exactly one class per listed kind, as compiled .js + .d.ts', (group, kinds) => {
    expect(fs.existsSync(path.join(imports, `${group}.d.ts`))).toBe(true);
    expect(fs.existsSync(path.join(imports, `${group}.ts`))).toBe(false);
    const mod = require(path.join(imports, `${group}.js`)) as Record<string, { GVK?: { apiVersion: string; kind: string } }>;
    const gvks = Object.values(mod).flatMap((c) => (c.GVK ? [c.GVK] : []));
    expect(gvks.map((g) => g.kind).sort()).toEqual([...kinds].sort());
    expect(new Set(gvks.map((g) => g.apiVersion.split('/')[0]))).toEqual(new Set([group]));
    // The version the classes emit is the one schemas/ chose and validates (cdk8s#1962: import's own choice is a trap).
    const index = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'index.json'), 'utf8')) as Record<string, { crd: string | null }>;
    expect(gvks.filter((g) => !index[`${g.apiVersion}/${g.kind}`]?.crd)).toEqual([]);
  });

  test('every listed kind has a schema-only CRD in schemas/', () => {
    const index = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'index.json'), 'utf8')) as Record<string, { crd: string | null }>;
    for (const [group, kinds] of Object.entries(IMPORTS)) {
      for (const kind of kinds) {
        const key = Object.keys(index).find((k) => k.startsWith(`${group}/`) && k.endsWith(`/${kind}`));
        expect(key && index[key].crd).toBeTruthy();
      }
    }
  });
});
