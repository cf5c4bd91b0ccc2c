// Pipeline definitions: tasks, data passing, conditions, loops and exit handlers, recorded the way
// kfp's pipeline context records them (the names and group numbers of the IR depend on it).
import { ArtifactChannel, ArtifactArg, Channel, Collected, Condition, LoopItem, ParamArg, ParamChannel } from './channels';
import { checkIoNames, ContainerComponent, IComponent, Importer, ImporterOptions } from './component';
import { pipelineError } from './errors';
import { KubernetesTaskOptions, platformChannels } from './kubernetes';
import { ArtifactSpec, ArtifactType, IoSpec, IoSpecs, JsonValue, NoIo, ParameterSpec, ParameterType, parameterTypeOf } from './types';

/** The arguments a task of a component takes: its required inputs, and optionally the others. */
export type TaskArgs<I extends IoSpecs> =
  { readonly [K in keyof I as I[K]['_optional'] extends true ? never : K]: ArgFor<I[K]> } &
  { readonly [K in keyof I as I[K]['_optional'] extends true ? K : never]?: ArgFor<I[K]> };

// The generic Artifact input takes any artifact, as in kfp.
type ArgFor<S> = S extends ParameterSpec<infer T> ? ParamArg<T>
  : S extends ArtifactSpec<infer A, any, infer L> ? ('system.Artifact' extends A ? ArtifactArg<ArtifactType, L> : ArtifactArg<A, L>) : never;

/** The channel of one output (distributes over a union, as a loaded component's outputs are). */
type ChannelOf<S> = S extends ParameterSpec<infer T> ? ParamChannel<T> : S extends ArtifactSpec<infer A> ? ArtifactChannel<A> : never;

/** The channels of a component's outputs. */
export type Outputs<O extends IoSpecs> = { readonly [K in keyof O]: ChannelOf<O[K]> };

/** CPU, memory and accelerators of a task's container. */
export interface TaskResources {
  /** e.g. `'500m'`, `'2'`. @default - none */
  readonly cpuRequest?: string;
  /** @default - none */
  readonly cpuLimit?: string;
  /** e.g. `'1Gi'`. @default - none */
  readonly memoryRequest?: string;
  /** @default - none */
  readonly memoryLimit?: string;
  /** Accelerators: `{ type: 'nvidia.com/gpu', count: 1 }`. @default - none */
  readonly accelerator?: { readonly type: string; readonly count: number };
}

/** How a failed task is retried. */
export interface RetryPolicy {
  /** Retries after the first failure. */
  readonly count: number;
  /** Seconds before the first retry. @default 0 */
  readonly backoffSeconds?: number;
  /** Factor applied to the backoff on every retry. @default 2 */
  readonly backoffFactor?: number;
  /** Longest backoff, in seconds (kfp caps it at 3600). @default 3600 */
  readonly maxBackoffSeconds?: number;
}

/** Options of a task. */
export interface TaskOptions {
  /** The name shown in the KFP UI. @default - the task's name */
  readonly displayName?: string;
  /** Reuse a cached result of an identical earlier execution. @default true */
  readonly caching?: boolean;
  /** Retries on failure. @default - none */
  readonly retry?: RetryPolicy;
  /** Run only after these tasks, beyond the data dependencies. @default - data dependencies only */
  readonly after?: ReadonlyArray<Task<any>>;
  /** Resources of the container. @default - none */
  readonly resources?: TaskResources;
  /** Environment variables of the container. @default - none */
  readonly env?: Record<string, string>;
  /** Kubernetes settings of the task's pod (kfp-kubernetes' platform config). @default - none */
  readonly kubernetes?: KubernetesTaskOptions;
}

/** The options of a task that apply to an importer. */
export type ImporterTaskOptions = Pick<TaskOptions, 'displayName' | 'caching' | 'after'>;

/** A task group: the root, a condition, the branches of an if/elif/else, a loop or an exit handler. @internal */
export class Group {
  public readonly tasks: Array<Task<any>> = [];
  public readonly groups: Group[] = [];
  public conditions: Condition[] = [];
  /** The conditions the next `elif`/`else` negates. */
  public negatedUpstream: Condition[] = [];
  public loopItem?: LoopItem;
  public parallelism = 0;
  public exitTask?: Task;
  constructor(
    public readonly type: 'pipeline' | 'condition' | 'condition-branches' | 'for-loop' | 'exit-handler',
    public name: string,
    public readonly displayName?: string,
  ) {}
}

