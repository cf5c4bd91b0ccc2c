import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkCount, fail, field as join, wholeSeconds } from '../core';
import { TrainingRuntime } from '../wire/trainer-kubeflow-org';

type RuntimeSpec = NonNullable<TrainingRuntime['spec']>;
type MlPolicyWire = NonNullable<RuntimeSpec['mlPolicy']>;
type PodGroupPolicyWire = NonNullable<RuntimeSpec['podGroupPolicy']>;

/** The ML framework a Trainer v2 runtime is for; also its `trainer.kubeflow.org/framework` label. */
export enum MlFramework {
  TORCH = 'torch',
  MPI = 'mpi',
  JAX = 'jax',
  XGBOOST = 'xgboost',
  /** No framework plugin: the trainer containers run as they are. */
  PLAIN = 'plain',
}

/** MPI implementation the hostfile is written for (`mlPolicy.mpi.mpiImplementation`). Trainer v2 supports Open MPI. */
export enum MpiImplementation {
  OPEN_MPI = 'OpenMPI',
}

/** Options every ML policy has. */
export interface MlPolicyOptions {
  /** Training nodes (pods of the trainer step); a TrainJob's `trainer.numNodes` overrides it. @default 1 */
  readonly numNodes?: number;
}

/** Options of {@link MlPolicy.mpi}. */
export interface MpiPolicyOptions extends MlPolicyOptions {
  /** Processes (hostfile slots) per node; a TrainJob's `trainer.numProcPerNode` overrides it. @default 1 (then one per GPU when nodes have several) */
  readonly numProcPerNode?: number;
  /** @default MpiImplementation.OPEN_MPI */
  readonly implementation?: MpiImplementation;
  /** Where the SSH keys are mounted in the node containers. @default '/root/.ssh' */
  readonly sshAuthMountPath?: string;
  /** Run a training process on the launcher too (it then counts as one of the nodes). @default false */
  readonly runLauncherAsNode?: boolean;
}

/**
 * The ML policy of a TrainingRuntime (`spec.mlPolicy`): which framework plugin configures the
 * trainer (torchrun's PET_* env, the MPI hostfile and SSH keys, …) and how many nodes it has.
 */
export class MlPolicy {
  /** PyTorch with torchrun: the trainer gets PET_NNODES, PET_NODE_RANK, PET_MASTER_ADDR, … */
  static torch(options: MlPolicyOptions = {}): MlPolicy {
    return new MlPolicy(MlFramework.TORCH, options);
  }
  /** MPI (Open MPI, DeepSpeed, Horovod): a launcher runs mpirun over SSH on the nodes. */
  static mpi(options: MpiPolicyOptions = {}): MlPolicy {
    return new MlPolicy(MlFramework.MPI, options);
  }
  static jax(options: MlPolicyOptions = {}): MlPolicy {
    return new MlPolicy(MlFramework.JAX, options);
  }
  static xgboost(options: MlPolicyOptions = {}): MlPolicy {
    return new MlPolicy(MlFramework.XGBOOST, options);
  }
  /** No framework plugin, only the node count. */
  static plain(options: MlPolicyOptions = {}): MlPolicy {
    return new MlPolicy(MlFramework.PLAIN, options);
  }
  private constructor(public readonly framework: MlFramework, private readonly options: MpiPolicyOptions) {}

  /** Nodes of the trainer step, when set. */
  public get numNodes(): number | undefined {
    return this.options.numNodes;
  }
  /** MPI processes per node, when set. */
  public get numProcPerNode(): number | undefined {
    return this.options.numProcPerNode;
  }
  /** Whether the MPI launcher is also a node. */
  public get runLauncherAsNode(): boolean {
    return this.options.runLauncherAsNode ?? false;
  }

