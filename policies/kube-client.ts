import type * as k8s from '@kubernetes/client-node';

/**
 * @kubernetes/client-node 1.x is ESM-only. Node ≥ 20.19 `require`s ES modules natively, but
 * jest's module loader does not, and jest also wraps `import('node:module')`. The real module
 * builtin, reached through process.getBuiltinModule, gives a native require in both.
 */
const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
export const kube: typeof k8s = createRequire(__filename)('@kubernetes/client-node');

export type KubeConfig = k8s.KubeConfig;

/** The kubeconfig kubectl would use: `path` if given, else $KUBECONFIG, else ~/.kube/config. */
export function loadKubeConfig(path?: string): KubeConfig {
  const kc = new kube.KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  return kc;
}