/** A task: one run of a component in a pipeline. */
export class Task<O extends IoSpecs = IoSpecs> {
  /** The outputs of the task, to pass to later tasks. */
  public readonly outputs: Outputs<O>;
  /** Channels this task reads (inputs and platform references): its data dependencies. @internal */
  public readonly channelInputs: Array<Channel | Collected> = [];
  /** Explicit dependencies. @internal */
  public readonly after: Array<Task<any>> = [];
  /** @internal */ public isExitTask = false;

  /** @internal */
  constructor(
    public readonly name: string,
    /** @internal */ public readonly component: IComponent<IoSpecs, O>,
    /** @internal */ public readonly args: Record<string, unknown>,
    /** @internal */ public readonly options: TaskOptions,
  ) {
    this.outputs = Object.fromEntries(Object.entries(component.outputs).map(([k, s]) =>
      [k, s.kind === 'parameter' ? new ParamChannel(k, s.type, this, s.itemType) : new ArtifactChannel(k, s.schemaTitle, this, s.options.list)])) as Outputs<O>;
  }

  /** The only output of a component with one output. */
  public get output(): Outputs<O>[keyof O] {
    const keys = Object.keys(this.outputs);
    if (keys.length !== 1) pipelineError(`task ${this.name}`, 'output', `the component has ${keys.length} outputs`, `pick one: task.outputs.${keys[0] ?? '…'}`);
    return (this.outputs as any)[keys[0]];
  }
}

/** The chain after an `if`: `elif` and `else` branches. */
export class ConditionChain {
  /** @internal */
  constructor(private readonly builder: PipelineBuilder, private readonly last: Group, private readonly branches?: Group) {}

  /** A branch taken when the earlier conditions are false and this one is true. */
  public elif(condition: Condition, body: () => void, options: { readonly name?: string } = {}): ConditionChain {
    return this.builder._branch(this.last, this.branches, condition, body, options.name);
  }

  /** The branch taken when every earlier condition is false. */
  public else(body: () => void, options: { readonly name?: string } = {}): void {
    this.builder._branch(this.last, this.branches, undefined, body, options.name);
  }
}

/** Options of a loop. */
export interface ParallelForOptions {
  /** How many iterations run at once. @default - all */
  readonly parallelism?: number;
  /** The name shown in the KFP UI. @default - `for-loop-<n>` */
  readonly name?: string;
}

/**
 * Records a pipeline's tasks and groups, in the order kfp's pipeline context does: tasks are named
 * after their component (made unique with `-2`, `-3`, …) and groups are numbered as they open.
 */
export class PipelineBuilder {
  /** @internal */ public readonly tasks = new Map<string, Task<any>>();
  /** @internal */ public readonly root: Group;
  private readonly stack: Group[];
  private groupId = 0;
  /** The channels this pipeline may read without a producing task: its inputs and its loop items. */
  private readonly ownChannels = new Set<Channel>();
  /** The loop each loop item belongs to: it is readable only inside that loop. */
  private readonly loopOf = new Map<Channel, Group>();
  private sealed = false;

  /** @internal */
  constructor(public readonly pipelineName: string) {
    this.root = new Group('pipeline', pipelineName);
    this.stack = [this.root];
  }

