// Compiles a pipeline definition to the KFP pipeline IR (PipelineSpec) and the kfp-kubernetes
// platform spec, following the kfp 2.17 compiler's algorithm step by step (group inputs "punched"
// through sub-DAGs, fan-in outputs surfaced from loops, dependencies lifted to the common DAG,
// names made unique in the same order), so that the output equals what kfp writes for the
// equivalent Python pipeline. constructs/pipelines/twins.test.ts holds the two to each other.
import { sortKeys, toYaml } from '../../manifest';
import { ArtifactChannel, Channel, Collected, Condition, LoopItem, ParamChannel } from './channels';
import { ContainerComponent, Importer } from './component';
import { pipelineError } from './errors';
import { executorConfigJson } from './kubernetes';
import { Group, k8sName, PipelineComponent, Task, TaskResources, uniqueName } from './pipeline';
import { pythonJson } from './placeholders';
import { artifactTypeJson, definitionsJson, ioMaps, JsonValue, ParameterType, parameterTypeOf } from './types';

/** The IR schema version kfp 2.17 writes. */
export const IR_SCHEMA_VERSION = '2.1.0';
/** Our `sdkVersion` (kfp writes `kfp-<version>`); stable, so that version names follow content only. */
export const SDK_VERSION = 'cdk8s-kubeflow';

/** A compiled pipeline: the IR and, when a task has Kubernetes settings, the platform spec. */
export interface CompiledPipeline {
  readonly pipelineSpec: Record<string, any>;
  readonly platformSpec?: Record<string, any>;
}

/** Compiles a pipeline to the IR kfp's compiler produces for its Python equivalent. */
export function compilePipeline(pipeline: PipelineComponent): CompiledPipeline {
  const { spec, platform } = new Compiler(pipeline).compile();
  const pipelineSpec = {
    components: Object.fromEntries(spec.components),
    deploymentSpec: { executors: Object.fromEntries(spec.executors) },
    pipelineInfo: { ...(pipeline.description ? { description: pipeline.description } : {}), name: pipeline.name },
    root: spec.root,
    schemaVersion: IR_SCHEMA_VERSION,
    sdkVersion: SDK_VERSION,
  };
  const platformSpec = platform.size ? { platforms: { kubernetes: { deploymentSpec: { executors: Object.fromEntries(platform) } } } } : undefined;
  return { pipelineSpec: sortKeys(pipelineSpec), platformSpec: platformSpec && sortKeys(platformSpec) };
}

/**
 * The compiled pipeline as the YAML file kfp writes (the IR, then the platform spec when there is
 * one), to upload in the KFP UI or with `kfp pipeline create`. Strings any YAML reader could take
 * for another type (`n`, `yes`, `1_000`) are quoted.
 */
export function pipelineYaml(compiled: CompiledPipeline): string {
  const docs = [compiled.pipelineSpec, ...(compiled.platformSpec ? [compiled.platformSpec] : [])];
  return docs.map(toYaml).join('---\n');
}

/** A channel as the compiler sees it after fan-in outputs are surfaced. */
interface Ref {
  readonly kind: 'parameter' | 'artifact';
  readonly name: string;
  readonly taskName?: string;
  readonly type: string;
  readonly isList: boolean;
  readonly fullName: string;
  readonly source: Channel | Collected;
}

interface Spec {
  readonly root: any;
  readonly components: Map<string, any>;
  readonly executors: Map<string, any>;
}

const PREFIX = 'pipelinechannel--';

class Compiler {
  private readonly spec: Spec;
  private readonly platform = new Map<string, any>();
  private readonly root: Group;
  private readonly allGroups: Group[] = [];
  private readonly taskParents = new Map<string, string[]>();
  private readonly groupParents = new Map<string, string[]>();
  private readonly groupsByName = new Map<string, Group>();
  private readonly conditionChannels = new Map<string, Map<string, ParamChannel>>();
  private readonly inputs = new Map<string, Map<string, { ref: Ref; producer?: string }>>();
  private readonly outputs = new Map<string, Map<string, Ref>>();
  private readonly surfaced = new Map<Collected, { name: string; taskName: string }>();
  private readonly deps = new Map<string, Set<string>>();
  private readonly where: string;

