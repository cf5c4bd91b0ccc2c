// Access to the one API server that global-setup.ts starts per jest run (or to any cluster
// whose kubeconfig is named by CDK8S_KUBEFLOW_TEST_KUBECONFIG, e.g. `npm run cluster:up`).
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { KubeClient } from './client';

/** Env var naming the kubeconfig of the shared test cluster. */
export const KUBECONFIG_ENV = 'CDK8S_KUBEFLOW_TEST_KUBECONFIG';

/** A client for the current context of a kubeconfig that embeds its CA and client cert/key. */
export function clientFromKubeconfig(kubeconfigPath: string): KubeClient {
  const cfg = parse(fs.readFileSync(kubeconfigPath, 'utf8'));
  const ctx = cfg.contexts.find((c: any) => c.name === cfg['current-context'])?.context;
  const cluster = cfg.clusters.find((c: any) => c.name === ctx?.cluster)?.cluster;
  const user = cfg.users.find((u: any) => u.name === ctx?.user)?.user;
  if (!cluster || !user) throw new Error(`${kubeconfigPath}: current context is incomplete`);
  const data = (v: string | undefined, what: string) => {
    if (!v) throw new Error(`${kubeconfigPath}: ${what} must be embedded (*-data)`);
    return Buffer.from(v, 'base64');
  };
  return new KubeClient({
    server: cluster.server,
    ca: data(cluster['certificate-authority-data'], 'certificate-authority-data'),
    cert: data(user['client-certificate-data'], 'client-certificate-data'),
    key: data(user['client-key-data'], 'client-key-data'),
  });
}

/** The shared cluster's kubeconfig path and a client for it; throws outside the cluster jest project. */
export function sharedCluster(): { kubeconfigPath: string; server: string; client: KubeClient } {
  const kubeconfigPath = process.env[KUBECONFIG_ENV];
  if (!kubeconfigPath || !fs.existsSync(kubeconfigPath)) {
    throw new Error(`${KUBECONFIG_ENV} is not set or missing: run cluster tests with "npm run test:cluster" (the cluster project's globalSetup starts the API server)`);
  }
  const client = clientFromKubeconfig(kubeconfigPath);
  return { kubeconfigPath, server: client.server, client };
}
