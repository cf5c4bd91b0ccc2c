import { HealthModel } from '../../model';

const message = (type: string) => ({ conditionField: 'message' as const, type });

/**
 * batch/v1 Job: Argo CD's built-in check (gitops-engine getJobHealth) is used. It reads the
 * condition types whatever their status: Failed → Degraded, Complete → Healthy, Suspended
 * (True) → Suspended, none of them → Progressing. Ours says the same.
 */
export const MODEL: HealthModel = {
  group: 'batch',
  kind: 'Job',
  argocd: 'builtin',
  notes: 'Job: Argo CD built-in (Failed → Degraded, Complete → Healthy, Suspended → Suspended, else Progressing).',
  rules: [
    { when: { condition: 'Failed' }, status: 'Degraded', message: ['failed: ', message('Failed')] },
    { when: { condition: 'Complete' }, status: 'Healthy', message: ['complete: ', message('Complete')] },
    { when: { condition: 'Suspended', status: 'True' }, status: 'Suspended', message: ['suspended: ', message('Suspended')] },
    { when: { condition: 'Suspended' }, status: 'Healthy', message: ['resumed: ', message('Suspended')] },
  ],
  otherwise: { status: 'Progressing', message: ['running'] },
};