  constructor(private readonly pipeline: PipelineComponent) {
    this.root = pipeline.builder.root;
    this.where = `pipeline ${pipeline.name}`;
    this.spec = { root: componentSpec(pipeline.inputs, pipeline.outputs), components: new Map(), executors: new Map() };
  }

  public compile(): { spec: Spec; platform: Map<string, any> } {
    this.collectGroups(this.root, []);
    this.collectConditionChannels(this.root, []);
    this.computeInputs();
    this.computeOutputs();
    this.computeDependencies();
    for (const group of this.allGroups) this.buildGroup(group);
    this.buildExitHandlers();
    this.buildRootOutputs();
    return { spec: this.spec, platform: this.platform };
  }

  // ---- the pipeline's structure -------------------------------------------------------------

  private collectGroups(group: Group, trail: string[]): void {
    const here = [...trail, group.name];
    this.allGroups.push(group);
    this.groupsByName.set(group.name, group);
    for (const g of group.groups) {
      this.groupParents.set(g.name, [...here, g.name]);
      this.collectGroups(g, here);
    }
    for (const t of group.tasks) this.taskParents.set(t.name, [...here, t.name]);
  }

  private collectConditionChannels(group: Group, inherited: ParamChannel[]): void {
    const channels = group.type === 'condition' ? [...inherited, ...conditionOperands(group.conditions)] : inherited;
    for (const t of group.tasks) {
      const set = this.conditionChannels.get(t.name) ?? new Map<string, ParamChannel>();
      channels.forEach((c) => set.set(keyOf(this.ref(c)), c));
      this.conditionChannels.set(t.name, set);
    }
    for (const g of group.groups) this.collectConditionChannels(g, channels);
  }

  private parentsOf(name: string): string[] {
    const p = this.taskParents.get(name) ?? this.groupParents.get(name);
    if (!p) throw new Error(`internal: ${name} is in no group`);
    return p;
  }

  /** The groups of `a` and of `b` below their deepest common group (kfp's `_get_uncommon_ancestors`). */
  private uncommon(a: string, b: string): [string[], string[]] {
    const pa = this.parentsOf(a);
    const pb = this.parentsOf(b);
    let i = 0;
    while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
    return [pa.slice(i), pb.slice(i)];
  }

  private channelsOf(task: Task): Array<Channel | Collected> {
    return [...task.channelInputs, ...(this.conditionChannels.get(task.name)?.values() ?? [])];
  }

  /** Which channels each group needs from outside ("punching holes" through sub-DAGs). */
  private computeInputs(): void {
    const add = (group: string, ref: Ref, producer?: string) => {
      const m = this.inputs.get(group) ?? new Map();
      m.set(`${keyOf(ref)}|${producer ?? ''}`, { ref, producer });
      this.inputs.set(group, m);
    };
    const loopArgIncludes = (group: string, ref: Ref) => {
      const loop = this.groupsByName.get(group);
      return loop?.type === 'for-loop' && this.ref(loop.loopItem!).fullName.includes(ref.fullName);
    };
    for (const task of this.pipeline.builder.tasks.values()) {
      for (const channel of this.channelsOf(task)) {
        const toAdd: Ref[] = [];
        let c: unknown = channel;
        while (c instanceof LoopItem) {
          toAdd.push(this.ref(c));
          c = c.items;
        }
        if (c instanceof ParamChannel || c instanceof ArtifactChannel || c instanceof Collected) toAdd.push(this.ref(c));
        const producer = channel.task;
        if (producer) {
          const [up, down] = this.uncommon(producer.name, task.name);
          for (let i = 0; i < down.length; i++) {
            add(down[i], toAdd[toAdd.length - 1], i === 0 ? up[0] : undefined);
            if (loopArgIncludes(down[i], toAdd[toAdd.length - 1])) {
              toAdd.pop();
              if (!toAdd.length) break;
            }
          }
        } else if (!task.isExitTask) {
          const parents = this.parentsOf(task.name);
          if (channel instanceof LoopItem && channel.isStatic) {
            for (const g of [...parents].reverse()) {
              add(g, toAdd[0]);
              if (loopArgIncludes(g, toAdd[0])) {
                toAdd.shift();
                if (!toAdd.length) break;
              }
            }
          } else {
            for (const g of parents) {
              add(g, toAdd[toAdd.length - 1]);
              if (loopArgIncludes(g, toAdd[toAdd.length - 1])) {
                toAdd.pop();
                if (!toAdd.length) break;
              }
            }
          }
        }
      }
    }
  }

