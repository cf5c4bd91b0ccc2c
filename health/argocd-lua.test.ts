import { HEALTH_LUA } from '../constructs/gitops/health-lua';
import { Manifest } from '../manifest';
import { ARGOCD_BUILD_TIMEOUT_MS, argocdHarness, argocdHealth, ArgoHealth } from '../test/argocd-harness';
import { allFixtures } from './fixtures';
import { PROBE, PROBE_CASES } from './language';
import { argocdKey, assessHealth, compileLua, Health, HEALTH_MODELS } from './index';

// Argo CD's own runtime: tools/argocd-lua runs each object through gitops-engine's
// GetResourceHealth with our argocd-cm health keys, exactly as the application controller does
// (argocd-cm scripts in Argo CD's Lua VM with the standard libraries off, its built-in checks
// for kinds without a key). Built once per user into the tool cache (test/argocd-harness.ts).
const ARGOCD_CM = Object.fromEntries(Object.entries(HEALTH_LUA).map(([key, lua]) => [`resource.customizations.health.${key}`, lua]));

beforeAll(() => { argocdHarness(); }, ARGOCD_BUILD_TIMEOUT_MS);

/** Argo CD's assessment of each object, in order. */
const argocd = (objects: readonly unknown[], data: Record<string, string> = ARGOCD_CM): ArgoHealth[] => argocdHealth(objects, data);

const fixtures = allFixtures();
const modeOf = (obj: Manifest) => HEALTH_MODELS.find((m) => argocdKey(m.group, m.kind) === argocdKey(obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '', obj.kind))!.argocd;

describe("Argo CD's runtime and the TypeScript models agree on every fixture", () => {
  let results: ArgoHealth[];
  beforeAll(() => { results = argocd(fixtures.map((f) => f.fixture.object)); });

  test('the argocd-cm keys are exactly the kinds whose model is emitted as Lua', () => {
    expect(Object.keys(HEALTH_LUA).sort()).toEqual(HEALTH_MODELS.filter((m) => m.argocd === 'lua').map((m) => argocdKey(m.group, m.kind)).sort());
  });

  test.each(fixtures.map(({ model, fixture }, i) => [fixture.file, model.argocd, fixture.expected, i] as const))('%s (%s)', (_file, mode, expected, i) => {
    const ours = assessHealth(fixtures[i].fixture.object);
    const theirs = results[i];
    expect(ours).toEqual(expected);
    expect(theirs.error).toBeUndefined();
    const deleting = fixtures[i].fixture.object.metadata?.deletionTimestamp !== undefined;
    if (mode === 'lua' || deleting) {
      // Our script (or Argo CD's deletion rule): the same status and message.
      expect({ status: theirs.status, message: theirs.message ?? '' }).toEqual(expected);
    } else if (mode === 'builtin') {
      // Argo CD's own Go check: the same status (its messages are its own).
      expect(theirs.status).toBe(expected.status);
    } else {
      // Argo CD has no check and shows no health, which sync waves treat as healthy: so do we.
      expect(theirs.status).toBeUndefined();
      expect(expected.status).toBe('Healthy');
    }
  });
});

/** Every object a fixture becomes when one of its fields (at any depth) is removed or has the wrong type. */
function mutants(obj: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (node: unknown, replace: (v: unknown) => unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const set = (v: unknown) => replace(Array.isArray(node) ? node.map((x, i) => (String(i) === key ? v : x)) : { ...node, [key]: v });
      if (!Array.isArray(node)) out.push(replace(Object.fromEntries(Object.entries(node).filter(([k]) => k !== key))));
      for (const wrong of [7, 'x', [], {}, true, null]) out.push(set(wrong));
      visit(value, set);
    }
  };
  visit(obj, (v) => v);
  return out;
}

describe('the generated Lua never fails, whatever is missing or mistyped', () => {
  test('every emitted kind, on every field of every fixture removed or given the wrong type: no Lua error, and the TypeScript model agrees', () => {
    const seeds = fixtures.filter(({ model }) => model.argocd === 'lua').map(({ fixture }) => fixture.object);
    // apiVersion and kind select the script: keep them, so the mutant is still assessed by it.
    const objects = seeds.flatMap((seed) => mutants(seed).map((m) => ({ ...(m as object), apiVersion: seed.apiVersion, kind: seed.kind }) as Manifest))
      .filter((o) => o.metadata === undefined || (typeof o.metadata === 'object' && o.metadata !== null && !Array.isArray(o.metadata)));
    expect(objects.length).toBeGreaterThan(1000);
    const results = argocd(objects);
    const disagreements = objects.flatMap((o, i) => {
      const theirs = results[i];
      const ours: Health = assessHealth(o);
      return theirs.error !== undefined || theirs.status !== ours.status || (theirs.message ?? '') !== ours.message
        ? [{ object: JSON.stringify(o).slice(0, 300), theirs, ours, mode: modeOf(o) }] : [];
    });
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  test('a script error is reported, not hidden (the harness is not a look-alike)', () => {
    const [result] = argocd([{ apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'x' } }], { 'resource.customizations.health.kubeflow.org_PyTorchJob': 'return string.format("%s", obj.kind)' });
    expect(result.error).toMatch(/string/);
  });
});

describe('the model language in Argo CD\'s runtime', () => {
  test('every predicate and message form, and strings Lua must quote, give the same outcome as in TypeScript', () => {
    const results = argocd(PROBE_CASES.map((c) => c.object), { 'resource.customizations.health.example.com_Probe': compileLua(PROBE) });
    expect(results.map((r) => ({ status: r.status, message: r.message ?? '', error: r.error }))).toEqual(PROBE_CASES.map((c) => ({ status: c.status, message: c.message, error: undefined })));
  });
});
