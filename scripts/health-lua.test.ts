import * as fs from 'fs';
import { HEALTH_MODELS, HealthModel, modelFor } from '../health';
import { generate, HEADER, OUT } from './health-lua';
import { KINDS } from './wire-types';

test('every kind we emit (the kind list of scripts/wire-types.ts) has a health model', () => {
  const kinds = KINDS.map((k) => { const parts = k.split('/'); return { apiVersion: parts.slice(0, -1).join('/'), kind: parts[parts.length - 1] }; });
  expect(kinds.filter((k) => !modelFor(k)).map((k) => `${k.apiVersion} ${k.kind}`)).toEqual([]);
});

describe('constructs/gitops/health-lua.ts', () => {
  test('is up to date with the health models (if not: npm run health-lua)', () => {
    expect(fs.readFileSync(OUT, 'utf8')).toBe(generate());
  });

  test('holds one script per kind emitted as Lua, under its argocd-cm key, and names the kinds left to Argo CD', () => {
    const text = generate();
    expect(text.startsWith(`${HEADER}\n`)).toBe(true);
    for (const m of HEALTH_MODELS) {
      const key = m.group ? `${m.group}_${m.kind}` : m.kind;
      if (m.argocd === 'lua') expect(text).toContain(`  "${key}": \`-- Health of ${m.group}/${m.kind}`);
      else expect(text).toMatch(new RegExp(`^ \\* {3}${key.replace(/\./g, '\\.')} \\(`, 'm'));
    }
  });

  test('keeps backslashes, backticks and ${ of a script intact in the TypeScript literal', () => {
    const tricky: HealthModel = { group: 'example.com', kind: 'Probe', argocd: 'lua', notes: '', rules: [], otherwise: { status: 'Healthy', message: ['a\\b `c` ${d}'] } };
    const text = generate([tricky]);
    const literal = text.slice(text.indexOf('"example.com_Probe": ') + '"example.com_Probe": '.length, text.lastIndexOf(','));
     
    const value = new Function(`return ${literal};`)() as string;
    expect(value).toContain('hs.message = "a\\\\b `c` ${d}"');
  });
});