  /** Fan-in: a collected output is surfaced as a LIST output of each loop it leaves. */
  private computeOutputs(): void {
    for (const task of this.pipeline.builder.tasks.values()) {
      for (const channel of task.channelInputs) {
        if (!(channel instanceof Collected)) continue;
        const producer = channel.output.task!.name;
        const [up, down] = this.uncommon(producer, task.name);
        if (!up.slice(0, -1).some((g) => this.groupsByName.get(g)?.type === 'for-loop')) {
          pipelineError(`${this.where} › task ${task.name}`, 'collected', `'${channel.output.fullName}' is not produced inside a loop the task is outside of`, 'collect an output of a task inside p.parallelFor(…), and use it after the loop');
        }
        const surfacedName = PREFIX + channel.output.fullName;
        const parentConsumer = down[0];
        let producerName = up.pop()!;
        let name = channel.output.name;
        for (const upName of [...up].reverse()) {
          const m = this.outputs.get(upName) ?? new Map<string, Ref>();
          const kind = channel.output.kind;
          const type = kind === 'parameter' ? 'LIST' : (channel.output as ArtifactChannel).schemaTitle;
          m.set(surfacedName, { kind, name, taskName: producerName, type, isList: kind === 'artifact', fullName: `${producerName}-${name}`, source: channel });
          this.outputs.set(upName, m);
          name = surfacedName;
          producerName = upName;
          this.surfaced.set(channel, { name, taskName: upName });
          const parentOfSurfacer = this.groupParents.get(upName)!.slice(-2)[0];
          const siblings = this.groupsByName.get(parentOfSurfacer)!;
          if ([...siblings.groups.map((g) => g.name), ...siblings.tasks.map((t) => t.name)].includes(parentConsumer)) break;
        }
      }
    }
  }

  /** Dependencies between the tasks and groups of one DAG, from data and from `after`. */
  private computeDependencies(): void {
    for (const task of this.pipeline.builder.tasks.values()) {
      const upstream = new Set<Task>();
      for (const c of this.channelsOf(task)) if (c.task) upstream.add(c.task as Task);
      task.after.forEach((t) => upstream.add(t));
      for (const up of upstream) {
        const [upNames, downNames] = this.uncommon(up.name, task.name);
        const outer = upNames.filter((n) => n !== up.name);
        if (outer.length) {
          const g = this.groupsByName.get(outer[0])!;
          const where = `${this.where} › task ${task.name}`;
          if (g.type === 'condition' || g.type === 'exit-handler' || g.type === 'condition-branches') {
            pipelineError(where, 'inputs', `depends on task ${up.name}, which runs only inside ${g.name} (${g.type})`, `create ${task.name} inside the same ${g.type === 'exit-handler' ? 'exit handler' : 'condition'}`);
          }
          if (g.type === 'for-loop' && task.channelInputs.some((c) => !(c instanceof Collected) && c.task === up)) {
            pipelineError(where, 'inputs', `reads an output of task ${up.name}, which runs once per item of ${g.name}`, 'fan the outputs in with p.collected(…), or move the task into the loop');
          }
        }
        const set = this.deps.get(downNames[0]) ?? new Set<string>();
        set.add(upNames[0]);
        this.deps.set(downNames[0], set);
      }
    }
  }

