import { HealthModel, noStatusYet, staleGeneration } from '../../model';

const message = (type: string) => ({ conditionField: 'message' as const, type });

/**
 * Katib v1beta1 Trial, created by an Experiment (we never emit one, but Argo CD shows them in
 * the experiment's tree): conditions Created, Running, Succeeded, Killed, Failed,
 * MetricsUnavailable, EarlyStopped. Katib kills the trials still running when the experiment
 * ends (goal or budget reached), and early stopping is a normal end: both Healthy.
 */
export const MODEL: HealthModel = {
  group: 'kubeflow.org',
  kind: 'Trial',
  argocd: 'lua',
  notes: 'Katib Trial: Failed or MetricsUnavailable → Degraded; Succeeded, EarlyStopped or Killed (by the experiment) → Healthy.',
  rules: [
    noStatusYet('Katib controller'),
    staleGeneration(),
    { when: { condition: 'Failed', status: 'True' }, status: 'Degraded', message: ['failed: ', message('Failed')] },
    { when: { condition: 'MetricsUnavailable', status: 'True' }, status: 'Degraded', message: ['metrics unavailable: ', message('MetricsUnavailable')] },
    { when: { condition: 'Succeeded', status: 'True' }, status: 'Healthy', message: ['succeeded: ', message('Succeeded')] },
    { when: { condition: 'EarlyStopped', status: 'True' }, status: 'Healthy', message: ['early stopped: ', message('EarlyStopped')] },
    { when: { condition: 'Killed', status: 'True' }, status: 'Healthy', message: ['killed by the experiment: ', message('Killed')] },
  ],
  otherwise: { status: 'Progressing', message: ['running: ', message('Running')] },
};
