import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkGpu, checkName, Cpu, fail, field as join, Gpu, MAX_LABEL_VALUE, NameRule, Size, sizeQuantity, wholeSeconds } from '../core';
import { PyTorchJob } from '../wire/kubeflow-org';

/** The least the whole gang needs before any of its pods may start (the PodGroup's `minResources`). */
export interface GangMinResources {
  /** @default - not constrained */
  readonly cpu?: Cpu;
  /** @default - not constrained */
  readonly memory?: Size;
  /** Total accelerators of the gang. @default - not constrained */
  readonly gpu?: Gpu;
}

/** Gang-scheduling settings shared by the coscheduling and Volcano schedulers. */
export interface GangOptions {
  /**
   * How many pods must be placeable together before any of them is bound.
   * @default - every replica of the job (the operator's default)
   */
  readonly minAvailable?: number;
  /** @default - the operator computes it from the replicas' requests */
  readonly minResources?: GangMinResources;
}

/**
 * Options of {@link Scheduler.coscheduling}. A scheduler-plugins PodGroup has no priority (the
 * operator passes only minMember, minResources and the timeout); give the pods one with
 * `pod.priorityClassName`.
 */
export interface CoschedulingOptions extends GangOptions {
  /**
   * How long the scheduler waits for the whole gang to fit before giving up on this attempt.
   * @default - the scheduler-plugins default (60 seconds)
   */
  readonly scheduleTimeout?: Duration;
  /**
   * `schedulerName` of the second scheduler that runs the coscheduling plugin.
   * @default 'scheduler-plugins-scheduler' (the upstream scheduler-plugins chart's name)
   */
  readonly schedulerName?: string;
}

/** Options of {@link Scheduler.volcano}. */
export interface VolcanoOptions extends GangOptions {
  /** Volcano queue. @default - Volcano's `default` queue */
  readonly queue?: string;
  /** PriorityClass of the Volcano PodGroup (`priorityClassName`). @default - the cluster default priority */
  readonly priorityClass?: string;
}

/** Options of {@link Scheduler.kueue}. */
export interface KueueOptions {
  /** A Kueue WorkloadPriorityClass (label `kueue.x-k8s.io/priority-class`). @default - the queue's default priority */
  readonly priorityClass?: string;
}

/** Which scheduler a job uses. */
export enum SchedulerKind {
  DEFAULT = 'default',
  COSCHEDULING = 'coscheduling',
  VOLCANO = 'volcano',
  KUEUE = 'kueue',
}

/** Label Kueue selects jobs by. */
export const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
/** Label that gives a Kueue workload a WorkloadPriorityClass. */
export const KUEUE_PRIORITY_LABEL = 'kueue.x-k8s.io/priority-class';

/** `runPolicy.schedulingPolicy` of the v1 jobs. @internal */
export type SchedulingPolicy = NonNullable<NonNullable<NonNullable<PyTorchJob['spec']>['runPolicy']>['schedulingPolicy']>;

/** What a scheduler adds to a rendered v1 job. @internal */
export interface RenderedScheduling {
  /** `runPolicy.schedulingPolicy`, when the scheduler uses one. */
  readonly schedulingPolicy?: SchedulingPolicy;
  /** `schedulerName` of every pod. */
  readonly schedulerName?: string;
  /** Labels on the job object. */
  readonly jobLabels: Record<string, string>;
  /** True when the scheduler (Kueue) owns `suspend`, so the manifest must not set it. */
  readonly ownsSuspend: boolean;
}

/**
 * How a job's pods are scheduled, made explicit: the default scheduler (no gang), gang scheduling
 * with the Kubeflow scheduler-plugins coscheduling plugin or with Volcano (the training operator
 * creates the PodGroup from `runPolicy.schedulingPolicy`; pods get the scheduler's name), or
 * admission through a Kueue LocalQueue (the `kueue.x-k8s.io/queue-name` label; Kueue suspends and
 * resumes the job and admits it whole, which also makes it all-or-nothing).
 *
 * The operator must run with the matching `--gang-scheduler-name` (`scheduler-plugins` or
 * `volcano`) for the coscheduling and Volcano choices.
 */
export class Scheduler {
  /** The cluster's default scheduler; pods are placed one by one (no gang). */
  static default(): Scheduler {
    return new Scheduler(SchedulerKind.DEFAULT, {});
  }
  /** Gang scheduling with the scheduler-plugins coscheduling plugin (Kubeflow's default gang scheduler). */
  static coscheduling(options: CoschedulingOptions = {}): Scheduler {
    return new Scheduler(SchedulerKind.COSCHEDULING, options);
  }
  /** Gang scheduling with Volcano, optionally in a Volcano queue. */
  static volcano(options: VolcanoOptions = {}): Scheduler {
    return new Scheduler(SchedulerKind.VOLCANO, options);
  }
  /** Queued admission through a Kueue LocalQueue of the job's namespace. */
  static kueue(localQueue: string, options: KueueOptions = {}): Scheduler {
    return new Scheduler(SchedulerKind.KUEUE, { ...options, queue: localQueue });
  }

