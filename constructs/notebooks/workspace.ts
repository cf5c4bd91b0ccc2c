import { Size } from '../core';

/** Options for a workspace volume the notebook creates. */
export interface NewWorkspaceOptions {
  /** @default Size.gibibytes(10) */
  readonly size?: Size;
  /** @default - the cluster's default StorageClass */
  readonly storageClass?: string;
}

/** The notebook's home directory volume: `Workspace.newVolume()`, `Workspace.existingClaim(…)` or `Workspace.none()`. */
export class Workspace {
  /** A PVC named `<notebook>-workspace` that the notebook creates (Kubeflow's convention). */
  static newVolume(options: NewWorkspaceOptions = {}): Workspace {
    return new Workspace('new', undefined, options.size ?? Size.gibibytes(10), options.storageClass);
  }
  /** A PVC that already exists in the namespace. */
  static existingClaim(claimName: string): Workspace {
    return new Workspace('existing', claimName);
  }
  /** No persistent home: files are lost when the notebook stops. */
  static none(): Workspace {
    return new Workspace('none');
  }
  private constructor(
    public readonly mode: 'new' | 'existing' | 'none',
    public readonly claimName?: string,
    public readonly size?: Size,
    public readonly storageClass?: string,
  ) {}
}