  /** A channel with its surfaced name and producer, when a fan-in moved it. */
  private ref(c: Channel | Collected): Ref {
    if (c instanceof Collected) {
      const s = this.surfaced.get(c);
      const out = c.output;
      const name = s?.name ?? out.name;
      const taskName = s?.taskName ?? out.task!.name;
      const type = out.kind === 'parameter' ? 'LIST' : out.schemaTitle;
      return { kind: out.kind, name, taskName, type, isList: out.kind === 'artifact', fullName: `${taskName}-${name}`, source: c };
    }
    const type = c.kind === 'parameter' ? c.type : c.schemaTitle;
    return { kind: c.kind, name: c.name, taskName: c.task?.name, type, isList: c.kind === 'artifact' && c.isList, fullName: c.fullName, source: c };
  }

  // ---- IR ---------------------------------------------------------------------------------------

  private buildGroup(group: Group): void {
    const groupSpec = group === this.root ? this.spec.root : this.spec.components.get(`comp-${k8sName(group.name)}`);
    const subgroups: Array<Group | Task> = [...group.groups, ...group.tasks];
    const inDag = subgroups.map((s) => k8sName(s.name));
    const parentIsRoot = group === this.root;
    for (const sub of subgroups) {
      const subInputs = [...(this.inputs.get(sub.name)?.values() ?? [])].map((x) => x.ref);
      const subOutputs = this.outputs.get(sub.name) ?? new Map<string, Ref>();
      let taskSpec: any;
      let compSpec: any;
      if (sub instanceof Task) {
        taskSpec = this.taskSpec(sub, groupSpec.inputDefinitions, inDag);
        compSpec = this.taskComponent(sub, groupSpec.inputDefinitions, inDag);
      } else {
        let channels: Ref[];
        if (sub.type === 'for-loop') {
          channels = subInputs.filter((r) => !(r.source instanceof LoopItem && r.source.isStatic) || this.parentsOf(sub.name).slice().reverse()
            .some((g) => this.groupsByName.get(g)?.type === 'for-loop' && this.ref(this.groupsByName.get(g)!.loopItem!).name.includes(r.name)));
          const item = sub.loopItem!;
          if (!item.isStatic) channels.push(this.ref(item.items as ParamChannel));
          channels.push(this.ref(item));
        } else if (sub.type === 'condition') {
          channels = [...subInputs, ...conditionOperands(sub.conditions).map((c) => this.ref(c))];
        } else {
          channels = subInputs;
        }
        compSpec = groupComponent(channels, sub.type === 'exit-handler' ? new Map() : subOutputs);
        taskSpec = this.groupTaskSpec(sub, channels, inDag, parentIsRoot);
      }
      const deps = this.deps.get(sub.name);
      if (deps?.size) taskSpec.dependentTasks = [...deps].sort().map(k8sName);
      const name = uniqueName(`comp-${k8sName(sub.name)}`, [...this.spec.components.keys()]);
      taskSpec.componentRef = { name };
      this.spec.components.set(name, compSpec);
      groupSpec.dag = groupSpec.dag ?? { tasks: {} };
      groupSpec.dag.tasks[sub.name] = taskSpec;
    }
  }

  /** The component of a task: its inputs, outputs and executor (or the merged sub-pipeline). */
  private taskComponent(task: Task, parentInputs: any, inDag: string[]): any {
    const component = task.component;
    if (component instanceof PipelineComponent) {
      if (task.options.kubernetes) pipelineError(`${this.where} › task ${task.name}`, 'kubernetes', 'is set on a pipeline used as a component', 'set Kubernetes settings on the tasks inside that pipeline');
      // A nested pipeline compiles on its own (its task names and groups), then merges in.
      return this.mergeSubPipeline(new Compiler(component).compile());
    }
    const compSpec = componentSpec(component.inputs, component.outputs);
    const label = uniqueName(`exec-${k8sName(task.name)}`, [...this.spec.executors.keys()]);
    compSpec.executorLabel = label;
    if (component instanceof Importer) {
      const uri = task.args.uri;
      this.spec.executors.set(label, {
        importer: {
          artifactUri: uri instanceof ParamChannel ? { runtimeParameter: 'uri' } : { constant: uri },
          ...(component.options.metadata ? { metadata: component.options.metadata } : {}),
          ...(component.options.reimport ? { reimport: true } : {}),
          typeSchema: artifactTypeJson(component.outputs.artifact.schemaTitle),
        },
      });
    } else if (component instanceof ContainerComponent) {
      this.spec.executors.set(label, { container: containerJson(`${this.where} › task ${task.name}`, component, task) });
      const config = task.options.kubernetes && executorConfigJson(task.options.kubernetes, (c) => this.reference(c, parentInputs, inDag));
      if (config) this.platform.set(label, config);
    } else {
      pipelineError(`${this.where} › task ${task.name}`, 'component', `'${component.name}' is not a container component, importer or pipeline`, 'define it with ContainerComponent.define, PipelineComponent.define or p.importer');
    }
    return compSpec;
  }

