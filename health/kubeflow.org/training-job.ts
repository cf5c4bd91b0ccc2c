import { HealthModel, noStatusYet, p, staleGeneration } from '../model';

/**
 * The six training-operator v1 jobs share one status (kubeflow/training-operator `JobStatus`):
 * conditions of types Created, Running, Restarting, Succeeded, Failed and Suspended, the current
 * one True and earlier ones set to False. No observedGeneration in v1 (the stale-generation rule
 * applies if a later operator writes one). Argo CD has no check for any kubeflow.org kind, so
 * a failed job would show Healthy: emitted.
 */
export function trainingJobModel(kind: string): HealthModel {
  const last = (type: string) => ({ conditionField: 'message' as const, type });
  return {
    group: 'kubeflow.org',
    kind,
    argocd: 'lua',
    notes: `training-operator v1 ${kind}: Failed → Degraded, Succeeded → Healthy, Suspended → Suspended (runPolicy.suspend), else Progressing.`,
    rules: [
      noStatusYet('training operator'),
      staleGeneration(),
      { when: { condition: 'Failed', status: 'True' }, status: 'Degraded', message: ['failed: ', last('Failed')] },
      { when: { condition: 'Succeeded', status: 'True' }, status: 'Healthy', message: ['succeeded: ', last('Succeeded')] },
      { when: { condition: 'Suspended', status: 'True' }, status: 'Suspended', message: ['suspended: ', last('Suspended')] },
      { when: { condition: 'Restarting', status: 'True' }, status: 'Progressing', message: ['restarting: ', last('Restarting')] },
      { when: { condition: 'Running', status: 'True' }, status: 'Progressing', message: ['running: ', last('Running')] },
      { when: { condition: 'Created', status: 'True' }, status: 'Progressing', message: ['created: ', last('Created')] },
    ],
    otherwise: { status: 'Progressing', message: ['waiting for the training operator to start ', { field: p('metadata.name') }] },
  };
}