  /** Runs `component` with `args` (type-checked: required inputs, parameter and artifact types). */
  public task<I extends IoSpecs, O extends IoSpecs>(component: IComponent<I, O>, args: TaskArgs<I>, options: TaskOptions = {}): Task<O> {
    this.checkOpen();
    if (!component || typeof component.name !== 'string' || typeof component.inputs !== 'object') {
      pipelineError(`pipeline ${this.pipelineName}`, 'task', `${String(component)} is not a component`, 'pass a ContainerComponent, a PipelineComponent or an imported component');
    }
    const base = k8sName(component.name) || 'task';
    const name = uniqueName(base, [...this.tasks.keys()]);
    const where = `pipeline ${this.pipelineName} › task ${name}`;
    // An input given as undefined is an input left out (as an optional prop would be).
    const given = Object.fromEntries(Object.entries(args as Record<string, unknown>).filter(([, v]) => v !== undefined));
    checkArgs(where, component, given);
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key) || typeof value !== 'string') pipelineError(where, `env.${key}`, `'${key}' = ${JSON.stringify(value)} is not an environment variable`, 'use names of letters, digits, "_", "-" and "." (not starting with a digit) and string values');
    }
    const task = new Task<O>(name, component as IComponent<IoSpecs, O>, given, options);
    for (const [key, value] of Object.entries(given)) {
      if (isChannel(value)) task.channelInputs.push(this.own(where, `inputs.${key}`, value));
    }
    platformChannels(options.kubernetes).forEach((c) => task.channelInputs.push(this.own(where, 'kubernetes.pvcMounts', c)));
    for (const dep of options.after ?? []) {
      if (this.tasks.get(dep?.name) !== dep) pipelineError(where, 'after', `${dep?.name ?? String(dep)} is not a task of pipeline ${this.pipelineName}`, 'depend on tasks created in this pipeline\'s body');
      if (dep.isExitTask) pipelineError(where, 'after', `${dep.name} is the exit task of an exit handler`, 'nothing may depend on an exit task');
      task.after.push(dep);
    }
    this.tasks.set(name, task);
    this.current.tasks.push(task);
    return task;
  }

  /** Imports an existing artifact by URI (a constant or a string parameter) into the pipeline's lineage. */
  public importer<S extends ArtifactSpec>(artifact: S, uri: string | ParamChannel<'STRING'>, options: ImporterOptions & ImporterTaskOptions = {})
    : Task<{ artifact: S }> {
    const ignored = Object.keys(options).filter((k) => ['resources', 'env', 'kubernetes', 'retry'].includes(k));
    if (ignored.length) pipelineError(`pipeline ${this.pipelineName} › importer`, ignored[0], 'does not apply to an importer, which runs no container of yours', 'remove it; an importer only records the artifact');
    return this.task(new Importer(artifact, options) as any, { uri } as any, options) as any;
  }

  /** Fans in the values (or artifacts) `output` takes in every iteration of the loop it is produced in (`dsl.Collected`). */
  public collected<C extends ParamChannel | ArtifactChannel>(output: C): Collected<C> {
    if (!output?.task) pipelineError(`pipeline ${this.pipelineName}`, 'collected', `'${output?.name}' is a pipeline input`, 'collect the output of a task inside a loop');
    this.own(`pipeline ${this.pipelineName}`, 'collected', output);
    return new Collected(output);
  }

  /** Tasks run only when `condition` holds (`dsl.If`); chain `elif`/`else`. */
  public if(condition: Condition, body: () => void, options: { readonly name?: string } = {}): ConditionChain {
    this.checkOpen();
    this.checkCondition(condition);
    const group = new Group('condition', this.nextGroupName('condition'), options.name);
    group.conditions = [condition];
    group.negatedUpstream = [condition.negated()];
    this.inGroup(group, body);
    return new ConditionChain(this, group);
  }

  /** @internal */
  public _branch(previous: Group, wrapper: Group | undefined, condition: Condition | undefined, body: () => void, name?: string): ConditionChain {
    const parent = this.current;
    if (parent.groups[parent.groups.length - 1] !== (wrapper ?? previous)) {
      pipelineError(`pipeline ${this.pipelineName}`, condition ? 'elif' : 'else', 'does not follow its if or elif directly', 'chain elif/else right after if: p.if(…).elif(…).else(…)');
    }
    if (condition) this.checkCondition(condition);
    // kfp wraps the branches in a `condition-branches` group on the first elif/else, swapping ids.
    let branches = wrapper;
    if (!branches) {
      branches = new Group('condition-branches', this.nextGroupName('condition-branches'));
      parent.groups.pop();
      const [pid, cid] = [branches.name.split('-').pop(), previous.name.split('-').pop()];
      branches.name = `condition-branches-${cid}`;
      previous.name = `condition-${pid}`;
      parent.groups.push(branches);
      branches.groups.push(previous);
    }
    const branchGroup = branches;
    const group = new Group('condition', this.nextGroupName('condition'), name);
    group.conditions = condition ? [...previous.negatedUpstream, condition] : [...previous.negatedUpstream];
    group.negatedUpstream = condition ? [...previous.negatedUpstream, condition.negated()] : [];
    this.stack.push(branchGroup);
    try {
      this.inGroup(group, body);
    } finally {
      this.stack.pop();
    }
    return new ConditionChain(this, group, branches);
  }

  /**
   * Runs `body` once per item of a static list, a list input or a list output (`dsl.ParallelFor`);
   * `body` receives the item. Fan results in with `collected()`.
   */
  public parallelFor(items: string[], body: (item: LoopItem<'STRING'>) => void, options?: ParallelForOptions): void;
  /** Whole numbers; for a list of floats, say so: `p.parallelFor<'NUMBER_DOUBLE'>([0.1, 0.01], …)`. */
  public parallelFor(items: number[], body: (item: LoopItem<'NUMBER_INTEGER'>) => void, options?: ParallelForOptions): void;
  public parallelFor(items: boolean[], body: (item: LoopItem<'BOOLEAN'>) => void, options?: ParallelForOptions): void;
  public parallelFor(items: Array<Record<string, JsonValue>>, body: (item: LoopItem<'STRUCT'>) => void, options?: ParallelForOptions): void;
  public parallelFor<T extends ParameterType = 'STRING'>(items: JsonValue[] | ParamChannel<'LIST'>, body: (item: LoopItem<T>) => void, options?: ParallelForOptions): void;
  public parallelFor<T extends ParameterType = 'STRING'>(items: JsonValue[] | ParamChannel<'LIST'>, body: (item: LoopItem<T>) => void, options: ParallelForOptions = {}): void {
    this.checkOpen();
    const where = `pipeline ${this.pipelineName}`;
    const parallelism = options.parallelism ?? 0;
    if (!Number.isInteger(parallelism) || parallelism < 0) pipelineError(where, 'parallelFor.parallelism', `must be a whole number ≥ 0, got ${parallelism}`, 'give the number of iterations that may run at once (0: all)');
    let item: LoopItem;
    if (Array.isArray(items)) {
      if (items.length === 0) pipelineError(where, 'parallelFor.items', 'is an empty list', 'give at least one item, or iterate over a list parameter');
      item = new LoopItem(`loop-item-param-${++this.groupId}`, parameterTypeOf(items[0]), items);
    } else {
      if (!(items instanceof ParamChannel) || items.type !== 'LIST') {
        const given: unknown = items;
        const what = given instanceof ArtifactChannel ? `an artifact ${given.schemaTitle}` : given instanceof ParamChannel ? `a ${given.type}` : describe(given);
        pipelineError(where, 'parallelFor.items', `is ${what}, not a list`, 'iterate over a static list, a LIST input or a LIST output');
      }
      this.own(where, 'parallelFor.items', items);
      item = new LoopItem(`${items.name}-loop-item`, items.itemType, items, items.task);
    }
    const group = new Group('for-loop', this.nextGroupName('for-loop'), options.name);
    this.ownChannels.add(item);
    this.loopOf.set(item, group);
    group.loopItem = item;
    group.parallelism = parallelism;
    this.inGroup(group, () => body(item as LoopItem<T>));
  }

  /** Runs `exitTask` after the tasks of `body` finish, whether they succeed or fail (`dsl.ExitHandler`). */
  public exitHandler(exitTask: Task<any>, body: () => void, options: { readonly name?: string } = {}): void {
    this.checkOpen();
    const where = `pipeline ${this.pipelineName} › task ${exitTask?.name}`;
    if (this.current !== this.root) pipelineError(where, 'exitHandler', 'is inside a condition, loop or exit handler', 'open exit handlers at the top level of the pipeline');
    if (exitTask?.isExitTask) pipelineError(where, 'exitHandler', 'is already the exit task of another exit handler', 'create one exit task per exit handler');
    if (!this.root.tasks.includes(exitTask)) pipelineError(where, 'exitHandler', 'the exit task is not a top-level task of this pipeline', 'create the exit task with p.task(…) at the top level, right before the exit handler');
    if (exitTask.after.length > 0 || exitTask.channelInputs.some((c) => c.task)) {
      pipelineError(where, 'exitHandler', 'the exit task depends on other tasks', 'give the exit task constants or pipeline inputs only');
    }
    if ([...this.tasks.values()].some((t) => t.after.includes(exitTask) || t.channelInputs.some((c) => (c instanceof Collected ? c.output.task : c.task) === exitTask))) {
      pipelineError(where, 'exitHandler', 'other tasks depend on the exit task', 'nothing may depend on an exit task: use another task');
    }
    this.root.tasks.splice(this.root.tasks.indexOf(exitTask), 1);
    exitTask.isExitTask = true;
    const group = new Group('exit-handler', this.nextGroupName('exit-handler'), options.name);
    group.exitTask = exitTask;
    this.inGroup(group, body);
  }

  /** @internal */
  public seal(): void {
    this.sealed = true;
  }

  /** Registers the pipeline's inputs. @internal */
  public addInputs(channels: Channel[]): void {
    channels.forEach((c) => this.ownChannels.add(c));
  }

  /** `channel` if this pipeline can read it: an output of one of its tasks, one of its inputs or loop items. */
  private own<C extends Channel | Collected>(where: string, field: string, channel: C): C {
    const c: Channel = channel instanceof Collected ? channel.output : channel as Channel;
    const ok = c.task && !(c instanceof LoopItem) ? this.tasks.get(c.task.name) === c.task : this.ownChannels.has(c);
    if (!ok) {
      pipelineError(where, field, `'${c.fullName}' belongs to another pipeline`, 'pass it in through an input of this pipeline: declare the input, and bind it where this pipeline is used as a task');
    }
    const loop = this.loopOf.get(c);
    if (loop && !this.stack.includes(loop)) {
      pipelineError(where, field, `'${c.fullName}' is the item of ${loop.name}, read outside that loop`, 'use a loop item inside its loop only; fan results in with p.collected(…)');
    }
    if (c.task instanceof Task && c.task.isExitTask) pipelineError(where, field, `reads an output of task ${c.task.name}, the exit task of an exit handler`, 'nothing may depend on an exit task; give it no outputs that others need');
    return channel;
  }

  private checkOpen(): void {
    if (this.sealed) pipelineError(`pipeline ${this.pipelineName}`, 'task', 'is added after the pipeline was defined', 'add every task and group inside the body passed to PipelineComponent.define');
  }

  private get current(): Group {
    return this.stack[this.stack.length - 1];
  }

  private nextGroupName(type: Group['type']): string {
    return `${type}-${++this.groupId}`;
  }

  private inGroup(group: Group, body: () => void): void {
    this.current.groups.push(group);
    this.stack.push(group);
    try {
      body();
    } finally {
      this.stack.pop();
    }
  }

  private checkCondition(c: Condition): void {
    const where = `pipeline ${this.pipelineName}`;
    for (const operand of [c.left, c.right]) {
      const type = operand instanceof ParamChannel ? operand.type : parameterTypeOf(operand as JsonValue);
      if (type === 'LIST' || type === 'STRUCT' || operand === null) {
        pipelineError(where, 'condition', `compares a ${type} ('${operand instanceof ParamChannel ? operand.fullName : JSON.stringify(operand)}')`, 'compare strings, numbers or booleans');
      }
      if (operand instanceof ParamChannel) this.own(where, 'condition', operand);
    }
  }
}

