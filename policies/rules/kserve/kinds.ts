import { KindSelector } from '../rule';

const group = 'serving.kserve.io';

export const INFERENCE_SERVICE: KindSelector = { group, kind: 'InferenceService', versions: ['v1beta1'] };
export const INFERENCE_GRAPH: KindSelector = { group, kind: 'InferenceGraph', versions: ['v1alpha1'] };
export const SERVING_RUNTIME: KindSelector = { group, kind: 'ServingRuntime', versions: ['v1alpha1'] };
export const CLUSTER_SERVING_RUNTIME: KindSelector = { group, kind: 'ClusterServingRuntime', versions: ['v1alpha1'] };
export const TRAINED_MODEL: KindSelector = { group, kind: 'TrainedModel', versions: ['v1alpha1'] };
export const CLUSTER_STORAGE_CONTAINER: KindSelector = { group, kind: 'ClusterStorageContainer', versions: ['v1alpha1'] };

/** Both runtime kinds, which share their spec and webhook. */
export const RUNTIMES: readonly KindSelector[] = [SERVING_RUNTIME, CLUSTER_SERVING_RUNTIME];
