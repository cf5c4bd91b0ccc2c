import { App } from 'cdk8s';
import { ArgoCdDelivery } from 'cdk8s-kubeflow';
import { PlatformStack } from './platform';

/** The default app: the same platform in two environments, each synthesized to dist/<stack>/, delivered by Argo CD from dist/gitops/. */
export function buildApp(): App {
  const app = new App();
  // dev: one GPU each for the GPU notebook, the training job and one tuning trial.
  new PlatformStack(app, 'dev', { researchGpus: 3 });
  new PlatformStack(app, 'prod', { researchGpus: 16 });
  // dev runs in the cluster Argo CD runs in; prod in the cluster registered in Argo CD as "prod".
  new ArgoCdDelivery(app, 'gitops', {
    repoURL: 'https://github.com/example/ml-platform.git',
    targetRevision: 'main',
    destinations: { prod: { name: 'prod' } },
  });
  return app;
}
