import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as wire from '../wire/core';
import { fail } from './errors';
import { sizeQuantity } from './quantities';

/** A pod volume. Mount it with a {@link VolumeMount}; the pod collects the volumes of its mounts. */
export class Volume {
  /** An existing PersistentVolumeClaim, by name. */
  static fromPersistentVolumeClaim(claimName: string, options: { name?: string; readOnly?: boolean } = {}): Volume {
    return new Volume(options.name ?? claimName, { persistentVolumeClaim: { claimName, ...(options.readOnly ? { readOnly: true } : {}) } });
  }
  static fromConfigMap(configMapName: string, options: { name?: string; defaultMode?: number } = {}): Volume {
    return new Volume(options.name ?? configMapName, { configMap: { name: configMapName, defaultMode: options.defaultMode } });
  }
  static fromSecret(secretName: string, options: { name?: string; defaultMode?: number } = {}): Volume {
    return new Volume(options.name ?? secretName, { secret: { secretName, defaultMode: options.defaultMode } });
  }
  static emptyDir(name: string, options: { sizeLimit?: Size; memory?: boolean } = {}): Volume {
    return new Volume(name, {
      emptyDir: { ...(options.memory ? { medium: 'Memory' } : {}), ...(options.sizeLimit ? { sizeLimit: sizeQuantity(options.sizeLimit) } : {}) },
    });
  }
  /**
   * A memory-backed `/dev/shm`. PyTorch DataLoader workers and NCCL exchange tensors through
   * shared memory, and the container runtime's 64 MiB default makes them crash.
   */
  static sharedMemory(sizeLimit?: Size): Volume {
    return Volume.emptyDir('dshm', { memory: true, sizeLimit });
  }
  private constructor(public readonly name: string, private readonly source: Omit<wire.Volume, 'name'>) {}

  /** @internal */
  public _render(): wire.Volume {
    return { name: this.name, ...this.source };
  }
}

/** Where a volume appears in a container. */
export interface VolumeMount {
  readonly volume: Volume;
  /** Absolute path in the container. */
  readonly path: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default - the volume's root */
  readonly subPath?: string;
}

/** Throws unless every mount path is absolute and used once; `field` names the mounts prop. @internal */
export function checkMounts(scope: IConstruct, field: string, mounts: readonly VolumeMount[]): void {
  const seenPaths = new Set<string>();
  for (const m of mounts) {
    if (!m.path.startsWith('/')) {
      fail(scope, field, `mount path "${m.path}" of volume "${m.volume.name}" is not absolute`, 'start the path with "/"');
    }
    if (seenPaths.has(m.path)) {
      fail(scope, field, `two volumes are mounted at "${m.path}"`, 'mount each volume at its own path');
    }
    seenPaths.add(m.path);
  }
}

/** Wire format of a container's `volumeMounts` entry. @internal */
export function renderVolumeMount(m: VolumeMount): wire.VolumeMount {
  return { name: m.volume.name, mountPath: m.path, readOnly: m.readOnly || undefined, subPath: m.subPath };
}
