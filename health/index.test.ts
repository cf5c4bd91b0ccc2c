import { Manifest } from '../manifest';
import { evaluate } from './evaluate';
import { PROBE, PROBE_CASES } from './language';
import { luaString } from './lua';
import { argocdKey, assessHealth, HEALTH_MODELS, healthLua, modelFor } from './index';

describe('assessHealth', () => {
  test('an object that does not exist is Missing; a kind without a model is Unknown, naming it', () => {
    expect(assessHealth(undefined)).toEqual({ status: 'Missing', message: 'not found in the cluster' });
    expect(assessHealth(null)).toEqual({ status: 'Missing', message: 'not found in the cluster' });
    expect(assessHealth({ apiVersion: 'example.com/v1', kind: 'Widget' })).toEqual({ status: 'Unknown', message: 'no health model for example.com/v1 Widget' });
  });

  test('finds the model by group and kind, whatever the version; core kinds by their bare kind', () => {
    expect(modelFor({ apiVersion: 'kubeflow.org/v2', kind: 'Notebook' })?.kind).toBe('Notebook');
    expect(modelFor({ apiVersion: 'v1', kind: 'Namespace' })?.group).toBe('');
    expect(modelFor({ apiVersion: 'example.org/v1', kind: 'Notebook' })).toBeUndefined();
  });

  test('an object being deleted is Progressing, naming its finalizers, as Argo CD shows it', () => {
    const o: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['profile-finalizer'] } };
    expect(assessHealth(o)).toEqual({ status: 'Progressing', message: 'Pending deletion; blocked by finalizers: profile-finalizer' });
    expect(assessHealth({ ...o, metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z' } })).toEqual({ status: 'Progressing', message: 'Pending deletion' });
  });

  test('never throws, whatever the object holds', () => {
    for (const m of HEALTH_MODELS) {
      const apiVersion = m.group ? `${m.group}/v1` : 'v1';
      for (const junk of [{}, { metadata: 7 }, { metadata: [], status: 'x' }, { status: { conditions: [null, 7, 'x', []] } }, { spec: null, status: null }]) {
        expect(() => assessHealth({ apiVersion, kind: m.kind, ...junk } as unknown as Manifest)).not.toThrow();
      }
    }
  });
});

describe('the model language', () => {
  test.each(PROBE_CASES.map((c, i) => [i, c] as const))('probe case %i evaluates as stated', (_i, c) => {
    expect(evaluate(PROBE, c.object)).toEqual({ status: c.status, message: c.message });
  });

  test('every kind has exactly one model, and its argocd-cm key is <group>_<Kind> (bare Kind for core kinds)', () => {
    const keys = HEALTH_MODELS.map((m) => argocdKey(m.group, m.kind));
    expect(new Set(keys).size).toBe(keys.length);
    expect(argocdKey('serving.kserve.io', 'InferenceService')).toBe('serving.kserve.io_InferenceService');
    expect(argocdKey('', 'PersistentVolumeClaim')).toBe('PersistentVolumeClaim');
  });

  test('Lua string literals quote quotes, backslashes, control and non-ASCII bytes', () => {
    expect(luaString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(luaString('x\ny')).toBe('"x\\10y"');
    expect(luaString('é')).toBe('"\\195\\169"');
  });

  test('the scripts use no standard library Argo CD turns off for argocd-cm scripts (string, math, io)', () => {
    for (const [key, lua] of Object.entries(healthLua())) expect({ key, uses: lua.match(/\b(string|math|io|debug)\.|:\w+\(/g) }).toEqual({ key, uses: null });
  });
});
