// jest globalTeardown: stops the cluster started by global-setup.ts (same process).
import type { Cluster } from './harness';

export default async function globalTeardown(): Promise<void> {
  const cluster: Cluster | undefined = (globalThis as any).__CDK8S_KUBEFLOW_CLUSTER__;
  if (!cluster) return;
  await cluster.stop();
  delete (globalThis as any).__CDK8S_KUBEFLOW_CLUSTER__;
}
