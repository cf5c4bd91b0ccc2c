import { HealthModel, noStatusYet, staleGeneration } from '../../model';

const status = (field: 'message' | 'reason') => ({ conditionField: field, type: 'PipelineVersionStatus' });

/**
 * Kubeflow Pipelines v2beta1 PipelineVersion (Kubernetes-native API): the API server records
 * the version's state in ONE condition of type PipelineVersionStatus whose reason is the state
 * (CREATING, READY, FAILED, as its model's PipelineVersionStatus; a missing condition reads as
 * CREATING). Argo CD has no check: emitted.
 */
export const MODEL: HealthModel = {
  group: 'pipelines.kubeflow.org',
  kind: 'PipelineVersion',
  argocd: 'lua',
  notes: 'PipelineVersion: condition PipelineVersionStatus reason READY → Healthy, FAILED → Degraded, else Progressing.',
  rules: [
    noStatusYet('Kubeflow Pipelines API server'),
    staleGeneration(),
    { when: { condition: 'PipelineVersionStatus', reasonIn: ['READY'] }, status: 'Healthy', message: ['ready'] },
    { when: { condition: 'PipelineVersionStatus', reasonIn: ['FAILED'] }, status: 'Degraded', message: ['failed: ', status('message')] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for Kubeflow Pipelines to record the version (', status('reason'), ')'] },
};
