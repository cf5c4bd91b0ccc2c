import { presentIsHealthy } from '../../model';

/** PodDefault has no status (the admission webhook reads it when a pod is created): present is healthy, Argo CD's default. */
export const MODEL = presentIsHealthy('kubeflow.org', 'PodDefault', 'none', 'PodDefault: no status; healthy once it exists (Argo CD shows no health, the same in sync waves).');
