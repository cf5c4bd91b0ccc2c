import { IConstruct } from 'constructs';
import {
  ContainerProps, EnvMap, fail, field as join, PodProps, renderPodTemplate, Size, Volume, VolumeMount, checkCount,
} from '../core';
import { PodTemplateSpec } from '../wire/core';

/** What the operator does when a replica's pod fails (`replicaSpecs.<role>.restartPolicy`). */
export enum RestartPolicy {
  ALWAYS = 'Always',
  /** Restart the container in place (counts against `runPolicy.backoffLimit`). */
  ON_FAILURE = 'OnFailure',
  NEVER = 'Never',
  /**
   * Restart only on retryable exit codes (1–127 are permanent failures; 128 and above, e.g.
   * 137 after an OOM kill or preemption, are retried). The pod itself uses `Never`.
   */
  EXIT_CODE = 'ExitCode',
}

/**
 * One role of a training job (Master, Worker, Chief, PS, Launcher, …): how many replicas, how
 * they restart, their main container (named as the operator requires: `pytorch`, `tensorflow`, …)
 * and their pod settings. The container props sit at the top level, so errors read e.g.
 * `worker.resources.gpu`.
 */
export interface ReplicaProps extends ContainerProps {
  /** @default 1 */
  readonly replicas?: number;
  /** @default - the framework's default: OnFailure for PyTorch and Paddle, Never for the others */
  readonly restartPolicy?: RestartPolicy;
  /**
   * Size of a memory-backed `/dev/shm`. PyTorch DataLoader workers and NCCL exchange data through
   * shared memory, and the container runtime's 64 MiB default makes them crash.
   * @default - the runtime's 64 MiB
   */
  readonly sharedMemory?: Size;
  /**
   * Pod settings of this role (node selector, tolerations, volumes, service account, …), merged
   * over the job's `pod`: maps (labels, annotations, nodeSelector, securityContext) are merged key
   * by key, lists (tolerations, volumes, imagePullSecrets, initContainers, sidecars) are
   * concatenated, other settings replace the job's.
   * @default - the job's `pod`
   */
  readonly pod?: PodProps;
}

/** A role as its framework defines it. @internal */
export interface RoleDefinition {
  /** The prop holding the role, e.g. `worker`. */
  readonly key: string;
  /** The replica type on the wire, e.g. `Worker`. */
  readonly type: string;
  /** The role's one pod is rank 0, which coordinates the job and reports its results (Master, Chief, Launcher). */
  readonly rankZero?: boolean;
  /** Fewest replicas the role needs to run at all (rules check what the operator enforces). @default 0 */
  readonly minReplicas?: number;
}

/** A role the user defined, with its definition. @internal */
export interface RoleInput {
  readonly def: RoleDefinition;
  readonly props: ReplicaProps;
}

/** Job-wide settings applied to every replica. @internal */
export interface ReplicaDefaults {
  /** The framework's required container name, e.g. `pytorch`. */
  readonly containerName: string;
  readonly restartPolicy: RestartPolicy;
  readonly pod?: PodProps;
  readonly env?: EnvMap;
  readonly mounts?: readonly VolumeMount[];
  /** Labels the job itself needs on every pod (PodDefault selectors). */
  readonly podLabels?: Record<string, string>;
  readonly podAnnotations?: Record<string, string>;
  readonly schedulerName?: string;
}

/** One `replicaSpecs` entry of a v1 job. @internal */
export interface ReplicaSpec {
  replicas: number;
  restartPolicy: RestartPolicy;
  template: PodTemplateSpec;
}

/** The replica count of a role (1 when not given). @internal */
export function replicasOf(props: ReplicaProps): number {
  return props.replicas ?? 1;
}

/**
 * Checks a role's replica count: a whole number, at least the role's minimum. The counts the
 * operator enforces (one Master, Chief or Launcher, …) are policy rules, reported by synth.
 * @internal
 */
export function checkReplicas(scope: IConstruct, role: RoleInput): void {
  const n = replicasOf(role.props);
  const field = join(role.def.key, 'replicas');
  checkCount(scope, field, n, 0, 'give the number of pods of this role');
  const min = role.def.minReplicas ?? 0;
  if (n < min) fail(scope, field, `must be at least ${min}, got ${n}`, `run at least ${min} ${role.def.type.toLowerCase()}${min > 1 ? 's' : ''}, or leave the role out`);
}

/**
 * The one rendering path of every v1 job kind: validates each role and renders the
 * `<framework>ReplicaSpecs` map, keyed by replica type in the order the roles are given.
 * @internal
 */
