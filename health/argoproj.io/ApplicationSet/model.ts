import { HealthModel } from '../../model';

const message = (type: string) => ({ conditionField: 'message' as const, type });

/**
 * Argo CD ApplicationSet: Argo CD's built-in check (its embedded argoproj.io/ApplicationSet
 * health script) is used; ours says the same: ErrorOccurred → Degraded, ResourcesUpToDate=False
 * → Degraded, RolloutProgressing (progressive sync) → Progressing, ResourcesUpToDate → Healthy.
 */
export const MODEL: HealthModel = {
  group: 'argoproj.io',
  kind: 'ApplicationSet',
  argocd: 'builtin',
  notes: "ApplicationSet: Argo CD's built-in check (ErrorOccurred or ResourcesUpToDate=False → Degraded, RolloutProgressing → Progressing, ResourcesUpToDate → Healthy).",
  rules: [
    { when: { condition: 'ErrorOccurred', status: 'True' }, status: 'Degraded', message: [message('ErrorOccurred')] },
    { when: { condition: 'ResourcesUpToDate', status: 'False' }, status: 'Degraded', message: [message('ResourcesUpToDate')] },
    { when: { condition: 'RolloutProgressing', status: 'True' }, status: 'Progressing', message: [message('RolloutProgressing')] },
    { when: { condition: 'ResourcesUpToDate', status: 'True' }, status: 'Healthy', message: [message('ResourcesUpToDate')] },
  ],
  otherwise: { status: 'Progressing', message: ['Waiting for the status to be reported'] },
};
