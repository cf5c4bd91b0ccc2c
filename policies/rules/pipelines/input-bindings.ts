import { asObject, asString, Json, subPath } from '../json';
import { Rule, Violation } from '../rule';
import {
  artifactsCompatible, artifactType, Component, constantMismatch, dagsOf, definitions, describeArtifactType, describeComponent, loopItemInputs, nearest,
  parameterMismatch, parameterType, PIPELINE_KINDS, pipelineIrOf, Task,
} from './ir';

/** Every task input is an input of its component and comes from something that exists, of a type the input takes. */
export const inputBindingsRule: Rule = {
  id: 'pipelines/input-bindings',
  category: 'runtime',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'Every input a task binds is an input of its component (a parameter under parameters, an artifact under artifacts; or a pipelinechannel--… parameter that one of its constants refers to, which kfp adds for a run-time value inside an f-string, list or dict), taken from an output its producer task (of the same DAG) declares, from an input of the enclosing component or from a task\'s final status, of a type the input takes (parameters: the same type; artifacts: the same schema title and major version, or system.Artifact, and both lists or neither); a loop iterates over an input of its task into an input of its component.',
  why: 'KFP resolves each input when the task is about to run: an output or input that is not there, or a value of a type the input does not take, fails the run at that task, after the tasks before it have run. kfp\'s compiler never writes such IR; it comes from IR written or edited by hand. A number for a number input and any value for a STRING input work at run time although kfp\'s compiler refuses them: those are warnings.',
  source: 'kubeflow/pipelines backend/src/v2/driver/resolve.go resolveInputs, resolveInputParameter; kfp SDK kfp/dsl/types/type_utils.py verify_type_compatibility',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    const loopItems = loopItemInputs(ir);
    for (const { component, tasks } of dagsOf(ir)) {
      const byName = new Map(tasks.map((t) => [t.name, t]));
      for (const task of tasks) {
        if (!task.component) continue; // pipelines/component-refs
        const context = { component, byName, task, carried: loopItems.get(component.spec) ?? new Set<string>() };
        const inputs = asObject(task.spec.inputs) ?? {};
        for (const [key, binding] of Object.entries(asObject(inputs.parameters) ?? {})) yield* parameterBinding(context, key, asObject(binding) ?? {});
        for (const [key, binding] of Object.entries(asObject(inputs.artifacts) ?? {})) yield* artifactBinding(context, key, asObject(binding) ?? {});
        yield* loopInputs(task);
      }
    }
  },
};

interface Context {
  /** The component whose DAG the task is in. */
  readonly component: Component;
  /** The tasks of that DAG, by name. */
  readonly byName: ReadonlyMap<string, Task>;
  readonly task: Task;
  /** The enclosing component's inputs that carry a loop item. */
  readonly carried: ReadonlySet<string>;
}

