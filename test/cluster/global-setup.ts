// jest globalSetup: one kube-apiserver + etcd per test run, shared by every cluster test.
// Tests find it through process.env.CDK8S_KUBEFLOW_TEST_KUBECONFIG (also exported as
// KUBECONFIG, so @kubernetes/client-node's loadFromDefault() and kubectl target it, never a
// real cluster); see shared.ts. If CDK8S_KUBEFLOW_TEST_KUBECONFIG is already set (e.g. to
// the kubeconfig printed by `npm run cluster:up`), that cluster is reused and left running.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot, startCluster, TEST_CLUSTER_RELEASE } from './harness';
import { KUBECONFIG_ENV } from './shared';

export default async function globalSetup(): Promise<void> {
  const existing = process.env[KUBECONFIG_ENV];
  if (existing) {
    if (!fs.existsSync(existing)) throw new Error(`${KUBECONFIG_ENV}=${existing} does not exist`);
    process.env.KUBECONFIG = existing;
    console.error(`\n[cluster] reusing the cluster of ${existing}`);
    return;
  }
  const root = projectRoot();
  console.error(''); // jest's progress line does not end with a newline
  // The same CRDs as `npm run cluster:up`, so tests behave alike on a reused cluster (and share its etcd snapshot).
  const cluster = await startCluster({ crdDirs: [path.join(root, 'schemas', TEST_CLUSTER_RELEASE, 'crds')] });
  (globalThis as any).__CDK8S_KUBEFLOW_CLUSTER__ = cluster;
  process.env[KUBECONFIG_ENV] = cluster.kubeconfigPath;
  process.env.KUBECONFIG = cluster.kubeconfigPath;
}
