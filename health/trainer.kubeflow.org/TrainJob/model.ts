import { HealthModel, noStatusYet, staleGeneration } from '../../model';

const message = (type: string) => ({ conditionField: 'message' as const, type });

/**
 * Trainer v1alpha1 TrainJob (kubeflow/trainer `TrainJobStatus`): metav1 conditions Suspended
 * (spec.suspend), Complete and Failed, plus jobsStatus of its child JobSet jobs. Argo CD has no
 * check for trainer.kubeflow.org: emitted.
 */
export const MODEL: HealthModel = {
  group: 'trainer.kubeflow.org',
  kind: 'TrainJob',
  argocd: 'lua',
  notes: 'TrainJob: Failed → Degraded, Complete → Healthy, Suspended → Suspended, else Progressing.',
  rules: [
    noStatusYet('trainer controller'),
    staleGeneration(),
    { when: { condition: 'Failed', status: 'True' }, status: 'Degraded', message: ['failed: ', message('Failed')] },
    { when: { condition: 'Complete', status: 'True' }, status: 'Healthy', message: ['complete: ', message('Complete')] },
    { when: { condition: 'Suspended', status: 'True' }, status: 'Suspended', message: ['suspended: ', message('Suspended')] },
  ],
  otherwise: { status: 'Progressing', message: ['running'] },
};