  /** Merges a compiled sub-pipeline's executors and components, renaming clashes as kfp does; returns its root. */
  private mergeSubPipeline(sub: { spec: Spec; platform: Map<string, any> }): any {
    const components = new Map([...sub.spec.components].map(([k, v]) => [k, structuredClone(v)]));
    const root = structuredClone(sub.spec.root);
    // New labels from the original ones, applied once: kfp renames one label after another, so a
    // component renamed from exec-x to exec-x-2 can be renamed again with the sub-pipeline's own
    // exec-x-2, running with that task's settings (README: deviations).
    const labels = new Map<string, string>();
    for (const label of sub.spec.executors.keys()) labels.set(label, uniqueName(label, [...this.spec.executors.keys(), ...labels.values()]));
    for (const c of components.values()) if (c.executorLabel) c.executorLabel = labels.get(c.executorLabel);
    for (const [label, executor] of sub.spec.executors) {
      this.spec.executors.set(labels.get(label)!, executor);
      const config = sub.platform.get(label);
      if (config) this.platform.set(labels.get(label)!, config);
    }
    const existing = [...this.spec.components.keys()];
    const renames = new Map<string, string>();
    for (const name of components.keys()) renames.set(name, uniqueName(name, [...existing, ...[...renames].flat()]));
    for (const dag of [root, ...components.values()].map((c) => c.dag).filter(Boolean)) {
      for (const t of Object.values<any>(dag.tasks)) t.componentRef.name = renames.get(t.componentRef.name) ?? t.componentRef.name;
    }
    for (const [name, c] of components) this.spec.components.set(renames.get(name)!, c);
    return root;
  }

  /** A run-time reference to a channel from inside a DAG: a sibling's output or the DAG's own input. */
  private reference(c: Channel | Collected, parentInputs: any, inDag: string[]): Record<string, any> {
    const r = this.ref(c);
    const kind = r.kind === 'artifact' ? 'Artifact' : 'Parameter';
    const defs = r.kind === 'artifact' ? parentInputs?.artifacts : parentInputs?.parameters;
    if (r.taskName) {
      if (inDag.includes(r.taskName)) {
        return { [`taskOutput${kind}`]: { [`output${kind}Key`]: r.name, producerTask: k8sName(r.taskName) } };
      }
      return { [`componentInput${kind}`]: PREFIX + r.fullName };
    }
    return { [`componentInput${kind}`]: defs && r.fullName in defs ? r.fullName : PREFIX + r.fullName };
  }

  private taskSpec(task: Task, parentInputs: any, inDag: string[]): any {
    const o = task.options;
    const parameters: Record<string, any> = {};
    const artifacts: Record<string, any> = {};
    for (const [name, value] of Object.entries(task.args)) {
      if (value instanceof LoopItem) {
        parameters[name] = { componentInputParameter: PREFIX + value.fullName };
      } else if (value instanceof ParamChannel || value instanceof ArtifactChannel || value instanceof Collected) {
        const ref = this.reference(value, parentInputs, inDag);
        (this.ref(value).kind === 'artifact' ? artifacts : parameters)[name] = ref;
      } else {
        parameters[name] = { runtimeValue: { constant: value } };
      }
    }
    const inputs = ioMaps(artifacts, parameters);
    return {
      cachingOptions: o.caching === false ? {} : { enableCache: true },
      componentRef: { name: `comp-${k8sName(task.name)}` },
      ...(inputs ? { inputs } : {}),
      ...(o.retry ? { retryPolicy: retryJson(`${this.where} › task ${task.name}`, o.retry) } : {}),
      taskInfo: { name: o.displayName ?? task.name },
    };
  }