function* parameterBinding({ component, byName, task, carried }: Context, key: string, binding: Json): Generator<Violation> {
  const at = subPath(task.at, 'inputs', 'parameters', key);
  const own = definitions(task.component, 'inputDefinitions');
  const expectedDef = own.parameters[key];
  // kfp binds a run-time value embedded in a constant (an f-string, a list or dict argument) as an
  // extra input `pipelinechannel--…` that the constant refers to: no definition, but a source.
  const injected = expectedDef === undefined && key.startsWith('pipelinechannel--') && JSON.stringify(task.spec.inputs ?? {}).includes(`{{$.inputs.parameters['${key}']}}`);
  if (expectedDef === undefined && !injected) {
    const hint = key in own.artifacts ? `it is an artifact input: bind it under inputs.artifacts` : `name one of its input parameters: ${nearest(key, Object.keys(own.parameters))}`;
    yield { path: at, message: `task "${task.name}" binds input parameter "${key}", which ${describeComponent(task.component!)} does not have`, fix: hint };
    return;
  }
  const expected = injected ? undefined : parameterType(expectedDef);
  let given: string | undefined;
  let from = '';
  const output = asObject(binding.taskOutputParameter);
  const status = asObject(binding.taskFinalStatus);
  const input = asString(binding.componentInputParameter);
  if (output) {
    const found = producerOutput(byName, task, output, 'producerTask', 'outputParameterKey', 'parameters', subPath(at, 'taskOutputParameter'));
    if ('violation' in found) return yield found.violation;
    given = parameterType(found.definition);
    from = `output "${found.key}" of task "${found.producer.name}"`;
  } else if (input !== undefined) {
    const enclosing = definitions(component, 'inputDefinitions');
    if (!(input in enclosing.parameters)) {
      const hint = input in enclosing.artifacts ? 'it is an artifact input: bind it as componentInputArtifact under inputs.artifacts' : `name one of its input parameters: ${nearest(input, Object.keys(enclosing.parameters))}`;
      return yield { path: subPath(at, 'componentInputParameter'), message: `task "${task.name}" takes input "${key}" from input parameter "${input}" of ${describeComponent(component)}, which has no such input`, fix: hint };
    }
    // kfp types a loop item it cannot type as STRING, and lets it feed any input.
    given = carried.has(input) && parameterType(enclosing.parameters[input]) === 'STRING' ? undefined : parameterType(enclosing.parameters[input]);
    from = `input "${input}" of ${describeComponent(component)}`;
  } else if (status) {
    const producer = asString(status.producerTask);
    if (producer === undefined || !byName.has(producer)) {
      return yield { path: subPath(at, 'taskFinalStatus', 'producerTask'), message: `task "${task.name}" takes the final status of task "${producer ?? ''}", which is not a task of this DAG`, fix: `name a task of this DAG: ${nearest(producer ?? '', [...byName.keys()])}` };
    }
    given = 'TASK_FINAL_STATUS';
    from = `the final status of task "${producer}"`;
  } else if ('runtimeValue' in binding) {
    const constant = asObject(binding.runtimeValue)?.constant;
    if (expected && constantMismatch(constant, expected)) {
      yield { path: subPath(at, 'runtimeValue', 'constant'), message: `input "${key}" of task "${task.name}" is ${expected}, and the constant ${JSON.stringify(constant)} is not`, fix: `give a ${expected} value` };
    }
    return;
  } else {
    return yield { path: at, message: `input "${key}" of task "${task.name}" is bound to nothing`, fix: 'take it from taskOutputParameter, componentInputParameter, taskFinalStatus or a runtimeValue constant, or leave it out' };
  }
  if (binding.parameterExpressionSelector !== undefined || given === undefined || expected === undefined) return; // a selected part, or an untyped value
  const mismatch = parameterMismatch(given, expected);
  if (mismatch) {
    yield {
      path: at, severity: mismatch,
      message: `input "${key}" of task "${task.name}" is ${expected}, and ${from} is ${given}${mismatch === 'warning' ? ' (kfp\'s compiler refuses this; at run time the value is passed on)' : ''}`,
      fix: `take a ${expected} value, or make the input ${given}`,
    };
  }
}

function* artifactBinding({ component, byName, task }: Context, key: string, binding: Json): Generator<Violation> {
  const at = subPath(task.at, 'inputs', 'artifacts', key);
  const own = definitions(task.component, 'inputDefinitions');
  const expectedDef = own.artifacts[key];
  if (expectedDef === undefined) {
    const hint = key in own.parameters ? 'it is a parameter input: bind it under inputs.parameters' : `name one of its input artifacts: ${nearest(key, Object.keys(own.artifacts))}`;
    return yield { path: at, message: `task "${task.name}" binds input artifact "${key}", which ${describeComponent(task.component!)} does not have`, fix: hint };
  }
  let givenDef: unknown;
  let from: string;
  const output = asObject(binding.taskOutputArtifact);
  const input = asString(binding.componentInputArtifact);
  if (output) {
    const found = producerOutput(byName, task, output, 'producerTask', 'outputArtifactKey', 'artifacts', subPath(at, 'taskOutputArtifact'));
    if ('violation' in found) return yield found.violation;
    givenDef = found.definition;
    from = `output "${found.key}" of task "${found.producer.name}"`;
  } else if (input !== undefined) {
    const enclosing = definitions(component, 'inputDefinitions');
    if (!(input in enclosing.artifacts)) {
      const hint = input in enclosing.parameters ? 'it is a parameter input: bind it as componentInputParameter under inputs.parameters' : `name one of its input artifacts: ${nearest(input, Object.keys(enclosing.artifacts))}`;
      return yield { path: subPath(at, 'componentInputArtifact'), message: `task "${task.name}" takes input "${key}" from input artifact "${input}" of ${describeComponent(component)}, which has no such input`, fix: hint };
    }
    givenDef = enclosing.artifacts[input];
    from = `input "${input}" of ${describeComponent(component)}`;
  } else {
    return yield { path: at, message: `input artifact "${key}" of task "${task.name}" is bound to nothing`, fix: 'take it from taskOutputArtifact or componentInputArtifact, or leave it out' };
  }
  const given = artifactType(givenDef);
  const expected = artifactType(expectedDef);
  if (!artifactsCompatible(given, expected)) {
    yield { path: at, message: `input "${key}" of task "${task.name}" takes ${describeArtifactType(expected)}, and ${from} is ${describeArtifactType(given)}`, fix: `take a ${describeArtifactType(expected)} artifact, or change the input's artifactType` };
  }
}

