import { HealthModel, noStatusYet, staleGeneration } from '../../model';

const message = (type: string) => ({ conditionField: 'message' as const, type });

/**
 * Katib v1beta1 Experiment (kubeflow/katib `ExperimentStatus`): conditions Created, Running,
 * Restarting, Succeeded (goal or max trials reached) and Failed, the current one True. An
 * experiment runs once: Succeeded is its healthy end. Argo CD has no check: emitted.
 */
export const MODEL: HealthModel = {
  group: 'kubeflow.org',
  kind: 'Experiment',
  argocd: 'lua',
  notes: 'Katib Experiment: Failed → Degraded, Succeeded → Healthy, Created/Running/Restarting → Progressing.',
  rules: [
    noStatusYet('Katib controller'),
    staleGeneration(),
    { when: { condition: 'Failed', status: 'True' }, status: 'Degraded', message: ['failed: ', message('Failed')] },
    { when: { condition: 'Succeeded', status: 'True' }, status: 'Healthy', message: ['succeeded: ', message('Succeeded')] },
    { when: { condition: 'Restarting', status: 'True' }, status: 'Progressing', message: ['restarting: ', message('Restarting')] },
    { when: { condition: 'Running', status: 'True' }, status: 'Progressing', message: ['running: ', message('Running')] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for the Katib controller to start the experiment'] },
};
