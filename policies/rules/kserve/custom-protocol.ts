import { asArray, asObject, path } from '../json';
import { Rule } from '../rule';
import { componentsOf, implementationOf } from './components';
import { envVar } from './json';
import { INFERENCE_SERVICE } from './kinds';

export const customProtocol: Rule = {
  id: 'kserve/custom-protocol',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A custom predictor (and a canary\'s) that sets the PROTOCOL env var on its first container sets it to v1 or v2.',
  why: 'KServe\'s webhook rejects other values ("invalid protocol … Must be one of [v1, v2]"): KServe reads the protocol of a custom server from that env var.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/predictor_custom.go CustomPredictor.validateCustomProtocol',
  *check(o) {
    for (const c of componentsOf(o, { canaries: true })) {
      if (c.kind !== 'predictor' || implementationOf(c) !== 'containers') continue;
      const env = envVar(asObject(asArray(c.spec.containers)[0]), 'PROTOCOL');
      if (!env || env.value === 'v1' || env.value === 'v2') continue;
      yield {
        path: path(...c.at, 'containers', 0, 'env', env.index, 'value'),
        message: `invalid protocol ${env.value ?? '""'}. Must be one of [v1, v2]`,
        fix: 'custom predictors speak v1 or v2: set PROTOCOL to one of them (gRPC is served by runtimes through predictor.model)',
      };
    }
  },
};