/** A pipeline's signature: name, typed inputs and outputs. */
export interface PipelineComponentProps<I extends IoSpecs, O extends IoSpecs> {
  /** The pipeline's name (`pipelineInfo.name`): lower case letters, digits and dashes. */
  readonly name: string;
  /** Shown in the KFP UI. @default - none */
  readonly description?: string;
  /** Run-time parameters and artifacts. @default - none */
  readonly inputs?: I;
  /** What the pipeline returns when used as a component of another. @default - none */
  readonly outputs?: O;
}

/** A channel per pipeline input. */
export type PipelineInputs<I extends IoSpecs> = Outputs<I>;

/** A pipeline: a DAG of tasks, usable as a component of another pipeline (`@dsl.pipeline`). */
export class PipelineComponent<I extends IoSpecs = IoSpecs, O extends IoSpecs = IoSpecs> implements IComponent<I, O> {
  /**
   * Defines a pipeline. `body` adds tasks through the builder and returns the channels of the
   * declared outputs; every definition error names the pipeline, the task and the input.
   */
  public static define<I extends IoSpecs = NoIo, O extends IoSpecs = NoIo>(
    props: PipelineComponentProps<I, O>,
    body: (p: PipelineBuilder, inputs: PipelineInputs<I>) => Outputs<O> | void,
  ): PipelineComponent<I, O> {
    const where = `pipeline ${props.name}`;
    // KFP's webhook takes only these names (kfp itself would rewrite 'My_Pipe' to 'my-pipe').
    if (!/^[a-z0-9][a-z0-9-]{0,127}$/.test(props.name ?? '')) {
      pipelineError(where, 'name', `'${props.name}' is not a pipeline name KFP accepts`, 'use 1 to 128 lower-case letters, digits and "-", starting with a letter or digit');
    }
    const builder = new PipelineBuilder(props.name);
    const inputs = (props.inputs ?? {}) as I;
    const outputs = (props.outputs ?? {}) as O;
    checkIoNames(where, 'inputs', inputs);
    checkIoNames(where, 'outputs', outputs);
    const both = Object.keys(inputs).find((k) => k in outputs);
    if (both) pipelineError(where, `outputs.${both}`, `'${both}' is both an input and an output`, 'give the input and the output different names');
    const channels = Object.fromEntries(Object.entries(inputs).map(([k, s]: [string, IoSpec]) =>
      [k, s.kind === 'parameter' ? new ParamChannel(k, s.type, undefined, s.itemType) : new ArtifactChannel(k, s.schemaTitle, undefined, s.options.list)])) as PipelineInputs<I>;
    builder.addInputs(Object.values(channels) as Channel[]);
    const returned = (body(builder, channels) ?? {}) as Record<string, Channel>;
    builder.seal();
    for (const key of Object.keys(outputs)) {
      if (!returned[key]) pipelineError(`pipeline ${props.name}`, `outputs.${key}`, 'is declared but the body does not return it', `return { ${key}: task.outputs.… } from the body`);
    }
    for (const key of Object.keys(returned)) {
      if (!(key in outputs)) pipelineError(`pipeline ${props.name}`, `outputs.${key}`, 'is returned but not declared', `declare it in outputs: { ${key}: Param.…() or Artifact.…() }`);
      const c = returned[key];
      if (c instanceof Collected) pipelineError(where, `outputs.${key}`, 'returns a fan-in (p.collected), which is not supported yet', 'fan the outputs in with a task after the loop, and return its output');
      if (!(c instanceof ParamChannel || c instanceof ArtifactChannel) || !c.task) pipelineError(where, `outputs.${key}`, `returns ${describe(c)}, not the output of a task`, 'return a task\'s output (task.outputs.…)');
      if (builder.tasks.get(c.task.name) !== c.task) pipelineError(where, `outputs.${key}`, `returns '${c.fullName}', which belongs to another pipeline`, 'return outputs of this pipeline\'s tasks');
      if ((c.task as Task).isExitTask) pipelineError(where, `outputs.${key}`, `returns an output of task ${c.task.name}, the exit task of an exit handler`, 'return outputs of other top-level tasks');
      if (!builder.root.tasks.includes(c.task as Task)) pipelineError(where, `outputs.${key}`, `returns an output of task ${c.task.name}, which runs inside a condition, loop or exit handler`, 'return outputs of top-level tasks only (as kfp)');
      checkType(where, `outputs.${key}`, outputs[key], c);
    }
    checkAcyclic(props.name, builder);
    return new PipelineComponent(props.name, props.description, inputs, outputs, builder, returned);
  }

