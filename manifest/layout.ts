import { Manifest } from './manifest';

/**
 * The `dist/` layout: one YAML file per object at `<stack>/<namespace or _cluster>/<kind>-<name>.yaml`,
 * so a pull request's diff shows one object per file.
 */
export function fileFor(stack: string, m: Manifest): string {
  const ns = m.metadata?.namespace ?? CLUSTER_SCOPED_FOLDER;
  return `${stack}/${ns}/${m.kind.toLowerCase()}-${m.metadata?.name ?? 'unnamed'}.yaml`;
}

/** The folder of cluster-scoped objects (no namespace can be named so: it has an underscore). */
export const CLUSTER_SCOPED_FOLDER = '_cluster';

/** The stack a `dist/` file belongs to: its first path segment. */
export function stackOfFile(file: string): string {
  return file.split('/')[0];
}

/**
 * The stamp synth leaves in every folder it writes. Synth replaces a folder only when it is
 * absent, empty or carries this stamp, so it can never delete a folder it did not write.
 * Hidden and without a manifest extension, so Argo CD and `kubectl apply -R` ignore it.
 */
export const OUTPUT_MARKER = '.cdk8s-kubeflow';

/** What the stamp file says. */
export const OUTPUT_MARKER_TEXT = 'Written by `cdk8s-kubeflow synth`, which replaces this folder whole on every run.\n'
  + 'Keep nothing else here: other files would be removed with it.\n';
