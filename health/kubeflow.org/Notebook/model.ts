import { f, HealthModel, noStatusYet, p, STUCK_CONTAINER_REASONS } from '../../model';

/** Set by the Kubeflow UI (a timestamp) to stop a notebook: the controller scales it to 0. */
const STOPPED: readonly string[] = ['metadata', 'annotations', 'kubeflow-resource-stopped'];

/**
 * Kubeflow Notebook (kubeflow/kubeflow notebook-controller `NotebookStatus`): readyReplicas of
 * its StatefulSet, the notebook container's state, and the pod's conditions copied over. No
 * observedGeneration. Stopping is an annotation, not a status: Suspended. Argo CD has no check.
 */
export const MODEL: HealthModel = {
  group: 'kubeflow.org',
  kind: 'Notebook',
  argocd: 'lua',
  notes: 'Notebook: kubeflow-resource-stopped → Suspended; a stuck container (CrashLoopBackOff, image pull errors) → Degraded; readyReplicas ≥ 1 → Healthy.',
  rules: [
    { when: { exists: STOPPED }, status: 'Suspended', message: ['stopped (kubeflow-resource-stopped: ', f(STOPPED), ')'] },
    noStatusYet('notebook controller'),
    {
      when: { field: p('status.containerState.waiting.reason'), oneOf: STUCK_CONTAINER_REASONS },
      status: 'Degraded',
      message: [f('status.containerState.waiting.reason'), ': ', f('status.containerState.waiting.message')],
    },
    { when: { condition: 'PodScheduled', status: 'False' }, status: 'Progressing', message: ['not scheduled: ', { conditionField: 'message', type: 'PodScheduled' }] },
    { when: { exists: p('status.containerState.waiting.reason') }, status: 'Progressing', message: ['waiting for the notebook pod: ', f('status.containerState.waiting.reason')] },
    { when: { field: p('status.readyReplicas'), lessThan: 1 }, status: 'Progressing', message: ['waiting for the notebook pod to be ready'] },
    { when: { exists: p('status.readyReplicas') }, status: 'Healthy', message: ['ready'] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for the notebook pod to be ready'] },
};
