import { f, HealthModel, noStatusYet, p, Predicate, staleGeneration } from '../../model';

const STOP: readonly string[] = ['metadata', 'annotations', 'serving.kserve.io/stop'];
const ready = (field: 'message' | 'reason') => ({ conditionField: field, type: 'Ready' });
/**
 * Raw (Standard) mode: KServe reports Deployments, whose readiness is False while they roll
 * out, so Ready=False means "not yet" there; in Serverless (Knative) mode Ready=False is a
 * failed revision (Unknown is "not yet").
 */
const RAW: Predicate = {
  any: [
    { field: p('status.deploymentMode'), oneOf: ['RawDeployment', 'Standard'] },
    { field: ['metadata', 'annotations', 'serving.kserve.io/deploymentMode'], oneOf: ['RawDeployment', 'Standard'] },
  ],
};
/** A canary: the predictor's newest ready revision does not yet take all traffic (spec.predictor.canaryTrafficPercent). */
const CANARY: Predicate = {
  all: [
    { field: p('spec.predictor.canaryTrafficPercent'), lessThan: 100 },
    { field: p('status.components.predictor.latestReadyRevision'), differsFrom: p('status.components.predictor.latestRolledoutRevision') },
  ],
};

/**
 * KServe v1beta1 InferenceService (kserve/kserve `InferenceServiceStatus`, a Knative duck
 * status): conditions Ready, PredictorReady, IngressReady, … and Stopped; observedGeneration;
 * modelStatus.transitionStatus (UpToDate, InProgress, BlockedByFailedLoad, InvalidSpec) with
 * lastFailureInfo; components.predictor's latestReadyRevision / latestRolledoutRevision during
 * a canary rollout. Argo CD's built-in check knows neither canaries, the stop annotation nor raw
 * mode's False-while-rolling-out: ours replaces it.
 */
export const MODEL: HealthModel = {
  group: 'serving.kserve.io',
  kind: 'InferenceService',
  argocd: 'lua',
  notes: 'InferenceService: serving.kserve.io/stop or Stopped → Suspended; failed model load or (serverless) Ready=False → Degraded; canary rollout in progress → Progressing; Ready → Healthy.',
  rules: [
    { when: { field: STOP, equals: 'true' }, status: 'Suspended', message: ['stopped (serving.kserve.io/stop)'] },
    { when: { condition: 'Stopped', status: 'True' }, status: 'Suspended', message: ['stopped'] },
    noStatusYet('KServe controller'),
    staleGeneration(),
    {
      when: { field: p('status.modelStatus.transitionStatus'), oneOf: ['BlockedByFailedLoad', 'InvalidSpec'] },
      status: 'Degraded',
      message: [f('status.modelStatus.transitionStatus'), ': ', f('status.modelStatus.lastFailureInfo.reason'), ' ', f('status.modelStatus.lastFailureInfo.message')],
    },
    { when: { all: [{ condition: 'Ready', status: 'False' }, { not: RAW }] }, status: 'Degraded', message: ['not ready: ', ready('reason'), ' ', ready('message')] },
    {
      when: { all: [{ condition: 'Ready', status: 'True' }, CANARY] },
      status: 'Progressing',
      message: ['canary rollout: ', f('spec.predictor.canaryTrafficPercent'), '% of traffic to ', f('status.components.predictor.latestReadyRevision'), ', the rest to ', f('status.components.predictor.latestRolledoutRevision')],
    },
    { when: { condition: 'Ready', status: 'True' }, status: 'Healthy', message: ['ready at ', f('status.url')] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for Ready: ', ready('reason'), ' ', ready('message')] },
};
