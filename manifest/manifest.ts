/** A plain Kubernetes object, as read from YAML or produced by synth. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** A manifest and the file it lives in (when it came from, or goes to, a file). */
export interface ManifestSource {
  /** Path relative to the folder read or written, e.g. `dev/team-a/notebook-lab.yaml`. */
  readonly file?: string;
  readonly object: Manifest;
  /** The construct that made it, when synth made it (e.g. `dev/Lab`): reports name it. */
  readonly construct?: string;
  /** 1-based line in `file` where the object starts, when read from a file. */
  readonly line?: number;
}

/** The API group of an `apiVersion`: `kubeflow.org` for `kubeflow.org/v1`, `''` for the core `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** `apiVersion Kind namespace/name`, the way every report names an object. */
export function describeResource(m: Manifest): string {
  const name = m.metadata?.name ?? '<unnamed>';
  const ns = m.metadata?.namespace;
  return `${m.apiVersion} ${m.kind} ${ns ? `${ns}/` : ''}${name}`;
}
