// Plain KServe objects for the rule tests.
import { Manifest } from '../../../manifest';

type Spec = Record<string, unknown>;

/** An InferenceService `name` in namespace `team`, with `annotations` (deployment mode and autoscaler). */
export function isvc(spec: Spec, annotations: Record<string, string> = {}, name = 'iris'): Manifest {
  return { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name, namespace: 'team', annotations }, spec };
}

export const KNATIVE = { 'serving.kserve.io/deploymentMode': 'Knative' };
export const STANDARD = { 'serving.kserve.io/deploymentMode': 'Standard' };
export const STANDARD_HPA = { ...STANDARD, 'serving.kserve.io/autoscalerClass': 'hpa' };
export const STANDARD_KEDA = { ...STANDARD, 'serving.kserve.io/autoscalerClass': 'keda' };
export const KNATIVE_HPA = { ...KNATIVE, 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' };

/** A model predictor (`predictor.model`) of `format`, loading `uri`, with extra predictor fields. */
export function model(format = 'sklearn', uri = 's3://models/iris', extra: Spec = {}): Spec {
  return { model: { modelFormat: { name: format }, storageUri: uri }, ...extra };
}

/** A custom container named kserve-container. */
export function server(env: Record<string, string> = {}, name = 'kserve-container'): Spec {
  return { name, image: 'ghcr.io/org/server:1', env: Object.entries(env).map(([n, value]) => ({ name: n, value })) };
}

export function graph(nodes: Spec, name = 'pets', annotations: Record<string, string> = KNATIVE, extra: Spec = {}): Manifest {
  return { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'InferenceGraph', metadata: { name, namespace: 'team', annotations }, spec: { nodes, ...extra } };
}

export function servingRuntime(name: string, spec: Spec, namespace = 'team'): Manifest {
  return { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ServingRuntime', metadata: { name, namespace }, spec: { containers: [server()], ...spec } };
}

export function clusterServingRuntime(name: string, spec: Spec): Manifest {
  return { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ClusterServingRuntime', metadata: { name }, spec: { containers: [server()], ...spec } };
}

/** `[path, message]` of each finding, for compact expectations. */
export function where(findings: ReadonlyArray<{ path: string; message: string }>): Array<[string, string]> {
  return findings.map((f) => [f.path, f.message]);
}
