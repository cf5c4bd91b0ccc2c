import { f, HealthModel, p, Predicate } from '../../model';

const OBSERVED = p('status.observedGeneration');
const REPLICAS = p('spec.replicas');
const READY = p('status.readyReplicas');
const UPDATED = p('status.updatedReplicas');
const PARTITION = p('spec.updateStrategy.rollingUpdate.partition');
const UPDATE_REVISION = p('status.updateRevision');
const CURRENT_REVISION = p('status.currentRevision');

/** Argo CD's partition branch: type RollingUpdate with a rollingUpdate block (the API server defaults one, partition 0). */
const ROLLING_UPDATE: Predicate = { all: [{ field: p('spec.updateStrategy.type'), equals: 'RollingUpdate' }, { exists: p('spec.updateStrategy.rollingUpdate') }] };
const ON_DELETE: Predicate = { field: p('spec.updateStrategy.type'), equals: 'OnDelete' };
/** The revisions differ, an absent one reading as '' (Go's zero value). */
const REVISIONS_DIFFER: Predicate = {
  any: [
    { field: UPDATE_REVISION, differsFrom: CURRENT_REVISION },
    { all: [{ exists: UPDATE_REVISION }, { absent: CURRENT_REVISION }] },
    { all: [{ absent: UPDATE_REVISION }, { exists: CURRENT_REVISION }] },
  ],
};

/**
 * apps/v1 StatefulSet: Argo CD's built-in check (gitops-engine getAppsv1StatefulSetHealth, after
 * kubectl's rollout status) is used, and ours gives the same statuses, with messages, absent
 * counts reading as 0 as in Argo CD's Go types:
 * - observedGeneration 0 or behind metadata.generation → Progressing;
 * - fewer readyReplicas than spec.replicas → Progressing (ready only: no minReadySeconds);
 * - type RollingUpdate with a rollingUpdate block: updatedReplicas + partition < spec.replicas
 *   → Progressing (the pods at ordinals ≥ partition are not all updated), else Healthy, whatever
 *   the revisions say;
 * - OnDelete → Healthy (pods update when someone deletes them);
 * - else (no strategy block) updateRevision ≠ currentRevision → Progressing, else Healthy.
 */
export const MODEL: HealthModel = {
  group: 'apps',
  kind: 'StatefulSet',
  argocd: 'builtin',
  notes: 'StatefulSet: Argo CD built-in (generation not observed, pods not ready or a partitioned rollout not finished → Progressing; OnDelete → Healthy once pods are ready).',
  rules: [
    { when: { absent: p('status') }, status: 'Progressing', message: ['waiting for the statefulset controller to report status'] },
    {
      when: { field: OBSERVED, lessThan: p('metadata.generation') },
      status: 'Progressing',
      message: ['waiting for the statefulset controller to observe generation ', f('metadata.generation'), ' (observed ', f(OBSERVED), ')'],
    },
    {
      when: { any: [{ absent: OBSERVED }, { field: OBSERVED, lessThan: 1 }] },
      status: 'Progressing',
      message: ['waiting for the statefulset controller to observe generation ', f('metadata.generation'), ' (observed 0)'],
    },
    { when: { field: READY, lessThan: REPLICAS }, status: 'Progressing', message: ['waiting for pods to be ready: ', f(READY), ' of ', f(REPLICAS), ' ready'] },
    {
      when: { all: [{ absent: READY }, { exists: REPLICAS }, { not: { field: REPLICAS, lessThan: 1 } }] },
      status: 'Progressing',
      message: ['waiting for pods to be ready: 0 of ', f(REPLICAS), ' ready'],
    },
    {
      when: { all: [ROLLING_UPDATE, { field: PARTITION, equals: 0 }, { field: UPDATED, lessThan: REPLICAS }] },
      status: 'Progressing',
      message: ['waiting for rollout: ', f(UPDATED), ' of ', f(REPLICAS), ' pods updated'],
    },
    {
      when: { all: [ROLLING_UPDATE, { field: UPDATED, plus: PARTITION, lessThan: REPLICAS }] },
      status: 'Progressing',
      message: ['waiting for partitioned rollout: ', f(UPDATED), ' pod(s) updated, ', f(REPLICAS), ' replicas from partition ', f(PARTITION)],
    },
    {
      when: { all: [ROLLING_UPDATE, { absent: UPDATED }, { field: PARTITION, equals: 0 }, { exists: REPLICAS }, { not: { field: REPLICAS, lessThan: 1 } }] },
      status: 'Progressing',
      message: ['waiting for rollout: 0 of ', f(REPLICAS), ' pods updated'],
    },
    {
      when: { all: [ROLLING_UPDATE, { absent: UPDATED }, { field: PARTITION, lessThan: REPLICAS }] },
      status: 'Progressing',
      message: ['waiting for partitioned rollout: 0 pod(s) updated, ', f(REPLICAS), ' replicas from partition ', f(PARTITION)],
    },
    // Healthy with no pods, unless Argo CD's last branch (no strategy block) finds a revision pending.
    { when: { all: [{ field: REPLICAS, equals: 0 }, { any: [ROLLING_UPDATE, ON_DELETE, { not: REVISIONS_DIFFER }] }] }, status: 'Healthy', message: ['scaled to zero'] },
    {
      when: { all: [ROLLING_UPDATE, { exists: PARTITION }, { not: { field: PARTITION, lessThan: 1 } }] },
      status: 'Healthy',
      message: ['partitioned rollout complete: pods from ordinal ', f(PARTITION), ' updated, ', f(READY), ' pod(s) ready'],
    },
    { when: ROLLING_UPDATE, status: 'Healthy', message: ['rolled out: ', f(READY), ' pod(s) ready'] },
    { when: ON_DELETE, status: 'Healthy', message: ['OnDelete: ', f(READY), ' pod(s) ready (pods update when deleted)'] },
    { when: REVISIONS_DIFFER, status: 'Progressing', message: ['waiting for rolling update to revision ', f(UPDATE_REVISION), ' (current ', f(CURRENT_REVISION), ')'] },
  ],
  otherwise: { status: 'Healthy', message: ['rolled out: ', f(READY), ' pod(s) at revision ', f(CURRENT_REVISION)] },
};