export function renderReplicaSpecs(scope: IConstruct, roles: RoleInput[], defaults: ReplicaDefaults): { [type: string]: ReplicaSpec } {
  const out: { [type: string]: ReplicaSpec } = {};
  for (const role of roles) {
    checkReplicas(scope, role);
    const { replicas: _r, restartPolicy, sharedMemory, pod, ...container } = role.props;
    const mounts = [...(defaults.mounts ?? []), ...(container.mounts ?? [])];
    if (sharedMemory) mounts.push({ volume: Volume.sharedMemory(sharedMemory), path: '/dev/shm' });
    const env = defaults.env || container.env ? { ...defaults.env, ...container.env } : undefined;
    const template = renderPodTemplate(scope, join(role.def.key, 'pod'), {
      containers: [{ name: defaults.containerName, field: role.def.key, props: { ...container, env, mounts } }],
      pod: mergePodProps(defaults.pod, pod, defaults.podAnnotations),
      labels: defaults.podLabels,
    });
    if (defaults.schedulerName) template.spec.schedulerName = defaults.schedulerName;
    out[role.def.type] = { replicas: replicasOf(role.props), restartPolicy: restartPolicy ?? defaults.restartPolicy, template };
  }
  return out;
}

/** Merges a role's pod settings over the job's (see {@link ReplicaProps.pod}). @internal */
export function mergePodProps(job: PodProps | undefined, role: PodProps | undefined, annotations?: Record<string, string>): PodProps {
  const j = job ?? {};
  const r = role ?? {};
  const map = (a?: Record<string, string>, b?: Record<string, string>, c?: Record<string, string>) =>
    a || b || c ? { ...c, ...a, ...b } : undefined;
  const list = <T>(a?: T[], b?: T[]) => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  return {
    ...j,
    ...r,
    labels: map(j.labels, r.labels),
    annotations: map(j.annotations, r.annotations, annotations),
    nodeSelector: map(j.nodeSelector, r.nodeSelector),
    tolerations: list(j.tolerations, r.tolerations),
    volumes: list(j.volumes, r.volumes),
    imagePullSecrets: j.imagePullSecrets || r.imagePullSecrets ? [...new Set([...(j.imagePullSecrets ?? []), ...(r.imagePullSecrets ?? [])])] : undefined,
    initContainers: list(j.initContainers, r.initContainers),
    sidecars: list(j.sidecars, r.sidecars),
    securityContext: j.securityContext || r.securityContext ? { ...j.securityContext, ...r.securityContext } : undefined,
  };
}

/** The bounds and restarts of an elastic policy. @internal */
export interface ElasticRange {
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly maxRestarts?: number;
}

/**
 * Checks an elastic policy's own numbers: whole bounds ≥ 1 and restarts ≥ 0. `field` is where
 * the policy sits (e.g. `elasticPolicy`).
 * @internal
 */
export function checkElasticBounds(scope: IConstruct, field: string, range: ElasticRange): void {
  for (const key of ['minReplicas', 'maxReplicas'] as const) {
    const n = range[key];
    if (n !== undefined) checkCount(scope, join(field, key), n, 1, 'give a worker count such as 2');
  }
  if (range.maxRestarts !== undefined && (!Number.isInteger(range.maxRestarts) || range.maxRestarts < 0)) {
    fail(scope, join(field, 'maxRestarts'), `must be a whole number ≥ 0, got ${range.maxRestarts}`, 'give how many times the worker group may restart, e.g. 3');
  }
}

/**
 * Checks an elastic range against the workers: 1 ≤ min ≤ max (each defaulting to the worker
 * replicas), and the worker replicas within it.
 * @internal
 */
export function checkElasticRange(scope: IConstruct, field: string, worker: RoleInput, range: ElasticRange): void {
  checkElasticBounds(scope, field, range);
  const replicas = replicasOf(worker.props);
  const min = range.minReplicas ?? replicas;
  const max = range.maxReplicas ?? replicas;
  if (min > max) fail(scope, join(field, 'maxReplicas'), `is ${max}, less than minReplicas ${min}`, 'make maxReplicas at least minReplicas');
  if (replicas < min || replicas > max) {
    fail(scope, join(worker.def.key, 'replicas'), `is ${replicas}, outside the elastic range ${min}–${max}`,
      `start with between ${min} and ${max} workers (${field}.minReplicas … maxReplicas)`);
  }
}