  private constructor(
    public readonly name: string,
    public readonly description: string | undefined,
    public readonly inputs: I,
    public readonly outputs: O,
    /** @internal */ public readonly builder: PipelineBuilder,
    /** @internal */ public readonly returned: Record<string, Channel>,
  ) {}
}

/** kfp's `maybe_rename_for_k8s`: lower case, runs of other characters become one dash. @internal */
export function k8sName(name: string): string {
  return name.toLowerCase().replace(/[^-0-9a-z]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
}

/** `name`, or `name-2`, `name-3`, … : the first not in `taken` (kfp's rule). @internal */
export function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let i = 2; ; i++) if (!taken.includes(`${name}-${i}`)) return `${name}-${i}`;
}

function isChannel(v: unknown): v is Channel | Collected {
  return v instanceof ParamChannel || v instanceof ArtifactChannel || v instanceof Collected;
}

function checkArgs(where: string, component: IComponent, args: Record<string, unknown>): void {
  for (const key of Object.keys(args)) {
    if (!(key in component.inputs)) {
      const known = Object.keys(component.inputs);
      pipelineError(where, `inputs.${key}`, `component ${component.name} has no input '${key}'`, known.length ? `use one of: ${known.join(', ')}` : 'the component takes no inputs');
    }
  }
  for (const [key, spec] of Object.entries(component.inputs)) {
    if (args[key] === undefined) {
      if (!spec.isOptional) pipelineError(where, `inputs.${key}`, `the required input of component ${component.name} is not bound`, `pass ${key}: a ${spec.kind === 'parameter' ? spec.type : spec.schemaTitle} (a constant or another task's output)`);
      continue;
    }
    checkType(where, `inputs.${key}`, spec, args[key]);
  }
}

