import { Json, path } from '../json';
import { Rule, Violation } from '../rule';
import { componentsOf } from './components';
import { asAnyNumber } from './json';
import { INFERENCE_SERVICE } from './kinds';

export const replicas: Rule = {
  id: 'kserve/replicas',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'Every component (and canary predictor) has minReplicas ≥ 0, maxReplicas ≥ 0, and minReplicas (1 when not set) at most maxReplicas unless maxReplicas is 0 (unlimited).',
  why: 'KServe\'s webhook rejects the InferenceService otherwise ("\'MinReplicas\' cannot be greater than MaxReplicas").',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/component.go validateReplicas',
  *check(o) {
    for (const c of componentsOf(o, { canaries: true })) yield* replicaViolations(c.spec, c.at);
  },
};

/** `validateReplicas` of one component's (or graph's) `minReplicas`/`maxReplicas`. */
export function replicaViolations(spec: Json, at: ReadonlyArray<string | number>): Violation[] {
  const min = asAnyNumber(spec.minReplicas);
  const max = asAnyNumber(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < 0) {
    return [{ path: path(...at, 'minReplicas'), message: `must be ≥ 0, got ${min}`, fix: 'give 0 to scale to zero when idle, or the number of replicas to keep warm' }];
  }
  if (max < 0) return [{ path: path(...at, 'maxReplicas'), message: `must be ≥ 0, got ${max}`, fix: 'give the most replicas, or 0 (or nothing) for no limit' }];
  const effectiveMin = min ?? 1;
  if (max !== 0 && effectiveMin > max) {
    return [{
      path: path(...at, 'maxReplicas'),
      message: `maxReplicas ${max} is less than minReplicas ${effectiveMin}${min === undefined ? ' (the default)' : ''}`,
      fix: `raise maxReplicas to at least ${effectiveMin}, or lower minReplicas`,
    }];
  }
  return [];
}
