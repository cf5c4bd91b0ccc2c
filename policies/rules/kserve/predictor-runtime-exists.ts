import { asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { INFERENCE_SERVICE } from './kinds';
import { lookupRuntime } from './runtimes-in-set';

export const predictorRuntimeExists: Rule = {
  id: 'kserve/predictor-runtime-exists',
  category: 'runtime',
  severity: 'warning',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'predictor.model.runtime names a ServingRuntime of the InferenceService\'s namespace or a ClusterServingRuntime of the same set, or one KServe v0.20 installs.',
  why: 'KServe looks the runtime up by name when it reconciles the predictor and fails while none exists. It may exist in the cluster outside this set, hence a warning.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/utils/utils.go GetServingRuntime',
  *check(o, ctx) {
    const name = asString(asObject(asObject(asObject(o.spec)?.predictor)?.model)?.runtime);
    if (!name || lookupRuntime(ctx, o.metadata?.namespace, name)) return;
    const namespace = o.metadata?.namespace;
    yield {
      path: path('spec', 'predictor', 'model', 'runtime'),
      message: `no ServingRuntime${namespace ? ` in namespace ${namespace}` : ''} or ClusterServingRuntime named "${name}" is defined here, and KServe v0.20 installs none by that name`,
      fix: 'define the runtime, check the name, leave runtime out to let KServe choose one, or ignore this if the runtime is installed separately',
    };
  },
};