/** Checks that `value` (a constant or a channel) may bind to `spec`. */
function checkType(where: string, field: string, spec: IoSpec, value: unknown): void {
  if (!isChannel(value) && containsChannel(value)) {
    pipelineError(where, field, 'holds a run-time value inside a list or struct constant, which is not supported', 'pass the value through its own input, or build the list in a task');
  }
  const given = describe(value);
  if (spec.kind === 'artifact') {
    const ch = value instanceof Collected ? value.output : value;
    if (!(ch instanceof ArtifactChannel)) pipelineError(where, field, `expects an artifact ${spec.schemaTitle}, got ${given}`, "pass another task's artifact output");
    const list = value instanceof Collected || ch.isList;
    if (ch.schemaTitle !== spec.schemaTitle && spec.schemaTitle !== 'system.Artifact' && ch.schemaTitle !== 'system.Artifact') {
      pipelineError(where, field, `expects an artifact ${spec.schemaTitle}, got ${ch.schemaTitle}`, `pass a ${spec.schemaTitle} output, or declare the input as ${ch.schemaTitle}`);
    }
    if (list !== (spec.options.list === true)) {
      pipelineError(where, field, list ? 'is given a list of artifacts but takes one' : 'takes a list of artifacts but is given one', list ? 'declare the input with { list: true }' : 'pass p.collected(…) of an output inside a loop');
    }
    return;
  }
  if (value instanceof Collected) {
    if (spec.type !== 'LIST' || value.output.kind !== 'parameter') pipelineError(where, field, `expects ${spec.type}, got ${given}`, 'a fan-in is a LIST: bind it to a Param.list() input');
    return;
  }
  if (value instanceof ArtifactChannel) pipelineError(where, field, `expects a ${spec.type} parameter, got ${given}`, 'pass a parameter, or declare the input as an artifact');
  const type = value instanceof ParamChannel ? value.type : parameterTypeOf(value as JsonValue);
  const ok = type === spec.type || (spec.type === 'NUMBER_DOUBLE' && type === 'NUMBER_INTEGER' && !(value instanceof ParamChannel));
  if (!ok || value === null) pipelineError(where, field, `expects ${spec.type}, got ${given}`, `pass a ${spec.type} value or output`);
}

