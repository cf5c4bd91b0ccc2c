import { asArray, asObject, asString, Json, subPath } from '../json';
import { Rule, Violation } from '../rule';
import {
  artifactsCompatible, artifactType, Component, dagsOf, definitions, describeArtifactType, describeComponent, loopComponents, nearest, parameterMismatch,
  parameterType, PIPELINE_KINDS, pipelineIrOf, Task,
} from './ir';

/** A DAG's outputs are outputs of its tasks, and are the outputs its component declares. */
export const dagOutputsRule: Rule = {
  id: 'pipelines/dag-outputs',
  category: 'runtime',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'Each output a DAG component declares (outputDefinitions) is selected in its dag.outputs, and each selection names a task of the DAG and an output its component declares, of the declared type; a loop\'s DAG collects its iterations into a LIST (parameters) or a list of artifacts (isArtifactList).',
  why: 'KFP collects a DAG\'s outputs from its tasks when the DAG ends: an output selected from a task or output that is not there fails the run there, and one that is declared but never selected fails the task that takes it. A loop\'s output is the list of every iteration\'s value, so declaring the iteration\'s own type breaks the task that consumes it.',
  source: 'kubeflow/pipelines backend/src/v2/driver/resolve.go resolveUpstreamParameters, resolveUpstreamArtifacts; kfp SDK kfp/compiler/pipeline_spec_builder.py _build_dag_outputs',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    const loops = loopComponents(ir);
    for (const { component, tasks } of dagsOf(ir)) {
      const byName = new Map(tasks.map((t) => [t.name, t]));
      const outputs = asObject(asObject(component.spec.dag)?.outputs) ?? {};
      const declared = definitions(component, 'outputDefinitions');
      const loop = component.name !== undefined && loops.has(component.name);
      const at = subPath(component.at, 'dag', 'outputs');
      for (const kind of ['parameters', 'artifacts'] as const) {
        const selected = asObject(outputs[kind]) ?? {};
        for (const [key, selection] of Object.entries(selected)) {
          const declaration = declared[kind][key];
          if (declaration === undefined) {
            yield { path: subPath(at, kind, key), message: `the DAG of ${describeComponent(component)} selects output ${kind === 'parameters' ? 'parameter' : 'artifact'} "${key}", which the component does not declare`, fix: `declare it in outputDefinitions.${kind}, or remove it; ${nearest(key, Object.keys(declared[kind]))}` };
            continue;
          }
          const check = kind === 'parameters' ? checkParameter : checkArtifact;
          for (const { selector, path } of selectorsOf(asObject(selection) ?? {}, kind, subPath(at, kind, key))) {
            yield* check({ component, byName, key, declaration, loop }, selector, path);
          }
        }
        for (const key of Object.keys(declared[kind])) {
          if (key in selected) continue;
          yield { path: subPath(component.at, 'outputDefinitions', kind, key), message: `${describeComponent(component)} declares output "${key}", which its DAG does not select from any task`, fix: `select it from a task's output in dag.outputs.${kind}.${key}, or remove the declaration` };
        }
      }
    }
  },
};

interface Output {
  readonly component: Component;
  readonly byName: ReadonlyMap<string, Task>;
  readonly key: string;
  readonly declaration: unknown;
  /** The component is a loop's body: its outputs collect every iteration's. */
  readonly loop: boolean;
}

/** The selectors of a DAG output: valueFromParameter, valueFromOneof's parameterSelectors, or artifactSelectors. */
function selectorsOf(selection: Json, kind: 'parameters' | 'artifacts', at: string): { selector: Json; path: string }[] {
  if (kind === 'artifacts') return asArray(selection.artifactSelectors).map((s, i) => ({ selector: asObject(s) ?? {}, path: subPath(at, 'artifactSelectors', i) }));
  const single = asObject(selection.valueFromParameter);
  if (single) return [{ selector: single, path: subPath(at, 'valueFromParameter') }];
  return asArray(asObject(selection.valueFromOneof)?.parameterSelectors).map((s, i) => ({ selector: asObject(s) ?? {}, path: subPath(at, 'valueFromOneof', 'parameterSelectors', i) }));
}

/** The output a selector names: its task and definition, or why it is not there. */
function selectedOutput(out: Output, selector: Json, keyField: string, kind: 'parameters' | 'artifacts', at: string): { task: Task; definition: unknown } | Violation {
  const taskName = asString(selector.producerSubtask) ?? '';
  const task = out.byName.get(taskName);
  if (!task) return { path: subPath(at, 'producerSubtask'), message: `output "${out.key}" of ${describeComponent(out.component)} is selected from task "${taskName}", which is not a task of its DAG`, fix: `name a task of the DAG: ${nearest(taskName, [...out.byName.keys()])}` };
  const key = asString(selector[keyField]) ?? '';
  const outputs = definitions(task.component, 'outputDefinitions');
  if (task.component && !(key in outputs[kind])) {
    return { path: subPath(at, keyField), message: `output "${out.key}" of ${describeComponent(out.component)} is selected from output "${key}" of task "${taskName}", whose ${describeComponent(task.component)} has no such output`, fix: `name one of its outputs: ${nearest(key, Object.keys(outputs[kind]))}` };
  }
  return { task, definition: outputs[kind][key] };
}

function* checkParameter(out: Output, selector: Json, at: string): Generator<Violation> {
  const found = selectedOutput(out, selector, 'outputParameterKey', 'parameters', at);
  if ('path' in found) return yield found;
  const declared = parameterType(out.declaration);
  const given = parameterType(found.definition);
  if (declared === undefined || given === undefined) return;
  if (out.loop) {
    if (declared !== 'LIST') yield { path: at, message: `output "${out.key}" of loop ${describeComponent(out.component)} collects every iteration's ${given} into a LIST, and is declared ${declared}`, fix: `declare outputDefinitions.parameters.${out.key} as LIST` };
    return;
  }
  const mismatch = parameterMismatch(given, declared);
  if (mismatch) yield { path: at, severity: mismatch, message: `output "${out.key}" of ${describeComponent(out.component)} is declared ${declared}, and is selected from a ${given} output of task "${found.task.name}"`, fix: `declare it ${given}, or select a ${declared} output` };
}

function* checkArtifact(out: Output, selector: Json, at: string): Generator<Violation> {
  const found = selectedOutput(out, selector, 'outputArtifactKey', 'artifacts', at);
  if ('path' in found) return yield found;
  const declared = artifactType(out.declaration);
  const one = artifactType(found.definition);
  // A loop collects one artifact of each iteration into a list.
  const given = out.loop ? { ...one, list: true } : one;
  if (!artifactsCompatible(given, declared)) {
    yield { path: at, message: `output "${out.key}" of ${out.loop ? 'loop ' : ''}${describeComponent(out.component)} is declared ${describeArtifactType(declared)}, and ${out.loop ? 'collects' : 'is'} ${describeArtifactType(given)} from task "${found.task.name}"`, fix: `declare it ${describeArtifactType(given)}${out.loop ? ' (isArtifactList: true)' : ''}` };
  }
}
