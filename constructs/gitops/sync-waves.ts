import { describeResource, Manifest, objectKey, referencesOf, refKey, selectsPodsOf } from '../../manifest';
import { addCheck, fail, Stack } from '../core';

/** Argo CD's per-object sync wave annotation: lower waves are applied, and healthy, before higher ones. */
export const ARGOCD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

const ordered = new WeakSet<Stack>();

/**
 * Orders the stack's objects for Argo CD by what they need: each object gets the sync wave
 * one above the highest wave of the objects it refers to (its namespace's Profile or
 * Namespace, its service accounts, claims, config maps and secrets, the PodDefaults selecting
 * its pods, its runtime, its role…), so waves are the longest chain of dependencies, derived
 * at synth from the final objects, never numbered by hand. References to objects outside the
 * stack (made by controllers or by hand) do not order anything. An object that already
 * carries a sync wave keeps it. A dependency cycle is an error. Idempotent.
 */
export function deriveSyncWaves(stack: Stack): void {
  if (ordered.has(stack)) return;
  ordered.add(stack);
  stack.addTransform((objects) => {
    const waves = syncWaves(objects, (cycle) => fail(stack, 'sync-waves',
      `the objects depend on each other in a cycle, so no order applies them: ${cycle.join(' → ')}`,
      'remove one of the references (e.g. the service account or claim one of them names), or set argocd.argoproj.io/sync-wave on one by hand'));
    return objects.map((o, i) => (o.metadata?.annotations?.[ARGOCD_SYNC_WAVE] !== undefined ? o
      : { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata?.annotations, [ARGOCD_SYNC_WAVE]: String(waves[i]) } } }));
  });
  // Report a cycle as a construct error before anything is rendered.
  addCheck(stack, () => { stack._renderObjects(); });
}

/**
 * The sync wave of each object (same order): 0 for objects that need none of the others,
 * else one more than the highest wave among what they need. `onCycle` gets the cycle.
 */
export function syncWaves(objects: readonly Manifest[], onCycle: (cycle: string[]) => never): number[] {
  const deps = dependencies(objects);
  const wave = new Map<number, number>();
  const visiting: number[] = [];
  const visit = (i: number): number => {
    const known = wave.get(i);
    if (known !== undefined) return known;
    const at = visiting.indexOf(i);
    if (at !== -1) onCycle([...visiting.slice(at), i].map((j) => describeResource(objects[j])));
    visiting.push(i);
    const w = Math.max(-1, ...deps[i].map(visit)) + 1;
    visiting.pop();
    wave.set(i, w);
    return w;
  };
  return objects.map((_, i) => visit(i));
}

/** For each object, the indexes of the objects of the set it needs (references resolved within the set). */
export function dependencies(objects: readonly Manifest[]): number[][] {
  const index = new Map(objects.map((o, i) => [objectKey(o), i]));
  const podDefaults = objects.map((o, i) => [o, i] as const).filter(([o]) => o.kind === 'PodDefault');
  return objects.map((o, i) => {
    const found = referencesOf(o).map((r) => index.get(refKey(r))).filter((j): j is number => j !== undefined && j !== i);
    // The PodDefault webhook mutates pods only as they are created: it must exist first.
    for (const [pd, j] of podDefaults) if (selectsPodsOf(pd, o)) found.push(j);
    return [...new Set(found)];
  });
}