  private constructor(
    public readonly kind: SchedulerKind,
    private readonly options: CoschedulingOptions & VolcanoOptions & { queue?: string; priorityClass?: string },
  ) {}

  /** The LocalQueue (Kueue) or Volcano queue, if any. */
  public get queue(): string | undefined {
    return this.options.queue;
  }

  /**
   * Checks the options against the job (`totalReplicas` pods at most); `field` is where the
   * scheduler sits in the construct's props (e.g. `scheduler`).
   * @internal
   */
  public _validate(scope: IConstruct, field: string, totalReplicas: number): void {
    const o = this.options;
    if (this.kind === SchedulerKind.DEFAULT) return;
    if (this.kind === SchedulerKind.KUEUE) {
      // Both become label values, so at most 63 characters.
      checkName(scope, join(field, 'queue'), o.queue!, NameRule.SUBDOMAIN, MAX_LABEL_VALUE);
      if (o.priorityClass !== undefined) checkName(scope, join(field, 'priorityClass'), o.priorityClass, NameRule.SUBDOMAIN, MAX_LABEL_VALUE);
      return;
    }
    if (o.minAvailable !== undefined && (!Number.isInteger(o.minAvailable) || o.minAvailable < 1 || o.minAvailable > totalReplicas)) {
      fail(scope, join(field, 'minAvailable'), `must be a whole number between 1 and the job's ${totalReplicas} replicas, got ${o.minAvailable}`,
        `the gang can never be complete with more pods than the job has; use at most ${totalReplicas}, or leave it out to require every replica`);
    }
    if (o.minResources) checkMinResources(scope, join(field, 'minResources'), o.minResources);
    if (this.kind === SchedulerKind.VOLCANO) {
      if (o.priorityClass !== undefined) checkName(scope, join(field, 'priorityClass'), o.priorityClass);
      if (o.queue !== undefined) checkName(scope, join(field, 'queue'), o.queue, NameRule.SUBDOMAIN);
    }
    if (o.scheduleTimeout !== undefined) wholeSeconds(scope, join(field, 'scheduleTimeout'), o.scheduleTimeout, 1);
    if (o.schedulerName !== undefined) checkName(scope, join(field, 'schedulerName'), o.schedulerName);
  }

  /** What the scheduler adds to a job (validated options). @internal */
  public _render(): RenderedScheduling {
    const o = this.options;
    switch (this.kind) {
      case SchedulerKind.DEFAULT:
        return { jobLabels: {}, ownsSuspend: false };
      case SchedulerKind.KUEUE:
        return { jobLabels: { [KUEUE_QUEUE_LABEL]: o.queue!, ...(o.priorityClass !== undefined ? { [KUEUE_PRIORITY_LABEL]: o.priorityClass } : {}) }, ownsSuspend: true };
      default: {
        const volcano = this.kind === SchedulerKind.VOLCANO;
        const policy: SchedulingPolicy = {
          minAvailable: o.minAvailable,
          minResources: o.minResources ? renderMinResources(o.minResources) : undefined,
          priorityClass: volcano ? o.priorityClass : undefined,
          queue: volcano ? o.queue : undefined,
          scheduleTimeoutSeconds: o.scheduleTimeout?.toSeconds(),
        };
        const schedulerName = volcano ? 'volcano' : (o.schedulerName ?? 'scheduler-plugins-scheduler');
        const set = Object.values(policy).some((v) => v !== undefined);
        return { schedulingPolicy: set ? policy : undefined, schedulerName, jobLabels: {}, ownsSuspend: false };
      }
    }
  }
}

function checkMinResources(scope: IConstruct, field: string, r: GangMinResources): void {
  if (r.cpu && (!(r.cpu.millicores > 0) || !Number.isInteger(r.cpu.millicores))) {
    fail(scope, join(field, 'cpu'), `must be a positive whole number of millicores, got ${r.cpu.millicores}m`, 'use e.g. Cpu.units(32)');
  }
  if (r.gpu) checkGpu(scope, join(field, 'gpu'), r.gpu);
}

function renderMinResources(r: GangMinResources): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.cpu) out.cpu = r.cpu.toQuantity();
  if (r.memory) out.memory = sizeQuantity(r.memory);
  if (r.gpu) out[r.gpu.resource] = String(r.gpu.count);
  return out;
}
