import { asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { KSERVE_CONTAINER, PREDICTOR_FRAMEWORKS } from './components';
import { INFERENCE_SERVICE } from './kinds';

export const modelContainerName: Rule = {
  id: 'kserve/model-container-name',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'The predictor\'s `model` (or framework field, e.g. `sklearn`) has no container `name`.',
  why: `KServe's webhook rejects it ("the 'name' field is not allowed in standard predictor"): the runtime's container is always named ${KSERVE_CONTAINER}, and the model's fields are merged into it.`,
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validatePredictor',
  *check(o) {
    const predictor = asObject(asObject(o.spec)?.predictor);
    for (const f of PREDICTOR_FRAMEWORKS) {
      const name = asString(asObject(predictor?.[f])?.name);
      if (name) yield { path: path('spec', 'predictor', f, 'name'), message: `is "${name}"; the 'name' field is not allowed in standard predictor`, fix: 'remove the name (the container is the runtime\'s)' };
    }
  },
};
