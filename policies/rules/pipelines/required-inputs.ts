import { asObject, asString, subPath } from '../json';
import { Rule } from '../rule';
import { dagsOf, definitions, describeComponent, parameterType, PIPELINE_KINDS, pipelineIrOf } from './ir';

/** Every input a component requires is bound by each task that runs it. */
export const requiredInputsRule: Rule = {
  id: 'pipelines/required-inputs',
  category: 'runtime',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'Every task binds each input of its component that is required (not isOptional and without a defaultValue), but the item a loop passes to its component.',
  why: 'KFP fails the task when it is about to run, with "neither value nor default value provided for non-optional parameter", after the tasks before it have run; kfp\'s compiler refuses such a pipeline, so it comes from IR written or edited by hand. A pipeline\'s own required inputs are given when a run starts, and are not checked here.',
  source: 'kubeflow/pipelines backend/src/v2/driver/resolve.go resolveInputs; kfp SDK kfp/dsl/base_component.py BaseComponent.__call__ (missing required arguments)',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    for (const { tasks } of dagsOf(ir)) {
      for (const task of tasks) {
        if (!task.component) continue; // pipelines/component-refs
        const inputs = asObject(task.spec.inputs) ?? {};
        const own = definitions(task.component, 'inputDefinitions');
        for (const kind of ['parameters', 'artifacts'] as const) {
          const bound = asObject(inputs[kind]) ?? {};
          const item = asString(asObject(task.spec[kind === 'parameters' ? 'parameterIterator' : 'artifactIterator'])?.itemInput);
          for (const [name, definition] of Object.entries(own[kind])) {
            const d = asObject(definition) ?? {};
            // A TASK_CONFIG parameter is filled in by KFP from the task's own settings.
            const required = d.isOptional !== true && d.defaultValue === undefined && !(kind === 'parameters' && parameterType(d) === 'TASK_CONFIG');
            if (!required || name in bound || name === item) continue;
            yield {
              path: subPath(task.at, 'inputs', kind, name),
              message: `task "${task.name}" does not bind the required input ${kind === 'parameters' ? 'parameter' : 'artifact'} "${name}" of ${describeComponent(task.component)}`,
              fix: `bind inputs.${kind}.${name} (${kind === 'parameters' ? 'from a task\'s output, an input of the enclosing component or a constant' : 'from a task\'s output or an input of the enclosing component'}), or make the input optional`,
            };
          }
        }
      }
    }
  },
};
