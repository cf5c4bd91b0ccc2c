import { presentIsHealthy } from '../../model';

/** TrainingRuntime has no status (TrainJobs reference it): present is healthy, Argo CD's default. */
export const MODEL = presentIsHealthy('trainer.kubeflow.org', 'TrainingRuntime', 'none', 'TrainingRuntime: no status; healthy once it exists.');
