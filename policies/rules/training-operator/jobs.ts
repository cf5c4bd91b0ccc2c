// The v1 job kinds (kubeflow.org/v1) as the training operator v1.9.4 defines them, and access to
// their replica specs as plain JSON.
import { Manifest } from '../../../manifest';
import { asArray, asObject, Json, path } from '../json';
import { KindSelector } from '../rule';

/** What the operator knows of one job kind (pkg/apis/kubeflow.org/v1/<framework>_types.go). */
export interface JobKind {
  readonly kind: string;
  /** The field of `spec` holding the replica specs, e.g. `pytorchReplicaSpecs`. */
  readonly specsField: string;
  /** The container the operator configures (the kind's DefaultContainerName). */
  readonly container: string;
  /** The replica types it checks, exactly as spelled; TFJob's webhook checks none. */
  readonly replicaTypes?: readonly string[];
  /** Whether the operator runs an admission webhook for the kind (MPIJob's is a scaffold: its controller checks the spec). */
  readonly webhook: boolean;
}

export const JOB_KINDS: Readonly<Record<string, JobKind>> = {
  PyTorchJob: { kind: 'PyTorchJob', specsField: 'pytorchReplicaSpecs', container: 'pytorch', replicaTypes: ['Master', 'Worker'], webhook: true },
  TFJob: { kind: 'TFJob', specsField: 'tfReplicaSpecs', container: 'tensorflow', webhook: true },
  XGBoostJob: { kind: 'XGBoostJob', specsField: 'xgbReplicaSpecs', container: 'xgboost', replicaTypes: ['Master', 'Worker'], webhook: true },
  PaddleJob: { kind: 'PaddleJob', specsField: 'paddleReplicaSpecs', container: 'paddle', replicaTypes: ['Master', 'Worker'], webhook: true },
  JAXJob: { kind: 'JAXJob', specsField: 'jaxReplicaSpecs', container: 'jax', replicaTypes: ['Worker'], webhook: true },
  MPIJob: { kind: 'MPIJob', specsField: 'mpiReplicaSpecs', container: 'mpi', replicaTypes: ['Launcher', 'Worker'], webhook: false },
};

/** The kinds whose webhook the operator runs. */
export const WEBHOOK_KINDS: readonly string[] = Object.values(JOB_KINDS).filter((k) => k.webhook).map((k) => k.kind);

/** Selectors of v1 job kinds. */
export function jobKinds(...kinds: string[]): KindSelector[] {
  return kinds.map((kind) => ({ group: 'kubeflow.org', kind, versions: ['v1'] }));
}

export function specOf(job: Manifest): Json {
  return asObject(job.spec) ?? {};
}

/** One entry of a job's replica specs. */
export interface Replica {
  /** The replica type, the map key (`Master`, `Worker`, …). */
  readonly type: string;
  readonly spec: Json;
  /** Path segments of the entry, e.g. `['spec', 'pytorchReplicaSpecs', 'Worker']`. */
  readonly at: readonly string[];
}

/** The replica specs of a job, in the order given; none when the map is missing (the schema requires it). */
export function replicasOf(job: Manifest): Replica[] {
  const kind = JOB_KINDS[job.kind];
  const specs = asObject(specOf(job)[kind.specsField]);
  return Object.entries(specs ?? {}).map(([type, spec]) => ({ type, spec: asObject(spec) ?? {}, at: ['spec', kind.specsField, type] }));
}

/** The containers of a replica's pod template. */
export function containersOf(replica: Replica): readonly unknown[] {
  return asArray(asObject(asObject(replica.spec.template)?.spec)?.containers);
}

/** Path of a replica's container list, or of one field under it. */
export function containersPath(replica: Replica, ...rest: Array<string | number>): string {
  return path(...replica.at, 'template', 'spec', 'containers', ...rest);
}

/** The index of the container the operator configures: the kind's named one, else the only one. */
export function mainContainerIndex(job: Manifest, replica: Replica): number | undefined {
  const containers = containersOf(replica);
  const named = containers.findIndex((c) => asObject(c)?.name === JOB_KINDS[job.kind].container);
  if (named !== -1) return named;
  return containers.length === 1 ? 0 : undefined;
}
