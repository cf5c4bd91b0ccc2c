import { asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { INFERENCE_SERVICE } from './kinds';
import { describeFormat, Format, modelProtocol, servesFormat, speaksProtocol } from './runtime-match';
import { lookupRuntime } from './runtimes-in-set';

export const predictorRuntime: Rule = {
  id: 'kserve/predictor-runtime',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A ServingRuntime or ClusterServingRuntime of the same set that predictor.model.runtime names is enabled, single-model, lists the model\'s format (and version, when given), and speaks its protocolVersion (when given; v2 for triton and vLLM).',
  why: 'KServe\'s webhook does not look at the runtime, but its predictor reconciler refuses a disabled runtime or one that does not support the format or protocol ("specified runtime … does not support …"), and multi-model (ModelMesh) runtimes are not for InferenceService predictors, so the predictor never starts.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/components/predictor.go reconcileModel; pkg/apis/serving/v1beta1/predictor_model.go RuntimeSupportsModel',
  *check(o, ctx) {
    const model = asObject(asObject(asObject(o.spec)?.predictor)?.model);
    const name = asString(model?.runtime);
    if (!model || !name) return;
    const runtime = lookupRuntime(ctx, o.metadata?.namespace, name);
    if (!runtime || runtime.builtIn) return;
    const at = path('spec', 'predictor', 'model', 'runtime');
    const label = `${runtime.kind} "${name}"`;
    const f = runtime.facts;
    if (f.disabled) {
      yield { path: at, message: `${label} is disabled`, fix: 'enable it, or pick another runtime' };
      return;
    }
    if (f.multiModel) yield { path: at, message: `${label} is a multi-model (ModelMesh) runtime`, fix: 'InferenceService predictors need a single-model runtime: pick one, or drop runtime to let KServe choose' };
    const format: Format = { name: asString(asObject(model.modelFormat)?.name) ?? '', version: asString(asObject(model.modelFormat)?.version) };
    if (!servesFormat(f, format, true)) {
      yield {
        path: at,
        message: `${label} does not serve ${describeFormat(format)} (it serves ${f.formats.map(describeFormat).join(', ') || 'no format'})`,
        fix: 'pick a runtime that lists the format and version, or add it to the runtime\'s supportedModelFormats',
      };
    }
    const protocol = modelProtocol(model);
    if (protocol && !speaksProtocol(f, protocol)) {
      yield {
        path: path('spec', 'predictor', 'model', 'protocolVersion'),
        message: `${label} does not speak ${protocol}${asString(model.protocolVersion) ? '' : ` (KServe's default for ${format.name})`} (it speaks ${f.protocols?.join(', ')})`,
        fix: 'pick a protocol the runtime lists (or leave protocolVersion out to get the runtime\'s), or another runtime',
      };
    }
  },
};
