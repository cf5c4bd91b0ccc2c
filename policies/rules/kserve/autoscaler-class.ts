import { path } from '../json';
import { Rule } from '../rule';
import { INFERENCE_SERVICE } from './kinds';
import { AUTOSCALER_CLASS } from './mode';

/** `constants.AutoscalerAllowedClassList` (Knative's KPA is chosen by the deployment mode, not by this annotation). */
const CLASSES = ['hpa', 'external', 'keda', 'none'];

export const autoscalerClass: Rule = {
  id: 'kserve/autoscaler-class',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: `The ${AUTOSCALER_CLASS} annotation, when set, is hpa, external, keda or none.`,
  why: 'KServe\'s webhook rejects other values ("[…] is not a supported autoscaler class type").',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateInferenceServiceAutoscaler',
  *check(o) {
    const value = o.metadata?.annotations?.[AUTOSCALER_CLASS];
    if (value === undefined || CLASSES.includes(value)) return;
    yield {
      path: path('metadata', 'annotations', AUTOSCALER_CLASS),
      message: `[${value}] is not a supported autoscaler class type`,
      fix: `use ${CLASSES.join(', ')}${value === 'kpa' ? '; Knative\'s pod autoscaler comes with Knative mode (serving.kserve.io/deploymentMode: Knative), not with this annotation' : ''}`,
    };
  },
};
