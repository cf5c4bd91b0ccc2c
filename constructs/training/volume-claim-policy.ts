import { IConstruct } from 'constructs';
import { checkName, fail, field as join, NameRule, Size, sizeQuantity, Volume, VolumeAccessMode } from '../core';
import { TrainingRuntime as TrainingRuntimeWire } from '../wire/trainer-kubeflow-org';

type VolumeClaimPolicyWire = NonNullable<NonNullable<NonNullable<NonNullable<TrainingRuntimeWire['spec']>['template']>['spec']>['volumeClaimPolicies']>[number];

/** Options of {@link VolumeClaimPolicy.claim}. */
export interface SharedClaimOptions {
  /** The claim's size. */
  readonly size: Size;
  /** ReadWriteMany when pods of several nodes mount it at once. @default [VolumeAccessMode.READ_WRITE_ONCE] */
  readonly accessModes?: VolumeAccessMode[];
  /** @default - the cluster's default StorageClass */
  readonly storageClass?: string;
  /** A raw block device instead of a filesystem. @default 'Filesystem' */
  readonly volumeMode?: 'Filesystem' | 'Block';
  /** Keep each job's claim when the TrainJob is deleted. @default false: JobSet deletes it with the job */
  readonly retain?: boolean;
}

/** JobSet names each TrainJob's claim `<claim>-<TrainJob name>` and allows at most 63 characters (validateVolumeClaimPolicies). */
export const MAX_CLAIM_NAME = 63;

/**
 * A PersistentVolumeClaim that JobSet creates for each TrainJob of the runtime and that its
 * steps share (the runtime's `volumeClaimPolicies`, Kubeflow Trainer 2.2.0 and later): e.g. the
 * `initializer` volume the initializers download into and the nodes read. Mount it like any
 * volume, `{ volume: claim.volume, path: '/workspace' }`; at least one step must. JobSet names
 * each job's claim `<name>-<TrainJob name>` and adds the pod volume itself.
 */
export class VolumeClaimPolicy {
  static claim(name: string, options: SharedClaimOptions): VolumeClaimPolicy {
    return new VolumeClaimPolicy(name, options);
  }

  /** The volume to mount; the pods' volume of this name is JobSet's to add. */
  public readonly volume: Volume;

  private constructor(public readonly name: string, private readonly options: SharedClaimOptions) {
    this.volume = Volume.fromPersistentVolumeClaim(name);
  }

  /** Validates the claim; `field` names it (e.g. `volumeClaimPolicies.initializer`). @internal */
  public _render(scope: IConstruct, field: string): VolumeClaimPolicyWire {
    const o = this.options;
    // A pod volume's name is a DNS-1123 label; JobSet adds "-<job>" (at least 2 characters) to name the claim.
    checkName(scope, field, this.name, NameRule.LABEL, MAX_CLAIM_NAME - 2);
    if (sizeQuantity(o.size) === '0') fail(scope, join(field, 'size'), 'is zero', 'give the claim a size, e.g. Size.gibibytes(20)');
    if (o.storageClass !== undefined) checkName(scope, join(field, 'storageClass'), o.storageClass);
    const modes = o.accessModes ?? [VolumeAccessMode.READ_WRITE_ONCE];
    if (modes.length === 0) fail(scope, join(field, 'accessModes'), 'is empty', 'give at least one access mode, e.g. VolumeAccessMode.READ_WRITE_MANY');
    if (new Set(modes).size !== modes.length) fail(scope, join(field, 'accessModes'), 'lists a mode twice', 'list each mode once');
    if (modes.includes(VolumeAccessMode.READ_WRITE_ONCE_POD) && modes.length > 1) {
      fail(scope, join(field, 'accessModes'), 'combines ReadWriteOncePod with other modes, which the API server rejects', 'use ReadWriteOncePod alone');
    }
    return {
      templates: [{
        metadata: { name: this.name },
        spec: { accessModes: [...modes], resources: { requests: { storage: sizeQuantity(o.size) } }, storageClassName: o.storageClass, volumeMode: o.volumeMode },
      }],
      retentionPolicy: o.retain ? { whenDeleted: 'Retain' } : undefined,
    };
  }
}
