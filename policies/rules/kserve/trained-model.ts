import { asObject, asString } from '../json';
import { Rule } from '../rule';
import { TRAINED_MODEL } from './kinds';

/** `storage.SupportedProtocols` of KServe's model agent, which downloads TrainedModels. */
const PREFIXES = ['s3://', 'gs://', 'https://', 'http://'];

export const trainedModel: Rule = {
  id: 'kserve/trained-model',
  category: 'admission',
  severity: 'error',
  appliesTo: [TRAINED_MODEL],
  summary: `A TrainedModel's name consists of letters, digits, "_" and "-", and its spec.model.storageUri starts with ${PREFIXES.join(', ')}.`,
  why: 'KServe\'s webhook rejects it otherwise: the model agent of a multi-model server downloads the model with one of those protocols, under the model\'s name.',
  source: 'kserve/kserve pkg/apis/serving/v1alpha1/trainedmodel_webhook.go validateTrainedModelName, validateStorageURI',
  *check(o) {
    const name = o.metadata?.name;
    if (name !== undefined && !/^[a-zA-Z0-9_-]+$/.test(name)) {
      yield { path: '.metadata.name', message: `"${name}" is invalid: a Trained Model name must consist of alphanumeric characters, '_', or '-'`, fix: 'rename it, e.g. without dots' };
    }
    const uri = asString(asObject(asObject(o.spec)?.model)?.storageUri) ?? '';
    if (!PREFIXES.some((p) => uri.startsWith(p))) {
      yield { path: '.spec.model.storageUri', message: `"${uri}" is invalid: the storage uri must start with one of the prefixes: ${PREFIXES.join(', ')}`, fix: 'put the model where the model agent can download it (S3, GCS, or http(s))' };
    }
  },
};
