import { asObject, path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_SERVICE } from './kinds';

export const rollingUpdate: Rule = {
  id: 'kserve/rolling-update',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A component\'s deploymentStrategy.rollingUpdate does not set both maxSurge and maxUnavailable to 0.',
  why: 'KServe\'s webhook passes the strategy through, but Kubernetes rejects the Deployment KServe creates ("may not be 0 when maxSurge is 0"): a rollout could never make progress.',
  source: 'kubernetes/kubernetes pkg/apis/apps/validation ValidateRollingUpdateDeployment (the Deployment KServe\'s raw reconciler creates)',
  *check(o) {
    for (const c of componentsOf(o)) {
      const r = asObject(asObject(c.spec.deploymentStrategy)?.rollingUpdate);
      if (!r || !isZero(r.maxSurge) || !isZero(r.maxUnavailable)) continue;
      yield {
        path: path(...c.at, 'deploymentStrategy', 'rollingUpdate'),
        message: 'maxSurge and maxUnavailable are both 0, so a rollout could never make progress',
        fix: 'allow one extra pod (maxSurge: 1) or one missing pod (maxUnavailable: 1)',
      };
    }
  },
};

function isZero(v: unknown): boolean {
  return v === 0 || (typeof v === 'string' && /^0+%?$/.test(v));
}
