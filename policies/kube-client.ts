import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as k8s from '@kubernetes/client-node';

/**
 * @kubernetes/client-node 1.x is ESM-only. Node ≥ 20.19 `require`s ES modules natively, but
 * jest's module loader does not, and jest also wraps `import('node:module')`. The real module
 * builtin, reached through process.getBuiltinModule, gives a native require in both.
 */
const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
export const kube: typeof k8s = createRequire(__filename)('@kubernetes/client-node');

export type KubeConfig = k8s.KubeConfig;

/** The service-account token a pod is given; its presence means "running in a cluster". */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** No kubeconfig could be found or read; the message lists what was tried. */
export class KubeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeConfigError';
  }
}

/**
 * The kubeconfig kubectl would use: `path` if given, else the files of $KUBECONFIG, else
 * ~/.kube/config, else the pod's service account. Unlike client-node's `loadFromDefault()`,
 * which falls back to an unauthenticated http://localhost:8080, finding none is an error that
 * names every place tried.
 */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new kube.KubeConfig();
  if (path !== undefined) {
    if (!existsSync(path)) throw new KubeConfigError(`kubeconfig ${path} does not exist`);
    return read(kc, () => kc.loadFromFile(path), path);
  }
  const env = process.env.KUBECONFIG;
  const envFiles = (env ?? '').split(delimiter).filter(Boolean);
  const home = join(process.env.HOME || homedir(), '.kube', 'config'); // $HOME first, as kubectl
  if (envFiles.some(existsSync)) {
    // Like kubectl: the files that exist, merged, the first one's current context winning.
    const [first, ...rest] = envFiles.filter(existsSync);
    read(kc, () => kc.loadFromFile(first), first);
    for (const file of rest) {
      const other = new kube.KubeConfig();
      read(other, () => other.loadFromFile(file), file);
      kc.mergeConfig(other);
    }
    return kc;
  }
  if (envFiles.length === 0 && existsSync(home)) return read(kc, () => kc.loadFromFile(home), home);
  if (envFiles.length === 0 && existsSync(IN_CLUSTER_TOKEN)) {
    kc.loadFromCluster();
    return kc;
  }
  const tried = envFiles.length
    ? [`$KUBECONFIG=${env} (${envFiles.length === 1 ? 'the file does not exist' : 'none of its files exists'})`]
    : ['$KUBECONFIG (not set)', `${home} (does not exist)`, `the in-cluster service account ${IN_CLUSTER_TOKEN} (not running in a pod)`];
  throw new KubeConfigError(`no kubeconfig found; tried ${tried.join(', ')}`);
}

function read(kc: KubeConfig, load: () => void, file: string): KubeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${(e as Error).message}`);
  }
  if (!text.trim()) throw new KubeConfigError(`kubeconfig ${file} is empty`);
  try {
    load();
  } catch (e) {
    throw new KubeConfigError(`kubeconfig ${file} is not a valid kubeconfig: ${(e as Error).message.split('\n')[0]}`);
  }
  return kc;
}
