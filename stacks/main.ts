import { App } from 'cdk8s';
import { PlatformStack } from './platform';

/** The default app: the same platform in two environments, each synthesized to dist/<stack>/. */
export function buildApp(): App {
  const app = new App();
  // dev: one GPU each for the GPU notebook, the training job and one tuning trial.
  new PlatformStack(app, 'dev', { researchGpus: 3 });
  new PlatformStack(app, 'prod', { researchGpus: 16 });
  return app;
}
