import { presentIsHealthy } from '../../model';

/**
 * KServe v1alpha1 ClusterStorageContainer: no status (the InferenceService webhook reads it when
 * it injects a storage initializer): present is healthy, Argo CD's default (it has no check).
 */
export const MODEL = presentIsHealthy('serving.kserve.io', 'ClusterStorageContainer', 'none', 'ClusterStorageContainer: no status; healthy once it exists (Argo CD shows no health, the same in sync waves).');
