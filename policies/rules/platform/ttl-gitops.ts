import { groupOf, Manifest } from '../../../manifest';
import { asObject } from '../json';
import { Rule } from '../rule';

export interface TtlGitOpsParams {
  /**
   * The objects are applied by Argo CD (this project's `dist/` is). When false, only objects
   * carrying Argo CD's tracking annotation (as exported from a cluster) are checked.
   */
  readonly gitOps: boolean;
}

const TRACKING_ID = 'argocd.argoproj.io/tracking-id';
const HOOK = 'argocd.argoproj.io/hook';
const TRAINING_JOBS = ['PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob'];

/**
 * No TTL on jobs Argo CD syncs. A TrainJob has no TTL of its own (a runtime's JobSet TTL deletes
 * the JobSet, which the TrainJob owns), and Katib, not Argo CD, owns trial jobs: neither is checked.
 */
export const ttlGitOps: Rule<TtlGitOpsParams> = {
  id: 'platform/ttl-gitops',
  // On by default: synth's output is always applied by Argo CD.
  category: 'runtime',
  severity: 'warning',
  appliesTo: [{ group: 'batch', kind: 'Job' }, ...TRAINING_JOBS.map((kind) => ({ group: 'kubeflow.org', kind }))],
  summary: 'A Job or training-operator job synced by Argo CD sets no ttlSecondsAfterFinished (Job spec, or runPolicy of PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob); Argo CD hook Jobs are exempt.',
  why: 'The TTL controller deletes the finished job; Argo CD then finds a resource of git missing, and a self-healing automated sync (or the next sync) creates it again, so the job runs again, over and over (argoproj/argo-cd docs/user-guide/auto_sync.md "Automatic Self-Healing"; argoproj/argo-cd#9163).',
  source: 'argoproj/argo-cd docs/user-guide/auto_sync.md (Automatic Self-Healing, Automated Sync Semantics)',
  defaults: { gitOps: true },
  *check(object, { params }) {
    const annotations = object.metadata?.annotations ?? {};
    if (annotations[HOOK] !== undefined) return; // Argo CD runs hooks per sync and deletes them by their hook-delete-policy
    if (!params.gitOps && annotations[TRACKING_ID] === undefined) return;
    const { path, ttl } = ttlOf(object);
    if (ttl === undefined) return;
    yield {
      path,
      message: `the job is deleted ${human(ttl)} after it finishes; Argo CD then sees it missing and, with auto-sync, creates it again, so it runs again`,
      fix: groupOf(object.apiVersion) === 'batch'
        ? 'remove ttlSecondsAfterFinished and delete finished jobs by removing them from git, or make it an Argo CD hook (argocd.argoproj.io/hook with a hook-delete-policy) that Argo CD deletes itself'
        : 'remove ttlSecondsAfterFinished (use cleanPodPolicy to free the pods) and delete finished jobs by removing them from git',
    };
  },
};

function ttlOf(object: Manifest): { path: string; ttl?: number } {
  const spec = asObject(object.spec) ?? {};
  if (groupOf(object.apiVersion) === 'batch') return { path: '.spec.ttlSecondsAfterFinished', ttl: numberOrUndefined(spec.ttlSecondsAfterFinished) };
  return { path: '.spec.runPolicy.ttlSecondsAfterFinished', ttl: numberOrUndefined(asObject(spec.runPolicy)?.ttlSecondsAfterFinished) };
}

function numberOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** `immediately`, `90 seconds`, `2 hours`, `1 day`. */
function human(seconds: number): string {
  if (seconds === 0) return 'immediately';
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size} ${unit}${seconds / size === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
