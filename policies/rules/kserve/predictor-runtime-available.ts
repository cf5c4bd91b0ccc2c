import { asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { BUILT_IN_RUNTIMES } from './built-in-runtimes';
import { INFERENCE_SERVICE } from './kinds';
import { describeFormat, Format, modelProtocol, servesFormat, speaksProtocol } from './runtime-match';
import { KnownRuntime, lookupRuntime, runtimesInSet } from './runtimes-in-set';

export const predictorRuntimeAvailable: Rule = {
  id: 'kserve/predictor-runtime-available',
  category: 'runtime',
  severity: 'warning',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A predictor.model without runtime has a runtime to auto-select (one of the set, or one KServe v0.20 installs: enabled, single-model, auto-selecting the format and version, speaking the protocol, v1 when none is given); a built-in runtime it names serves the format and protocol.',
  why: 'KServe picks the runtime when it reconciles the predictor, and fails with "no runtime found to support predictor" when none fits. A platform may install runtimes of its own, hence a warning.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/predictor_model.go GetSupportingRuntimes; pkg/controller/v1beta1/inferenceservice/components/predictor.go reconcileModel',
  *check(o, ctx) {
    const predictor = asObject(asObject(o.spec)?.predictor);
    const model = asObject(predictor?.model);
    if (!model) return;
    const format: Format = { name: asString(asObject(model.modelFormat)?.name) ?? '', version: asString(asObject(model.modelFormat)?.version) };
    if (!format.name) return;
    const protocol = modelProtocol(model);
    const named = asString(model.runtime);
    const namespace = o.metadata?.namespace;
    if (named) {
      const runtime = lookupRuntime(ctx, namespace, named);
      if (!runtime?.builtIn) return;
      if (servesFormat(runtime.facts, format, true) && speaksProtocol(runtime.facts, protocol)) return;
      yield {
        path: path('spec', 'predictor', 'model', 'runtime'),
        message: `KServe v0.20's ${named} does not serve ${describeFormat(format)}${protocol ? ` over ${protocol}` : ''}`,
        fix: 'check the format version and protocolVersion, or name a runtime of your own that serves them',
      };
      return;
    }
    const auto = protocol ?? 'v1';
    const multiNode = asObject(predictor?.workerSpec) !== undefined;
    const inSet = runtimesInSet(ctx, namespace);
    const builtIns: KnownRuntime[] = [...BUILT_IN_RUNTIMES].filter(([name]) => !inSet.some((r) => r.name === name))
      .map(([name, facts]) => ({ name, kind: 'built-in ClusterServingRuntime', facts, builtIn: true }));
    const fits = [...inSet, ...builtIns].some(({ facts: f }) => !f.disabled && !f.multiModel && f.multiNode === multiNode && servesFormat(f, format, false) && speaksProtocol(f, auto));
    if (fits) return;
    yield {
      path: path('spec', 'predictor', 'model', 'modelFormat'),
      message: `no ${multiNode ? 'multi-node ' : ''}runtime defined here or installed by KServe v0.20 auto-selects ${describeFormat(format)} over ${auto}`,
      fix: 'check the format version and protocolVersion, or name a runtime of your own that serves them',
    };
  },
};
