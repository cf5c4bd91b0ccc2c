import { Rule } from '../rule';
import { componentRefsRule } from './component-refs';
import { dagOutputsRule } from './dag-outputs';
import { executorLabelsRule } from './executor-labels';
import { inputBindingsRule } from './input-bindings';
import { pipelineSpecRule } from './pipeline-spec';
import { requiredInputsRule } from './required-inputs';
import { taskDependenciesRule } from './task-dependencies';

/**
 * The pipelines rules: kfp's pipeline IR (kubeflow/pipelines 2.17.0, pipeline_spec.proto), as a
 * PipelineSpec document (what kfp's compiler writes) or a PipelineVersion's spec.pipelineSpec.
 * What the proto's JSON form allows is the schema's (schemas/<preset>/json/ml_pipelines/); these are
 * what KFP needs beyond it to store the pipeline and to run it.
 */
export const pipelinesRules: readonly Rule<object>[] = [
  // Admission: the PipelineVersion webhook.
  pipelineSpecRule,
  // Runtime: the backend's compiler and driver, when a run starts and as it goes.
  componentRefsRule,
  executorLabelsRule,
  taskDependenciesRule,
  inputBindingsRule,
  requiredInputsRule,
  dagOutputsRule,
];
