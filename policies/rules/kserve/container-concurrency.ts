import { path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { asAnyNumber } from './json';
import { INFERENCE_SERVICE } from './kinds';

export const containerConcurrency: Rule = {
  id: 'kserve/container-concurrency',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'containerConcurrency of every component (and canary predictor) is ≥ 0 (0: no limit).',
  why: 'KServe\'s webhook rejects a negative value ("parallelism cannot be less than 0").',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/component.go validateContainerConcurrency',
  *check(o) {
    for (const c of componentsOf(o, { canaries: true })) {
      const cc = asAnyNumber(c.spec.containerConcurrency);
      if (cc !== undefined && cc < 0) {
        yield { path: path(...c.at, 'containerConcurrency'), message: `must be ≥ 0, got ${cc}`, fix: 'give the most requests one replica processes at once, or 0 for no limit' };
      }
    }
  },
};
