// A kubeconfig that acts as a ServiceAccount of the test cluster: for tests of what a
// non-admin identity may and may not do (RBAC), as a pod with that account would.
import * as fs from 'node:fs';
import { parse, stringify } from 'yaml';
import { expectOk, KubeClient } from './client';

/**
 * Creates ServiceAccount `namespace/name` (if missing), asks the API server for a token for it
 * (TokenRequest, one hour) and writes a kubeconfig for it to `file`, with the cluster and CA of
 * `adminKubeconfig`. Returns `file`.
 */
export async function serviceAccountKubeconfig(client: KubeClient, adminKubeconfig: string, namespace: string, name: string, file: string): Promise<string> {
  const created = await client.post(`/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  if (created.status !== 409) expectOk(created, `create ServiceAccount ${namespace}/${name}`);
  const token = expectOk(await client.post(`/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 },
  }), `token for ${namespace}/${name}`).status.token as string;
  const admin = parse(fs.readFileSync(adminKubeconfig, 'utf8'));
  fs.writeFileSync(file, stringify({
    apiVersion: 'v1', kind: 'Config',
    clusters: admin.clusters,
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: admin.clusters[0].name, user: name, namespace } }],
    'current-context': name,
  }), { mode: 0o600 });
  return file;
}
