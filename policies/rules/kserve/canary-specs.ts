import { asArray, asObject, asString, path } from '../json';
import { Rule, Violation } from '../rule';
import { componentsOf, storageUriOf } from './components';
import { asAnyNumber } from './json';
import { INFERENCE_SERVICE } from './kinds';
import { describeMode, modeOf } from './mode';

/** Autoscaling fields a canary may not set: it runs fixed replicas. */
const SCALING = ['maxReplicas', 'scaleTarget', 'scaleMetric', 'autoScaling'] as const;

export const canarySpecs: Rule = {
  id: 'kserve/canary-specs',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'spec.canary is used only in Standard mode, beside a stable predictor with a model; each canary predictor has a name, unique and not the stable predictor\'s, trafficPercent 0–100 (at most 100 in total), no workerSpec, no autoscaling (maxReplicas, scaleTarget, scaleMetric, autoScaling) and minReplicas at most the stable predictor\'s.',
  why: 'KServe\'s webhook rejects the InferenceService otherwise: named canaries run beside the stable predictor with fixed replicas, which only Standard mode deploys.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateCanarySpecs',
  *check(o) {
    const spec = asObject(o.spec) ?? {};
    const canaries = asArray(spec.canary);
    if (canaries.length === 0) return;
    const mode = modeOf(o);
    if (mode.name !== 'Standard') {
      yield {
        path: '.spec.canary',
        message: `canary is only supported in Standard deployment mode; this is ${describeMode(mode)}`,
        fix: 'use serving.kserve.io/deploymentMode: Standard, or (Knative) put the candidate in the predictor and split traffic with predictor.canaryTrafficPercent',
      };
      return;
    }
    const stable = asObject(spec.predictor) ?? {};
    const predictor = componentsOf(o).find((c) => c.kind === 'predictor');
    if (!asObject(stable.model) && !(predictor && storageUriOf(predictor))) {
      yield { path: '.spec.predictor', message: 'canary requires a stable predictor with a model (multi-model serving is not supported with canary)', fix: 'serve the stable predictor from `model`, or from a custom container with a STORAGE_URI' };
    }
    const stableName = asString(stable.name) ?? '';
    const stableMin = asAnyNumber(stable.minReplicas) ?? 1;
    const names = new Set<string>();
    let total = 0;
    for (let i = 0; i < canaries.length; i++) {
      const entry = asObject(canaries[i]) ?? {};
      const p = asObject(entry.predictor) ?? {};
      const at = ['spec', 'canary', i];
      const name = asString(p.name) ?? '';
      const v = (field: ReadonlyArray<string | number>, message: string, fix: string): Violation => ({ path: path(...at, ...field), message, fix });
      if (!name) {
        yield v(['predictor', 'name'], `canary[${i}] predictor.name is required`, 'name the canary (its Deployment is <service>-<name>-predictor)');
      } else if (names.has(name)) {
        yield v(['predictor', 'name'], `canary predictor.name "${name}" is duplicated`, 'give each canary its own name');
      } else if (name === stableName) {
        yield v(['predictor', 'name'], `canary predictor.name "${name}" conflicts with stable predictor name`, 'give the canary another name');
      }
      names.add(name);
      const percent = asAnyNumber(entry.trafficPercent) ?? 0;
      if (percent < 0 || percent > 100) {
        yield v(['trafficPercent'], `canary "${name}" trafficPercent must be between 0 and 100, got ${percent}`, 'give the share of requests for the candidate, e.g. 10');
      }
      total += percent;
      if (asObject(p.workerSpec)) yield v(['predictor', 'workerSpec'], `canary "${name}" must not set workerSpec (multi-node is not yet supported for canary)`, 'remove workerSpec');
      for (const key of SCALING) {
        const set = key === 'maxReplicas' ? (asAnyNumber(p.maxReplicas) ?? 0) > 0 : p[key] !== undefined && p[key] !== null;
        if (set) yield v(['predictor', key], `canary "${name}" must not set ${key} (canary uses fixed replicas)`, 'remove it; give the canary\'s replicas in minReplicas');
      }
      const min = asAnyNumber(p.minReplicas);
      if (min !== undefined && min > stableMin) {
        yield v(['predictor', 'minReplicas'], `canary "${name}" minReplicas (${min}) must not exceed stable predictor minReplicas (${stableMin})`, `lower it to at most ${stableMin}, or raise the stable predictor's minReplicas`);
      }
    }
    if (total > 100) {
      yield { path: '.spec.canary', message: `sum of canary trafficPercent values (${total}) must be <= 100`, fix: 'lower the canaries\' shares' };
    }
  },
};