  private groupTaskSpec(group: Group, channels: Ref[], inDag: string[], parentIsRoot: boolean): any {
    const parameters: Record<string, any> = {};
    const artifacts: Record<string, any> = {};
    for (const r of channels) {
      const inputName = PREFIX + r.fullName;
      const sibling = r.taskName !== undefined && inDag.includes(r.taskName);
      if (r.kind === 'artifact') {
        artifacts[inputName] = sibling
          ? { taskOutputArtifact: { outputArtifactKey: r.name, producerTask: k8sName(r.taskName!) } }
          : { componentInputArtifact: parentIsRoot ? r.fullName : inputName };
      } else {
        parameters[inputName] = sibling
          ? { taskOutputParameter: { outputParameterKey: r.name, producerTask: k8sName(r.taskName!) } }
          : { componentInputParameter: parentIsRoot ? r.fullName : inputName };
      }
    }
    const spec: any = { componentRef: { name: `comp-${k8sName(group.name)}` }, taskInfo: { name: group.displayName ?? group.name } };
    if (group.type === 'for-loop') {
      const item = group.loopItem!;
      const itemInput = PREFIX + this.ref(item).fullName;
      delete parameters[itemInput];
      spec.parameterIterator = item.isStatic
        ? { itemInput, items: { raw: pythonJson(item.items as JsonValue[], true) } }
        : { itemInput, items: { inputParameter: PREFIX + this.ref(item.items as ParamChannel).fullName } };
      if (group.parallelism > 0) spec.iteratorPolicy = { parallelismLimit: group.parallelism };
    } else if (group.type === 'condition') {
      spec.triggerPolicy = { condition: group.conditions.map((c) => this.cel(c)).join(' && ') };
    }
    const inputs = ioMaps(artifacts, parameters);
    if (inputs) spec.inputs = inputs;
    return spec;
  }

  /** A condition in CEL over the condition group's inputs (kfp's `_single_binary_operation_to_cel_condition`). */
  private cel(c: Condition): string {
    const typeOf = (v: JsonValue | ParamChannel): ParameterType => (v instanceof ParamChannel ? v.type : parameterTypeOf(v));
    const types = new Set([typeOf(c.left), typeOf(c.right)]);
    const canonical: ParameterType = types.size === 1 ? [...types][0] : types.has('STRING') ? 'STRING' : types.has('BOOLEAN') ? 'BOOLEAN' : 'NUMBER_DOUBLE';
    const operand = (v: JsonValue | ParamChannel): string => {
      let text: string;
      const type = typeOf(v);
      if (v instanceof ParamChannel) {
        text = `inputs.parameter_values['${PREFIX}${this.ref(v).fullName}']`;
        if (type === 'NUMBER_INTEGER') text = `int(${text})`;
      } else if (typeof v === 'string') {
        text = `'${v}'`;
      } else if (typeof v === 'boolean') {
        text = String(v);
      } else {
        text = pythonNumber(v as number);
      }
      if (type !== canonical) {
        if (canonical === 'STRING') text = `'${text}'`;
        else if (canonical === 'BOOLEAN') text = Number(text) === 0 ? 'true' : 'false';
        else text = `double(${text})`;
      }
      return text;
    };
    const s = `${operand(c.left)} ${c.operator} ${operand(c.right)}`;
    return c.negate ? `!(${s})` : s;
  }

