import { presentIsHealthy } from '../../model';

/** Kubeflow Pipelines v2beta1 Pipeline has no status (its versions carry one): present is healthy, Argo CD's default. */
export const MODEL = presentIsHealthy('pipelines.kubeflow.org', 'Pipeline', 'none', 'Pipeline: no status; healthy once it exists.');
