import { Manifest } from '../../../manifest';
import { asArray, asObject, asString, Json, path } from '../json';
import { Rule, Violation } from '../rule';
import { KSERVE_CONTAINER } from './components';
import { asAnyNumber, envVar } from './json';
import { INFERENCE_SERVICE, RUNTIMES } from './kinds';
import { AUTOSCALER_CLASS } from './mode';

const SIZE_ENV = ['PIPELINE_PARALLEL_SIZE', 'TENSOR_PARALLEL_SIZE'];

export const workerSpec: Rule = {
  id: 'kserve/worker-spec',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE, ...RUNTIMES],
  summary: 'Multi-node serving (a workerSpec) has one worker container, pipelineParallelSize and tensorParallelSize ≥ 1 and no PIPELINE_PARALLEL_SIZE/TENSOR_PARALLEL_SIZE env on the server container; an InferenceService\'s model also loads from a pvc:// or oci:// storageUri with the autoscaler class none. (The check of GPU resource names is left to KServe.)',
  why: 'KServe\'s webhooks reject the object otherwise: the worker set is sized from the workerSpec fields, and every node must read the same model without a download.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateMultiNodeVariables; pkg/webhook/admission/servingruntime/servingruntime_webhook.go validateMultiNodeSpec',
  *check(o) {
    const spec = asObject(o.spec) ?? {};
    if (o.kind === 'InferenceService') {
      yield* isvcViolations(o, asObject(spec.predictor) ?? {});
      return;
    }
    const worker = asObject(spec.workerSpec);
    if (!worker) return;
    yield* commonViolations(worker, ['spec', 'workerSpec']);
    const i = asArray(spec.containers).findIndex((c) => asObject(c)?.name === KSERVE_CONTAINER);
    if (i !== -1) yield* sizeEnvViolations(asObject(asArray(spec.containers)[i]) ?? {}, ['spec', 'containers', i]);
  },
};

function isvcViolations(o: Manifest, predictor: Json): Violation[] {
  const worker = asObject(predictor.workerSpec);
  if (!worker) return [];
  const out = commonViolations(worker, ['spec', 'predictor', 'workerSpec']);
  const model = asObject(predictor.model);
  if (!model) return out;
  out.push(...sizeEnvViolations(model, ['spec', 'predictor', 'model']));
  const uri = asString(model.storageUri);
  if (uri === undefined) {
    out.push({ path: '.spec.predictor.model', message: 'StorageURI must be set for multinode enabled', fix: 'give the model\'s storageUri (pvc:// or oci://)' });
  } else if (!['pvc', 'oci'].includes(uri.split('://')[0])) {
    out.push({ path: '.spec.predictor.model.storageUri', message: `Multinode only supports 'pvc' and 'oci' Storage Protocol(${uri.split('://')[0]})`, fix: 'put the model on a PVC (pvc://claim/path) or in a modelcar image (oci://…), which every node can read' });
  }
  const cls = o.metadata?.annotations?.[AUTOSCALER_CLASS];
  if (cls !== 'none') {
    out.push({ path: path('metadata', 'annotations', AUTOSCALER_CLASS), message: `Multinode only supports 'none' autoscaler(${cls ?? ''})`, fix: `set ${AUTOSCALER_CLASS}: none (the worker set does not autoscale)` });
  }
  return out;
}

function commonViolations(worker: Json, at: ReadonlyArray<string | number>): Violation[] {
  const out: Violation[] = [];
  if (asArray(worker.containers).length > 1) out.push({ path: path(...at, 'containers'), message: 'setting multiple containers in workerSpec is not allowed', fix: 'give the worker one container' });
  for (const key of ['pipelineParallelSize', 'tensorParallelSize']) {
    const n = asAnyNumber(worker[key]);
    if (n !== undefined && n < 1) out.push({ path: path(...at, key), message: `cannot be less than 1, got ${n}`, fix: 'give 1 or more' });
  }
  return out;
}

function sizeEnvViolations(container: Json, at: ReadonlyArray<string | number>): Violation[] {
  return SIZE_ENV.flatMap((name) => {
    const env = envVar(container, name);
    return env ? [{ path: path(...at, 'env', env.index), message: `setting ${name} in environment variables is not allowed`, fix: `set workerSpec.${name === SIZE_ENV[0] ? 'pipelineParallelSize' : 'tensorParallelSize'} instead` }] : [];
  });
}