  private buildExitHandlers(): void {
    for (const group of this.root.groups) {
      if (group.type !== 'exit-handler') continue;
      const task = group.exitTask!;
      const taskSpec = this.taskSpec(task, this.spec.root.inputDefinitions, []);
      taskSpec.dependentTasks = [k8sName(group.name)];
      taskSpec.triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
      const compSpec = this.taskComponent(task, this.spec.root.inputDefinitions, Object.keys(this.spec.root.dag.tasks));
      const name = uniqueName(taskSpec.componentRef.name, [...this.spec.components.keys()]);
      taskSpec.componentRef = { name };
      this.spec.components.set(name, compSpec);
      this.spec.root.dag.tasks[k8sName(task.name)] = taskSpec;
    }
  }

  private buildRootOutputs(): void {
    const returned = Object.entries(this.pipeline.returned);
    if (!returned.length) return;
    const parameters: Record<string, any> = {};
    const artifacts: Record<string, any> = {};
    for (const [key, c] of returned) (c.kind === 'parameter' ? parameters : artifacts)[key] = dagOutput(c.kind, c.name, c.task!.name);
    this.spec.root.dag.outputs = ioMaps(artifacts, parameters);
  }
}

function componentSpec(inputs: Record<string, any>, outputs: Record<string, any>): any {
  const i = definitionsJson(inputs, true);
  const o = definitionsJson(outputs, false);
  return { ...(i ? { inputDefinitions: i } : {}), ...(o ? { outputDefinitions: o } : {}) };
}

function groupComponent(channels: Ref[], outputs: Map<string, Ref>): any {
  const params: Record<string, any> = {};
  const arts: Record<string, any> = {};
  for (const r of channels) {
    if (r.kind === 'artifact') arts[PREFIX + r.fullName] = { artifactType: artifactTypeJson(r.type), ...(r.isList ? { isArtifactList: true } : {}) };
    else params[PREFIX + r.fullName] = { parameterType: r.type };
  }
  const outParams: Record<string, any> = {};
  const outArts: Record<string, any> = {};
  const dagParams: Record<string, any> = {};
  const dagArts: Record<string, any> = {};
  for (const [name, r] of outputs) {
    if (r.kind === 'artifact') {
      outArts[name] = { artifactType: artifactTypeJson(r.type), isArtifactList: true };
      dagArts[name] = dagOutput(r.kind, r.name, r.taskName!);
    } else {
      outParams[name] = { parameterType: r.type };
      dagParams[name] = dagOutput(r.kind, r.name, r.taskName!);
    }
  }
  const dagOutputs = ioMaps(dagArts, dagParams);
  const inputDefinitions = ioMaps(arts, params);
  const outputDefinitions = ioMaps(outArts, outParams);
  return {
    dag: { ...(dagOutputs ? { outputs: dagOutputs } : {}), tasks: {} },
    ...(inputDefinitions ? { inputDefinitions } : {}),
    ...(outputDefinitions ? { outputDefinitions } : {}),
  };
}

/** A DAG output selecting output `key` of subtask `producer`. */
function dagOutput(kind: 'parameter' | 'artifact', key: string, producer: string): any {
  return kind === 'parameter'
    ? { valueFromParameter: { outputParameterKey: key, producerSubtask: producer } }
    : { artifactSelectors: [{ outputArtifactKey: key, producerSubtask: producer }] };
}

function containerJson(where: string, component: ContainerComponent, task: Task): any {
  const c = component.container;
  const o = task.options;
  return {
    ...(c.args?.length ? { args: c.args } : {}),
    ...(c.command?.length ? { command: c.command } : {}),
    ...(o.env && Object.keys(o.env).length ? { env: Object.entries(o.env).map(([name, value]) => ({ name, value })) } : {}),
    image: c.image,
    ...(o.resources ? { resources: resourcesJson(where, o.resources) } : {}),
  };
}

const CPU = /^([0-9]*[.])?[0-9]+m?$/;
const MEMORY = /^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki)?$/;
const MEMORY_UNITS: Record<string, number> = {
  E: 1e18, Ei: 2 ** 60, P: 1e15, Pi: 2 ** 50, T: 1e12, Ti: 2 ** 40, G: 1e9, Gi: 2 ** 30, M: 1e6, Mi: 2 ** 20, K: 1e3, Ki: 2 ** 10, '': 1,
};

