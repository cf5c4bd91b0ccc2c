import { f, HealthModel, noStatusYet, p, staleGeneration } from '../../model';

const ready = (field: 'message' | 'reason') => ({ conditionField: field, type: 'Ready' });

/**
 * KServe v1alpha1 InferenceGraph (a Knative duck status: Ready condition, observedGeneration,
 * url, deploymentMode). As for InferenceService, Ready=False is a failure in Serverless mode and
 * "still rolling out" in raw mode. Argo CD has no check: emitted.
 */
export const MODEL: HealthModel = {
  group: 'serving.kserve.io',
  kind: 'InferenceGraph',
  argocd: 'lua',
  notes: 'InferenceGraph: Ready → Healthy; Ready=False → Degraded (serverless) or Progressing (raw); else Progressing.',
  rules: [
    noStatusYet('KServe controller'),
    staleGeneration(),
    { when: { condition: 'Ready', status: 'True' }, status: 'Healthy', message: ['ready at ', f('status.url')] },
    {
      when: {
        all: [
          { condition: 'Ready', status: 'False' },
          { not: { any: [{ field: p('status.deploymentMode'), oneOf: ['RawDeployment', 'Standard'] }, { field: ['metadata', 'annotations', 'serving.kserve.io/deploymentMode'], oneOf: ['RawDeployment', 'Standard'] }] } },
        ],
      },
      status: 'Degraded',
      message: ['not ready: ', ready('reason'), ' ', ready('message')],
    },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for Ready: ', ready('reason'), ' ', ready('message')] },
};
