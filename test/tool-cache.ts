import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where tools built or installed for tests live (kube-apiserver and etcd, etcd snapshots, …):
 * once per user and machine, shared by every clone, the way setup-envtest keeps its assets.
 * `$XDG_CACHE_HOME/cdk8s-kubeflow`, else `~/.cache/cdk8s-kubeflow`; scripts receive it as
 * `CDK8S_KUBEFLOW_CACHE`.
 */
export function userCacheDir(): string {
  return process.env.CDK8S_KUBEFLOW_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cdk8s-kubeflow');
}