/** Resources in both of the IR's forms (kfp writes the legacy float fields too). */
function resourcesJson(where: string, r: TaskResources): any {
  const cpu = (field: string, v: string) => {
    if (!CPU.test(v)) pipelineError(where, `resources.${field}`, `'${v}' is not a CPU quantity`, "write cores ('2', '0.5') or millicores ('500m')");
    return v.endsWith('m') ? parseFloat(v) / 1000 : parseFloat(v);
  };
  const memory = (field: string, v: string) => {
    const m = MEMORY.exec(v);
    if (!m) pipelineError(where, `resources.${field}`, `'${v}' is not a memory quantity kfp accepts`, "write a whole number with an optional unit: '512Mi', '4Gi', '2G'");
    return (parseInt(v, 10) * MEMORY_UNITS[m[1] ?? '']) / 1e9;
  };
  const out: any = {};
  if (r.accelerator) {
    const { type, count } = r.accelerator;
    if (!Number.isInteger(count) || count < 1) pipelineError(where, 'resources.accelerator.count', `must be a whole number ≥ 1, got ${count}`, 'give the number of accelerators');
    if (!type) pipelineError(where, 'resources.accelerator.type', 'is empty', "name the accelerator resource, e.g. 'nvidia.com/gpu'");
    out.accelerator = { count: String(count), resourceCount: String(count), resourceType: type, type };
  }
  if (r.cpuLimit !== undefined) Object.assign(out, { cpuLimit: cpu('cpuLimit', r.cpuLimit), resourceCpuLimit: r.cpuLimit });
  if (r.cpuRequest !== undefined) Object.assign(out, { cpuRequest: cpu('cpuRequest', r.cpuRequest), resourceCpuRequest: r.cpuRequest });
  if (r.memoryLimit !== undefined) Object.assign(out, { memoryLimit: memory('memoryLimit', r.memoryLimit), resourceMemoryLimit: r.memoryLimit });
  if (r.memoryRequest !== undefined) Object.assign(out, { memoryRequest: memory('memoryRequest', r.memoryRequest), resourceMemoryRequest: r.memoryRequest });
  return out;
}

function retryJson(where: string, r: { count: number; backoffSeconds?: number; backoffFactor?: number; maxBackoffSeconds?: number }): any {
  if (!Number.isInteger(r.count) || r.count < 0) pipelineError(where, 'retry.count', `must be a whole number ≥ 0, got ${r.count}`, 'give the number of retries');
  for (const [k, v] of Object.entries({ backoffSeconds: r.backoffSeconds, maxBackoffSeconds: r.maxBackoffSeconds, backoffFactor: r.backoffFactor })) {
    if (v !== undefined && !(v >= 0)) pipelineError(where, `retry.${k}`, `must be ≥ 0, got ${v}`, 'give a non-negative number');
  }
  return {
    backoffDuration: `${Math.trunc(r.backoffSeconds ?? 0)}s`,
    backoffFactor: r.backoffFactor || 2,
    backoffMaxDuration: `${Math.trunc(r.maxBackoffSeconds ?? 3600)}s`,
    maxRetryCount: r.count,
  };
}

function conditionOperands(conditions: Condition[]): ParamChannel[] {
  return conditions.flatMap((c) => [c.left, c.right]).filter((v): v is ParamChannel => v instanceof ParamChannel);
}

function keyOf(r: Ref): string {
  return `${r.kind}|${r.taskName ?? ''}|${r.name}|${r.type}`;
}

/**
 * A number as Python's `str()` writes it into the CEL: as JavaScript does, but with an exponent
 * below 1e-4 (`1e-05`, where JavaScript writes `0.00001`). Whole numbers are ints on both sides.
 */
export function pythonNumber(n: number): string {
  if (Number.isInteger(n) || Math.abs(n) >= 1e-4) return String(n);
  return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}