/** An output of a producer task of the same DAG, or why there is none. */
function producerOutput(
  byName: ReadonlyMap<string, Task>, task: Task, ref: Json, producerField: string, keyField: string, kind: 'parameters' | 'artifacts', at: string,
): { producer: Task; key: string; definition: unknown } | { violation: Violation } {
  const producerName = asString(ref[producerField]) ?? '';
  const producer = byName.get(producerName);
  if (!producer) {
    return { violation: { path: subPath(at, producerField), message: `task "${task.name}" takes an output of task "${producerName}", which is not a task of this DAG`, fix: `name a task of this DAG: ${nearest(producerName, [...byName.keys()])}` } };
  }
  const key = asString(ref[keyField]) ?? '';
  const outputs = definitions(producer.component, 'outputDefinitions');
  if (producer.component && !(key in outputs[kind])) {
    const other = kind === 'parameters' ? 'artifacts' : 'parameters';
    const hint = key in outputs[other] ? `it is an output ${other === 'artifacts' ? 'artifact: take it with taskOutputArtifact under inputs.artifacts' : 'parameter: take it with taskOutputParameter under inputs.parameters'}` : `name one of its outputs: ${nearest(key, Object.keys(outputs[kind]))}`;
    return { violation: { path: subPath(at, keyField), message: `task "${task.name}" takes output "${key}" of task "${producerName}", whose ${describeComponent(producer.component)} has no such output ${kind === 'parameters' ? 'parameter' : 'artifact'}`, fix: hint } };
  }
  return { producer, key, definition: outputs[kind][key] };
}

/** A loop iterates over an input of its own task, into an input of the component it runs. */
function* loopInputs(task: Task): Generator<Violation> {
  const own = definitions(task.component, 'inputDefinitions');
  const inputs = asObject(task.spec.inputs) ?? {};
  for (const [iterator, kind, itemsField] of [['parameterIterator', 'parameters', 'inputParameter'], ['artifactIterator', 'artifacts', 'inputArtifact']] as const) {
    const spec = asObject(task.spec[iterator]);
    if (!spec) continue;
    const item = asString(spec.itemInput);
    if (item === undefined || !(item in own[kind])) {
      yield { path: subPath(task.at, iterator, 'itemInput'), message: `loop "${task.name}" passes each item as input "${item ?? ''}", which ${describeComponent(task.component!)} does not have`, fix: `name one of its input ${kind}: ${nearest(item ?? '', Object.keys(own[kind]))}` };
    }
    const items = asString(asObject(spec.items)?.[itemsField]);
    const bound = Object.keys(asObject(inputs[kind]) ?? {});
    if (items !== undefined && !bound.includes(items)) {
      yield { path: subPath(task.at, iterator, 'items', itemsField), message: `loop "${task.name}" iterates over its input "${items}", which the task does not bind`, fix: `bind "${items}" in inputs.${kind}, or name one it binds: ${nearest(items, bound)}` };
    }
  }
}
