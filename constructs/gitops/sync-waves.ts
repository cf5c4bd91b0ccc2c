import { ANNOTATIONS, describeResource, groupOf, Manifest, objectKey, referencesOf, refKey, selectsPodsOf } from '../../manifest';
import { addCheck, fail, Stack } from '../core';

/** Argo CD's per-object sync wave annotation: lower waves are applied, and healthy, before higher ones. */
export const ARGOCD_SYNC_WAVE = ANNOTATIONS.syncWave;

/**
 * The kinds that may gate a sync wave (`<group>/<Kind>`, the bare Kind for the core group).
 * Between waves Argo CD waits until every object of the wave is Healthy: Progressing or
 * Suspended holds the next wave, Degraded fails the sync. So only prerequisites whose health
 * settles as soon as they are applied are listed: kinds with no status (healthy once they
 * exist), a Namespace (Active when created) and a Profile (Healthy once the profile controller
 * has made its namespace, in seconds; a Failed one fails the sync, rightly, as nothing of its
 * namespace would apply). Everything else (claims, notebooks, jobs, TrainJobs, experiments,
 * InferenceServices and graphs, pipelines, kinds not listed) can stay Progressing for hours.
 */
export const PREREQUISITE_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'kubeflow.org/Profile',
  'ServiceAccount', 'ConfigMap', 'Secret',
  'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  // The admission webhook mutates pods only as they are created: it must exist before them.
  'kubeflow.org/PodDefault',
  'trainer.kubeflow.org/TrainingRuntime', 'trainer.kubeflow.org/ClusterTrainingRuntime',
  'serving.kserve.io/ServingRuntime', 'serving.kserve.io/ClusterServingRuntime',
  'argoproj.io/AppProject',
  // KFP's webhook rejects a PipelineVersion whose Pipeline does not exist yet; a Pipeline has no status.
  'pipelines.kubeflow.org/Pipeline',
  // Healthy once established, in seconds. (A stack's Inventory is not listed: its kstatus health is
  // Progressing while jobs run, so the Stack puts it in the last wave, where it gates nothing.)
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

/** Whether `o` may gate a wave: its kind is a prerequisite, and it is not a disabled runtime (Suspended, which would hold the wave). */
export function isPrerequisite(o: Manifest): boolean {
  const group = groupOf(o.apiVersion);
  if (!PREREQUISITE_KINDS.has(group ? `${group}/${o.kind}` : o.kind)) return false;
  return !(group === 'serving.kserve.io' && (o.spec as { disabled?: unknown } | undefined)?.disabled === true);
}

const ordered = new WeakSet<Stack>();

/**
 * Orders the stack's objects for Argo CD, derived at synth from the final objects, never
 * numbered by hand. Prerequisites ({@link PREREQUISITE_KINDS}) get the sync wave one above the
 * highest wave of the prerequisites they refer to (a RoleBinding or PodDefault after its
 * namespace's Profile or Namespace, a binding after its service account…): the longest chain.
 * Every other object is a leaf and goes into ONE final wave, after every prerequisite of the
 * stack: a PodDefault is there before the notebook pods it mutates, a runtime before the
 * TrainJobs and InferenceServices that run on it. No leaf ever gates anything, so a sync never
 * stalls on health: a claim of a WaitForFirstConsumer class stays Pending (Progressing) until
 * its pod exists, a job or experiment is Progressing for its whole run and Degraded forever
 * once failed. That is why experiments and pipelines are not a wave after the jobs and
 * notebooks: Argo CD would hold them until a job running for hours is done. They need no such
 * order: a pod waits for a missing claim, and Katib and KFP retry what they create.
 *
 * References to objects outside the stack (made by controllers or by hand) order nothing; a
 * reference to a leaf orders nothing. An object that carries a sync wave keeps it (and breaks
 * a cycle through it); the objects that need it come after it. A cycle among prerequisites
 * is an error. Idempotent.
 */
export function deriveSyncWaves(stack: Stack): void {
  if (ordered.has(stack)) return;
  ordered.add(stack);
  stack.addTransform((objects) => {
    const waves = syncWaves(objects, (problem, fix) => fail(stack, 'sync-waves', problem, fix));
    return objects.map((o, i) => (o.metadata?.annotations?.[ARGOCD_SYNC_WAVE] !== undefined ? o
      : { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata?.annotations, [ARGOCD_SYNC_WAVE]: String(waves[i]) } } }));
  });
  // Report a cycle as a construct error before anything is rendered.
  addCheck(stack, () => { stack._renderObjects(); });
}

/**
 * The sync wave of each object (same order), as {@link deriveSyncWaves} sets it: a hand-set
 * wave as is; a prerequisite one above the prerequisites it needs (never below 0, Argo CD's
 * default); a leaf one above every prerequisite. `onError` gets a cycle or a hand-set wave that is not a whole number.
 */
export function syncWaves(objects: readonly Manifest[], onError: (problem: string, fix: string) => never): number[] {
  const deps = dependencies(objects);
  const prerequisite = objects.map(isPrerequisite);
  const handSet = objects.map((o) => handSetWave(o, onError));
  const wave = new Map<number, number>();
  const visiting: number[] = [];
  const visit = (i: number): number => {
    const known = handSet[i] ?? wave.get(i);
    if (known !== undefined) return known;
    const at = visiting.indexOf(i);
    if (at !== -1) {
      onError(`the objects depend on each other in a cycle, so no order applies them: ${[...visiting.slice(at), i].map((j) => describeResource(objects[j])).join(' → ')}`,
        `remove one of the references (e.g. the service account or config map one of them names), or set ${ARGOCD_SYNC_WAVE} on one by hand`);
    }
    visiting.push(i);
    const w = Math.max(-1, ...deps[i].filter((j) => prerequisite[j]).map(visit)) + 1;
    visiting.pop();
    wave.set(i, w);
    return w;
  };
  const leaves = Math.max(-1, ...objects.flatMap((_, i) => (prerequisite[i] ? [visit(i)] : []))) + 1;
  return objects.map((_, i) => (prerequisite[i] ? visit(i) : handSet[i] ?? leaves));
}

/** The wave set on `o` by hand, as Argo CD reads it (a whole number); undefined when none. */
function handSetWave(o: Manifest, onError: (problem: string, fix: string) => never): number | undefined {
  const value = o.metadata?.annotations?.[ARGOCD_SYNC_WAVE];
  if (value === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(value)) onError(`${describeResource(o)} has ${ARGOCD_SYNC_WAVE}: "${value}", which is not a whole number`, 'set a whole number such as "-1" or "2", or drop the annotation to have the wave derived');
  return Number(value);
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
