import { presentIsHealthy } from '../../model';

/** ClusterTrainingRuntime has no status (TrainJobs reference it): present is healthy, Argo CD's default. */
export const MODEL = presentIsHealthy('trainer.kubeflow.org', 'ClusterTrainingRuntime', 'none', 'ClusterTrainingRuntime: no status; healthy once it exists.');
