import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkCount, checkName, fail, field as join, NameRule, Release, requireRelease, wholeSeconds } from '../core';
import { TrainingRuntime } from '../wire/trainer-kubeflow-org';
import { NprocPerNode } from './pytorch-job';

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

/** Containers besides `node` of one step that get torchrun's PET_* variables too (`mlPolicy.torch.envInjection`). */
export interface EnvInjectionTarget {
  /** The runtime's step (replicated job), e.g. `node`. */
  readonly step: string;
  /** Its containers or init containers (not `node`, which always gets them); 1 to 8. */
  readonly containers: string[];
}

/** Options of {@link MlPolicy.torch}. */
export interface TorchPolicyOptions extends MlPolicyOptions {
  /**
   * torchrun's processes per node (`--nproc-per-node`), for Trainer before 2.2.0: a count, or
   * `NprocPerNode.auto()`, `.gpu()`, `.cpu()`. Trainer 2.2.0 removed it from the runtime: torch
   * then runs `auto` (one process per GPU) unless a TrainJob sets `trainer.numProcPerNode`.
   * @default - the trainer's: auto
   */
  readonly numProcPerNode?: number | NprocPerNode;
  /** Sidecars or init containers that get the PET_* variables too (Trainer 2.3.0 or later). @default - only the `node` container */
  readonly envInjection?: EnvInjectionTarget[];
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
  static torch(options: TorchPolicyOptions = {}): MlPolicy {
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
  private constructor(public readonly framework: MlFramework, private readonly options: Omit<MpiPolicyOptions, 'numProcPerNode'> & TorchPolicyOptions) {}

  /** Nodes of the trainer step, when set. */
  public get numNodes(): number | undefined {
    return this.options.numNodes;
  }
  /** Processes per node, when set as a count (MPI slots; torch's for Trainer before 2.2.0). */
  public get numProcPerNode(): number | undefined {
    const n = this.options.numProcPerNode;
    return n instanceof NprocPerNode ? n.count : n;
  }
  /** Whether the MPI launcher is also a node. */
  public get runLauncherAsNode(): boolean {
    return this.options.runLauncherAsNode ?? false;
  }

  /** Checks the options; `field` is where the policy sits in the props. @internal */
  public _validate(scope: IConstruct, field: string): void {
    const o = this.options;
    if (o.numNodes !== undefined) checkCount(scope, join(field, 'numNodes'), o.numNodes, 1, 'give a count such as 1, 2 or 8');
    const nproc = o.numProcPerNode instanceof NprocPerNode ? o.numProcPerNode.count : o.numProcPerNode;
    if (nproc !== undefined) checkCount(scope, join(field, 'numProcPerNode'), nproc, 1, 'give a count such as 1, 2 or 8');
    if (this.framework === MlFramework.TORCH) this.validateTorch(scope, field);
    if (o.sshAuthMountPath !== undefined && !o.sshAuthMountPath.startsWith('/')) {
      fail(scope, join(field, 'sshAuthMountPath'), `"${o.sshAuthMountPath}" is not absolute`, 'start the path with "/", e.g. "/home/mpiuser/.ssh"');
    }
  }

  /** `spec.mlPolicy` of a runtime (validated options); fields left out take the trainer's defaults (Open MPI, 1 slot, /root/.ssh). @internal */
  public _render(): RenderedMlPolicy {
    const o = this.options;
    switch (this.framework) {
      case MlFramework.MPI:
        return {
          numNodes: o.numNodes,
          mpi: { numProcPerNode: this.numProcPerNode, mpiImplementation: o.implementation, sshAuthMountPath: o.sshAuthMountPath, runLauncherAsNode: o.runLauncherAsNode },
        };
      case MlFramework.TORCH: {
        const nproc = o.numProcPerNode;
        return {
          numNodes: o.numNodes,
          torch: {
            // IntOrString before Trainer 2.2.0 (checked by _validate): a count as a number, else auto, gpu or cpu.
            numProcPerNode: nproc instanceof NprocPerNode ? nproc.count ?? nproc.value : nproc,
            envInjection: o.envInjection ? { targets: o.envInjection.map((t) => ({ jobName: t.step, containerNames: [...t.containers] })) } : undefined,
          },
        };
      }
      case MlFramework.PLAIN:
        return { numNodes: o.numNodes };
      default:
        return { numNodes: o.numNodes, [this.framework]: {} };
    }
  }

  /** torch's numProcPerNode exists only before Trainer 2.2.0, envInjection only from 2.3.0. */
  private validateTorch(scope: IConstruct, field: string): void {
    const o = this.options;
    const release = Release.of(scope);
    if (o.numProcPerNode !== undefined && release.atLeast('trainer', TORCH_NPROC_REMOVED)) {
      fail(scope, join(field, 'numProcPerNode'),
        `is gone from the torch policy since Kubeflow Trainer ${TORCH_NPROC_REMOVED}; this stack targets ${release.name} (Kubeflow Trainer ${release.components.trainer}), where torch runs one process per GPU (auto)`,
        'remove it, and set processes per node on each TrainJob instead (trainer.numProcPerNode)');
    }
    if (o.envInjection === undefined) return;
    const at = join(field, 'envInjection');
    requireRelease(scope, at, 'trainer', '2.3.0', 'Injecting torchrun\'s PET_* variables into other containers (mlPolicy.torch.envInjection)');
    if (o.envInjection.length === 0 || o.envInjection.length > 16) fail(scope, at, `has ${o.envInjection.length} targets; the trainer takes 1 to 16`, 'list the steps whose extra containers need the PET_* variables, or leave envInjection out');
    const steps = new Set<string>();
    for (const t of o.envInjection) {
      const tf = join(at, t.step);
      checkName(scope, tf, t.step, NameRule.LABEL);
      if (steps.has(t.step)) fail(scope, tf, `step "${t.step}" is listed twice`, 'list each step once, with all its containers');
      steps.add(t.step);
      if (t.containers.length === 0 || t.containers.length > 8) fail(scope, join(tf, 'containers'), `has ${t.containers.length} containers; the trainer takes 1 to 8`, 'name the step\'s containers that need the PET_* variables');
      for (const c of t.containers) {
        checkName(scope, join(tf, 'containers'), c, NameRule.LABEL);
        if (c === 'node') fail(scope, join(tf, 'containers'), 'lists "node", which always gets the PET_* variables', 'leave "node" out');
      }
      if (new Set(t.containers).size !== t.containers.length) fail(scope, join(tf, 'containers'), 'lists a container twice', 'list each container once');
    }
  }
}

/** The Trainer release that took `numProcPerNode` out of the torch policy (kubeflow/trainer v2.2.0 TorchMLPolicySource). */
const TORCH_NPROC_REMOVED = '2.2.0';

/**
 * `spec.mlPolicy` as rendered: the newest schema's, plus torch's `numProcPerNode` (an int or
 * `auto`, `cpu`, `gpu`), which Trainer before 2.2.0 has. @internal
 */
export type RenderedMlPolicy = Omit<MlPolicyWire, 'torch'> & { torch?: NonNullable<MlPolicyWire['torch']> & { numProcPerNode?: number | string } };

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
