import { HealthModel } from '../../model';

const PIPELINE_ID_LABEL = ['metadata', 'labels', 'pipelines.kubeflow.org/pipeline-id'];
const status = (field: 'message' | 'reason') => ({ conditionField: field, type: 'PipelineVersionStatus' }) as const;

/**
 * Kubeflow Pipelines v2beta1 PipelineVersion (Kubernetes-native API mode, KFP 2.17). KFP's
 * mutating webhook labels every admitted version with its pipeline's ID; a version without the
 * label was not admitted by KFP (the API server is not in Kubernetes-native mode, or its webhook
 * is missing), and KFP's API will not list it. Only versions created through KFP's REST API get
 * a status: ONE condition of type PipelineVersionStatus whose reason is the state (CREATING,
 * READY, DELETING: KFP 2.17 has no failed state, as an invalid spec is rejected at admission); a
 * version applied from git never gets one and is usable as soon as it is stored. Argo CD has no
 * check: emitted.
 */
export const MODEL: HealthModel = {
  group: 'pipelines.kubeflow.org',
  kind: 'PipelineVersion',
  argocd: 'lua',
  notes: 'PipelineVersion: no pipeline-id label (not admitted by KFP) → Degraded; no status or reason READY → Healthy; DELETING or CREATING → Progressing.',
  rules: [
    {
      when: { absent: PIPELINE_ID_LABEL },
      status: 'Degraded',
      message: ['not admitted by Kubeflow Pipelines (no label pipelines.kubeflow.org/pipeline-id): run its API server in Kubernetes-native mode (--pipelinesStoreKubernetes=true) with its webhooks'],
    },
    { when: { absent: ['status', 'conditions'] }, status: 'Healthy', message: ['stored (versions applied from git get no status)'] },
    { when: { condition: 'PipelineVersionStatus', reasonIn: ['READY'] }, status: 'Healthy', message: ['ready'] },
    { when: { condition: 'PipelineVersionStatus', reasonIn: ['DELETING'] }, status: 'Progressing', message: ['being deleted'] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for Kubeflow Pipelines to record the version (', status('reason'), ')'] },
};
