import { App } from 'cdk8s';
import { ArgoCdDelivery, Reconciler, Stack } from 'cdk8s-kubeflow';
import { PlatformStack } from './platform';

/**
 * The default app: the same platform in two environments, each synthesized to dist/<stack>/, and a
 * reconciler in each of their clusters, delivered by Argo CD from dist/gitops/.
 */
export function buildApp(): App {
  const app = new App();
  // dev: one GPU each for the GPU notebook, the training job and one tuning trial.
  new PlatformStack(app, 'dev', { researchGpus: 3 });
  const prod = new PlatformStack(app, 'prod', { researchGpus: 16, featureServers: 2 });
  // The reconciler reports on the stacks of the cluster it runs in: one per cluster, each with the CRD.
  new Reconciler(new Stack(app, 'reconciler'), 'Reconciler');
  const prodReconciler = new Stack(app, 'reconciler-prod');
  new Reconciler(prodReconciler, 'Reconciler', { stacks: [prod, prodReconciler] });
  // dev runs in the cluster Argo CD runs in; prod in the cluster registered in Argo CD as "prod".
  new ArgoCdDelivery(app, 'gitops', {
    repoURL: 'https://github.com/example/ml-platform.git',
    targetRevision: 'main',
    destinations: { 'prod': { name: 'prod' }, 'reconciler-prod': { name: 'prod' } },
  });
  return app;
}
