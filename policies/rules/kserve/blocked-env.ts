import { Manifest } from '../../../manifest';
import { asArray, asObject, asString, Json, path } from '../json';
import { Rule } from '../rule';
import { PREDICTOR_FRAMEWORKS } from './components';
import { envVar } from './json';
import { INFERENCE_SERVICE, RUNTIMES } from './kinds';

/** `validation.DefaultBlockedEnvVars`: env vars that would let a model load code from elsewhere. */
const BLOCKED = ['PYTHONPATH'];

export const blockedEnv: Rule = {
  id: 'kserve/blocked-env',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE, ...RUNTIMES],
  summary: 'No container of an InferenceService component (containers, initContainers, the model\'s or ART explainer\'s container, the workerSpec\'s) or of a ServingRuntime sets PYTHONPATH.',
  why: 'KServe\'s webhooks reject it ("setting PYTHONPATH in container … is not allowed for security reasons"): it would let the server import code from outside the image.',
  source: 'kserve/kserve pkg/validation/env_policy.go ValidateBlockedEnvVars, called by inference_service_validation.go validateBlockedEnvVars and pkg/webhook/admission/servingruntime validateBlockedEnvVars',
  *check(o) {
    for (const { container, at } of containersOf(o)) {
      for (const name of BLOCKED) {
        const env = envVar(container, name);
        if (!env) continue;
        yield {
          path: path(...at, 'env', env.index),
          message: `setting ${name} in container "${asString(container.name) ?? ''}" is not allowed for security reasons`,
          fix: 'install the code into the image, or load it from the model directory the server is given',
        };
      }
    }
  },
};

type Segments = ReadonlyArray<string | number>;

function containersOf(o: Manifest): Array<{ container: Json; at: Segments }> {
  const spec = asObject(o.spec) ?? {};
  const out: Array<{ container: Json; at: Segments }> = [];
  const list = (owner: Json | undefined, at: Segments, keys: readonly string[]) => {
    for (const key of keys) {
      asArray(owner?.[key]).forEach((c, i) => {
        const container = asObject(c);
        if (container) out.push({ container, at: [...at, key, i] });
      });
    }
  };
  if (o.kind !== 'InferenceService') {
    list(spec, ['spec'], ['containers']);
    list(asObject(spec.workerSpec), ['spec', 'workerSpec'], ['containers']);
    return out;
  }
  const both = ['containers', 'initContainers'];
  const predictor = asObject(spec.predictor);
  list(predictor, ['spec', 'predictor'], both);
  const framework = PREDICTOR_FRAMEWORKS.find((f) => asObject(predictor?.[f]));
  if (framework) out.push({ container: asObject(predictor?.[framework]) ?? {}, at: ['spec', 'predictor', framework] });
  list(asObject(predictor?.workerSpec), ['spec', 'predictor', 'workerSpec'], both);
  list(asObject(spec.transformer), ['spec', 'transformer'], both);
  const explainer = asObject(spec.explainer);
  list(explainer, ['spec', 'explainer'], both);
  if (asObject(explainer?.art)) out.push({ container: asObject(explainer?.art) ?? {}, at: ['spec', 'explainer', 'art'] });
  return out;
}
