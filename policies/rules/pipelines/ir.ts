// Reading kfp's pipeline IR (a PipelineSpec in its JSON form) for the pipelines rules: where it
// is (a PipelineSpec document, or a PipelineVersion's spec.pipelineSpec), its components, their
// DAGs' tasks and the types of their inputs and outputs. Every accessor tolerates malformed
// input, which the schema reports.
import { Manifest } from '../../../manifest';
import { closest } from '../../did-you-mean';
import { documentTypeOf, PIPELINE_SPEC } from '../../kfp-documents';
import { asObject, asString, Json, subPath } from '../json';
import { KindSelector } from '../rule';

/** What the pipelines rules look at: a PipelineSpec document, and a PipelineVersion's spec.pipelineSpec. */
export const PIPELINE_KINDS: readonly KindSelector[] = [
  { group: 'ml_pipelines', kind: 'PipelineSpec' },
  { group: 'pipelines.kubeflow.org', kind: 'PipelineVersion' },
];

/** A pipeline spec and where it is in the object: `.` (a document) or `.spec.pipelineSpec`. */
export interface PipelineIr {
  readonly spec: Json;
  readonly at: string;
  /** Every component, by name (`components`). */
  readonly components: Json;
}

/** The pipeline spec an object is or holds, if any. */
export function pipelineIrOf(object: Manifest): PipelineIr | undefined {
  const found = documentTypeOf(object) === PIPELINE_SPEC
    ? { spec: object as Json, at: '.' }
    : object.kind === 'PipelineVersion' ? { spec: asObject(asObject(object.spec)?.pipelineSpec), at: '.spec.pipelineSpec' } : undefined;
  if (!found?.spec) return undefined;
  return { spec: found.spec, at: found.at, components: asObject(found.spec.components) ?? {} };
}

/** A component of the pipeline: the root, or an entry of `components`. */
export interface Component {
  /** Its key in `components`; undefined for the root. */
  readonly name?: string;
  readonly spec: Json;
  /** Its JSON path. */
  readonly at: string;
}

/** A task of a component's DAG. */
export interface Task {
  readonly name: string;
  readonly spec: Json;
  readonly at: string;
  /** The component that runs it (its `componentRef.name`), when `components` has it. */
  readonly component?: Component;
}

/** The root and every component of `components`, in that order. */
export function componentsOf(ir: PipelineIr): Component[] {
  const root = asObject(ir.spec.root);
  return [
    ...(root ? [{ spec: root, at: subPath(ir.at, 'root') }] : []),
    ...Object.entries(ir.components).flatMap(([name, c]) => (asObject(c) ? [{ name, spec: asObject(c)!, at: subPath(ir.at, 'components', name) }] : [])),
  ];
}

/** The components that have a DAG, with its tasks. */
export function dagsOf(ir: PipelineIr): { component: Component; tasks: Task[] }[] {
  return componentsOf(ir).flatMap((component) => {
    const dag = asObject(component.spec.dag);
    if (!dag) return [];
    const tasks = Object.entries(asObject(dag.tasks) ?? {}).flatMap(([name, t]) => {
      const spec = asObject(t);
      if (!spec) return [];
      const ref = componentRefOf(spec);
      const target = ref !== undefined ? asObject(ir.components[ref]) : undefined;
      return [{ name, spec, at: subPath(component.at, 'dag', 'tasks', name), component: target && ref !== undefined ? { name: ref, spec: target, at: subPath(ir.at, 'components', ref) } : undefined }];
    });
    return [{ component, tasks }];
  });
}

export function componentRefOf(task: Json): string | undefined {
  return asString(asObject(task.componentRef)?.name);
}

/** `component "comp-train"`, or `the root component`. */
export function describeComponent(c: Component): string {
  return c.name === undefined ? 'the root component' : `component "${c.name}"`;
}

/** A component's input or output definitions: `{ parameters, artifacts }` by name. */
export function definitions(component: Component | undefined, which: 'inputDefinitions' | 'outputDefinitions'): { parameters: Json; artifacts: Json } {
  const defs = asObject(component?.spec[which]);
  return { parameters: asObject(defs?.parameters) ?? {}, artifacts: asObject(defs?.artifacts) ?? {} };
}

/** ParameterType's values by number, as protobuf's JSON mapping also accepts them. */
const PARAMETER_TYPES = ['PARAMETER_TYPE_ENUM_UNSPECIFIED', 'NUMBER_DOUBLE', 'NUMBER_INTEGER', 'STRING', 'BOOLEAN', 'LIST', 'STRUCT', 'TASK_FINAL_STATUS', 'TASK_CONFIG'];
/** The deprecated PrimitiveType (`type`), as the ParameterType it stands for. */
const PRIMITIVE_TYPES: Record<string, string> = { INT: 'NUMBER_INTEGER', 1: 'NUMBER_INTEGER', DOUBLE: 'NUMBER_DOUBLE', 2: 'NUMBER_DOUBLE', STRING: 'STRING', 3: 'STRING' };

