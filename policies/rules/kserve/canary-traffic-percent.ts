import { path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { asAnyNumber } from './json';
import { INFERENCE_SERVICE } from './kinds';
import { describeMode, modeOf } from './mode';

export const canaryTrafficPercent: Rule = {
  id: 'kserve/canary-traffic-percent',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A component\'s canaryTrafficPercent is 0–100, and is used in Knative mode only (Standard mode\'s canaries are named, in spec.canary).',
  why: 'KServe\'s webhook lets both through, but Knative rejects a traffic split outside 0–100 when KServe writes it to the Knative Service, so the component never rolls out; and Standard mode has no revisions to split traffic between, so it ignores canaryTrafficPercent and sends all traffic to the predictor as written.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/reconcilers/knative/ksvc_reconciler.go (the only reader of canaryTrafficPercent)',
  *check(o) {
    const mode = modeOf(o);
    for (const c of componentsOf(o)) {
      const percent = asAnyNumber(c.spec.canaryTrafficPercent);
      if (percent === undefined) continue;
      const at = path(...c.at, 'canaryTrafficPercent');
      if (percent < 0 || percent > 100) {
        yield { path: at, message: `must be between 0 and 100, got ${percent}`, fix: 'give the share of requests for the new revision, e.g. 10' };
      } else if (mode.name === 'Standard') {
        yield {
          path: at,
          message: `${describeMode(mode)} has no revisions to split traffic between: KServe's raw deployment ignores canaryTrafficPercent and serves the ${c.kind} as written`,
          fix: 'in Standard mode run the candidate as a named canary (spec.canary: [{ predictor: { name, model }, trafficPercent }]); or use Knative mode for a revision canary',
        };
      }
    }
  },
};