  /** Checks the options; `field` is where the policy sits in the props. @internal */
  public _validate(scope: IConstruct, field: string): void {
    const o = this.options;
    for (const key of ['numNodes', 'numProcPerNode'] as const) {
      const n = o[key];
      if (n !== undefined) checkCount(scope, join(field, key), n, 1, 'give a count such as 1, 2 or 8');
    }
    if (o.sshAuthMountPath !== undefined && !o.sshAuthMountPath.startsWith('/')) {
      fail(scope, join(field, 'sshAuthMountPath'), `"${o.sshAuthMountPath}" is not absolute`, 'start the path with "/", e.g. "/home/mpiuser/.ssh"');
    }
  }

  /** `spec.mlPolicy` of a runtime (validated options). @internal */
  public _render(): MlPolicyWire {
    const o = this.options;
    switch (this.framework) {
      case MlFramework.MPI:
        return {
          numNodes: o.numNodes,
          mpi: { numProcPerNode: o.numProcPerNode, mpiImplementation: o.implementation ?? MpiImplementation.OPEN_MPI, sshAuthMountPath: o.sshAuthMountPath, runLauncherAsNode: o.runLauncherAsNode },
        };
      case MlFramework.PLAIN:
        return { numNodes: o.numNodes };
      default:
        return { numNodes: o.numNodes, [this.framework]: {} };
    }
  }
}

/** How Volcano treats the network topology of a gang (`podGroupPolicy.volcano.networkTopology.mode`). */
export enum NetworkTopologyMode {
  /** Never place the gang across more tiers than allowed. */
  HARD = 'hard',
  /** Prefer to, but may. */
  SOFT = 'soft',
}

/** Options of {@link PodGroupPolicy.coscheduling}. */
export interface RuntimeCoschedulingOptions {
  /** How long to wait for the whole gang to fit. @default - 60 seconds */
  readonly scheduleTimeout?: Duration;
}

/** Options of {@link PodGroupPolicy.volcano}. */
export interface RuntimeVolcanoOptions {
  /** Keep the gang within network tiers (needs Volcano's HyperNode CRDs). @default - no constraint */
  readonly networkTopology?: { readonly mode?: NetworkTopologyMode; readonly highestTierAllowed?: number };
}

/**
 * Gang scheduling of a Trainer v2 runtime (`spec.podGroupPolicy`): the trainer creates a
 * PodGroup for every TrainJob of the runtime. Queue a TrainJob in Kueue with the job's
 * `scheduler: Scheduler.kueue(…)` instead.
 */
export class PodGroupPolicy {
  /** The scheduler-plugins coscheduling plugin. */
  static coscheduling(options: RuntimeCoschedulingOptions = {}): PodGroupPolicy {
    return new PodGroupPolicy('coscheduling', options);
  }
  static volcano(options: RuntimeVolcanoOptions = {}): PodGroupPolicy {
    return new PodGroupPolicy('volcano', options);
  }
  private constructor(public readonly plugin: 'coscheduling' | 'volcano', private readonly options: RuntimeCoschedulingOptions & RuntimeVolcanoOptions) {}

  /** @internal */
  public _validate(scope: IConstruct, field: string): void {
    const t = this.options.scheduleTimeout;
    if (t !== undefined) wholeSeconds(scope, join(field, 'scheduleTimeout'), t, 1);
    const tier = this.options.networkTopology?.highestTierAllowed;
    if (tier !== undefined && (!Number.isInteger(tier) || tier < 1)) {
      fail(scope, join(field, 'networkTopology', 'highestTierAllowed'), `must be a whole number ≥ 1, got ${tier}`, 'give the highest network tier the gang may span, e.g. 1');
    }
  }

  /** `spec.podGroupPolicy` of a runtime (validated options). @internal */
  public _render(): PodGroupPolicyWire {
    if (this.plugin === 'coscheduling') return { coscheduling: { scheduleTimeoutSeconds: this.options.scheduleTimeout?.toSeconds() } };
    const topo = this.options.networkTopology;
    return { volcano: { networkTopology: topo ? { mode: topo.mode, highestTierAllowed: topo.highestTierAllowed } : undefined } };
  }
}