function containsChannel(value: unknown): boolean {
  if (isChannel(value)) return true;
  if (Array.isArray(value)) return value.some(containsChannel);
  return value !== null && typeof value === 'object' && Object.values(value).some(containsChannel);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (value instanceof ParamChannel) return `${value.type} ('${value.fullName}')`;
  if (value instanceof ArtifactChannel) return `artifact ${value.schemaTitle} ('${value.fullName}')`;
  if (value instanceof Collected) return `collected '${value.output.fullName}'`;
  return `${parameterTypeOf(value as JsonValue)} ${JSON.stringify(value)}`;
}

/** Tasks only see outputs of tasks created before them, so a cycle can only come from `after`. */
function checkAcyclic(pipeline: string, builder: PipelineBuilder): void {
  const state = new Map<Task, 'visiting' | 'done'>();
  const visit = (t: Task, trail: Task[]): void => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') {
      pipelineError(`pipeline ${pipeline}`, 'after', `tasks depend on each other in a cycle: ${[...trail.slice(trail.indexOf(t)), t].map((x) => x.name).join(' → ')}`, 'remove one of the dependencies');
    }
    state.set(t, 'visiting');
    for (const dep of [...t.after, ...t.channelInputs.map((c) => c.task).filter((x): x is Task => x instanceof Task)]) visit(dep, [...trail, t]);
    state.set(t, 'done');
  };
  for (const t of builder.tasks.values()) visit(t, []);
}

export { ContainerComponent };
