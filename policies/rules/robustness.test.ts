import { App } from 'cdk8s';
import { synthesize } from '../../cli/synthesize';
import { Manifest, ManifestSource } from '../../manifest';
import { buildEveryKindApp } from '../../test/every-kind';
import { runPolicies } from './engine';
import { RULES } from './index';

// `validate` runs every rule on whatever YAML it is given: no rule may throw on an object of the
// wrong shape (the schema check reports those). Every kind we emit, mutated many times with
// values of every type in random places, through every rule (platform policies on too).
const ROUNDS = Number(process.env.ROBUSTNESS_ROUNDS ?? 40);
const EVERYTHING_ON = { rules: Object.fromEntries(RULES.map((r) => [r.id, r.severity])) };
const JUNK: unknown[] = [null, 0, -1, 1.5, 1e308, '', 'x', '${trialParameters.x}', '100Gi', true, [], [null], [1, 'a'], {}, { a: null }, { name: 7 }];

/** A deterministic pseudo-random generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every (container, key) pair in `value`, depth first. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([value, i]); slots(v, out); });
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push([value as Record<string, unknown>, k]); slots(v, out); }
  return out;
}

function mutated(object: Manifest, next: () => number, count: number): Manifest {
  const copy = structuredClone(object);
  for (let i = 0; i < count; i++) {
    // Anywhere but apiVersion and kind, without which no rule runs.
    const all = slots(copy).filter(([holder, key]) => holder !== (copy as unknown) || (key !== 'apiVersion' && key !== 'kind'));
    if (all.length === 0) break;
    const [holder, key] = all[Math.floor(next() * all.length)];
    (holder as Record<string | number, unknown>)[key] = structuredClone(JUNK[Math.floor(next() * JUNK.length)]);
  }
  return copy;
}

test('no rule throws on objects of the wrong shape, in any field', () => {
  const objects = synthesize(buildEveryKindApp() as App).sources.map((s) => s.object);
  expect(objects.length).toBeGreaterThan(30);
  const next = random(11);
  for (let round = 0; round < ROUNDS; round++) {
    const sources: ManifestSource[] = objects.map((o, i) => ({ file: `${round}-${i}.yaml`, object: mutated(o, next, 1 + (round % 4)) }));
    expect(() => runPolicies(sources, { rules: RULES, config: EVERYTHING_ON })).not.toThrow();
  }
});
