import { asArray, asObject, path } from '../json';
import { Rule } from '../rule';
import { envVar } from './json';
import { INFERENCE_SERVICE } from './kinds';

/** `constants.TransformerContainerName`: a transformer run in the predictor's pod. */
const TRANSFORMER_CONTAINER = 'transformer-container';

export const collocatedTransformer: Rule = {
  id: 'kserve/collocated-transformer',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: `A transformer collocated in the predictor's pod (container ${TRANSFORMER_CONTAINER}) does not set STORAGE_URI.`,
  why: 'KServe\'s webhook rejects it ("storage uri should not be specified in transformer container"): the storage initializer downloads the predictor\'s model only.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateCollocationStorageURI',
  *check(o) {
    const containers = asArray(asObject(asObject(o.spec)?.predictor)?.containers);
    const i = containers.findIndex((c) => asObject(c)?.name === TRANSFORMER_CONTAINER);
    const env = i === -1 ? undefined : envVar(asObject(containers[i]), 'STORAGE_URI');
    if (!env) return;
    yield { path: path('spec', 'predictor', 'containers', i, 'env', env.index), message: 'storage uri should not be specified in transformer container', fix: 'give the model\'s storage URI to the predictor (model.storageUri, or STORAGE_URI on kserve-container)' };
  },
};
