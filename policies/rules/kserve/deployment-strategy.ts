import { asObject, path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_SERVICE } from './kinds';
import { admissionAutoscaler, describeMode } from './mode';

export const deploymentStrategy: Rule = {
  id: 'kserve/deployment-strategy',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A component sets deploymentStrategy only in Standard (raw deployment) mode, not under the Knative pod autoscaler.',
  why: 'KServe\'s webhook rejects it ("customizing deploymentStrategy is only supported for raw deployment mode"): Knative rolls out new revisions itself.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateScalingKPACompExtension',
  *check(o) {
    const a = admissionAutoscaler(o);
    if (a?.kind !== 'kpa') return;
    for (const c of componentsOf(o)) {
      if (!asObject(c.spec.deploymentStrategy)) continue;
      yield {
        path: path(...c.at, 'deploymentStrategy'),
        message: `customizing deploymentStrategy is only supported for raw deployment mode; this is ${describeMode(a.mode)}, where Knative rolls out new revisions itself`,
        fix: 'remove deploymentStrategy, or use Standard mode (serving.kserve.io/deploymentMode: Standard)',
      };
    }
  },
};