/** A parameter definition's type (`parameterType`, or the deprecated `type`), by name; undefined when unknown or unspecified. */
export function parameterType(definition: unknown): string | undefined {
  const d = asObject(definition);
  const t = d?.parameterType;
  const name = typeof t === 'number' ? PARAMETER_TYPES[t] : asString(t) ?? PRIMITIVE_TYPES[String(d?.type)];
  return name && name !== 'PARAMETER_TYPE_ENUM_UNSPECIFIED' && PARAMETER_TYPES.includes(name) ? name : undefined;
}

/** An artifact definition's type: schema title and version, and whether it is a list. */
export function artifactType(definition: unknown): { title?: string; version?: string; list: boolean } {
  const d = asObject(definition);
  const t = asObject(d?.artifactType);
  return { title: asString(t?.schemaTitle), version: asString(t?.schemaVersion), list: d?.isArtifactList === true };
}

/** `List[system.Model@0.0.1]`, the way kfp writes artifact types in its messages. */
export function describeArtifactType(t: { title?: string; version?: string; list: boolean }): string {
  const one = `${t.title ?? '?'}${t.version ? `@${t.version}` : ''}`;
  return t.list ? `List[${one}]` : one;
}

/** What the runtime (kfp's driver) holds a parameter of a type as: a protobuf Value's kind. */
function valueKind(type: string): string {
  if (type.startsWith('NUMBER_')) return 'number';
  if (['STRUCT', 'TASK_FINAL_STATUS', 'TASK_CONFIG'].includes(type)) return 'struct';
  return type;
}

/**
 * Why a parameter of type `given` cannot feed an input (or DAG output) of type `expected`, and
 * how bad it is, or undefined when it can. kfp's compiler wants the same type; kfp's driver, at
 * run time, passes any value to a STRING input (as JSON text) and any number to a number input,
 * so those mismatches are warnings (the compiler refuses them; the run works), the rest errors.
 */
export function parameterMismatch(given: string, expected: string): 'error' | 'warning' | undefined {
  if (given === expected) return undefined;
  return expected === 'STRING' || valueKind(given) === valueKind(expected) ? 'warning' : 'error';
}

/** Whether kfp's driver rejects a constant for an input of type `expected` (it turns anything into a STRING). */
export function constantMismatch(value: unknown, expected: string): boolean {
  if (expected === 'STRING' || value === null || value === undefined) return false;
  const kind = Array.isArray(value) ? 'LIST' : typeof value === 'object' ? 'struct' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'BOOLEAN' : 'STRING';
  return kind !== valueKind(expected);
}

/**
 * Whether an artifact of type `given` may feed one of type `expected`, as kfp's compiler decides
 * (kfp/dsl/types/type_utils.py check_artifact_type_compatibility): both a list or both not; and
 * either side `system.Artifact`, or the same schema title at the same major version.
 */
export function artifactsCompatible(given: ReturnType<typeof artifactType>, expected: ReturnType<typeof artifactType>): boolean {
  if (given.list !== expected.list) return false;
  if (given.title === undefined || expected.title === undefined) return true; // an instanceSchema: not compared
  if (given.title === 'system.Artifact' || expected.title === 'system.Artifact') return true;
  return given.title === expected.title && (given.version ?? '').split('.')[0] === (expected.version ?? '').split('.')[0];
}

/** The components a loop (a task with a parameterIterator or artifactIterator) runs, by name. */
export function loopComponents(ir: PipelineIr): Set<string> {
  const loops = new Set<string>();
  for (const { tasks } of dagsOf(ir)) {
    for (const t of tasks) if ((t.spec.parameterIterator || t.spec.artifactIterator) && t.component?.name !== undefined) loops.add(t.component.name);
  }
  return loops;
}

/**
 * The input parameters that carry a loop's item, by component: the loop's item input, and every
 * input a task of a DAG binds to one of those (`componentInputParameter`), down through nested
 * DAGs. kfp types an item it cannot type (a list of unknown element type) as STRING, and lets it
 * feed any input (type_utils.py verify_type_compatibility, for LoopArgument channels).
 */
export function loopItemInputs(ir: PipelineIr): Map<Json, Set<string>> {
  const items = new Map<Json, Set<string>>();
  const add = (component: Json, input: string): boolean => {
    const set = items.get(component) ?? new Set<string>();
    items.set(component, set);
    return set.size !== set.add(input).size;
  };
  const dags = dagsOf(ir);
  for (const { tasks } of dags) {
    for (const t of tasks) {
      const item = asString(asObject(t.spec.parameterIterator)?.itemInput);
      if (item !== undefined && t.component) add(t.component.spec, item);
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const { component, tasks } of dags) {
      const carried = items.get(component.spec);
      if (!carried) continue;
      for (const t of tasks) {
        for (const [key, binding] of Object.entries(asObject(asObject(t.spec.inputs)?.parameters) ?? {})) {
          const from = asString(asObject(binding)?.componentInputParameter);
          if (from !== undefined && carried.has(from) && t.component && add(t.component.spec, key)) changed = true;
        }
      }
    }
  }
  return items;
}

/** A fix's hint about a name that is not there: `did you mean "x"?` when one of `known` is close, else which there are. */
export function nearest(name: string, known: readonly string[]): string {
  const guess = closest(name, known);
  if (guess) return `did you mean "${guess}"?`;
  return known.length > 0 ? `it has ${known.slice(0, 10).map((k) => `"${k}"`).join(', ')}${known.length > 10 ? ', …' : ''}` : 'it has none';
}
