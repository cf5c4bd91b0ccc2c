import { asObject, asString, subPath } from '../json';
import { Rule } from '../rule';
import { componentsOf, describeComponent, nearest, PIPELINE_KINDS, pipelineIrOf } from './ir';

/** Every component that is not a DAG runs an executor of the deployment config, a container or an importer. */
export const executorLabelsRule: Rule = {
  id: 'pipelines/executor-labels',
  category: 'runtime',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'Every component has a dag or an executorLabel; every executorLabel names an executor of deploymentSpec.executors, and that executor is a container or an importer.',
  why: 'KFP finds what a component runs by its executor label when it compiles the pipeline spec for a run: a component with neither a DAG nor a label, a label without an executor, or an executor KFP does not run (a resolver) fails every run before anything runs.',
  source: 'kubeflow/pipelines backend/src/v2/compiler/visitor.go pipelineDFS.dfs',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    const executors = asObject(asObject(ir.spec.deploymentSpec)?.executors) ?? {};
    const labels = Object.keys(executors);
    for (const c of componentsOf(ir)) {
      const label = asString(c.spec.executorLabel);
      const at = subPath(c.at, 'executorLabel');
      if (label === undefined || label === '') {
        if (!asObject(c.spec.dag)) yield { path: c.at, message: `${describeComponent(c)} has neither a dag nor an executorLabel: it runs nothing`, fix: 'give it an executorLabel naming an executor of deploymentSpec.executors, or a dag of tasks' };
        continue;
      }
      const executor = asObject(executors[label]);
      if (!executor) {
        yield { path: at, message: `${describeComponent(c)} runs executor "${label}", which deploymentSpec.executors does not define`, fix: `define "${label}" under deploymentSpec.executors, or name one it defines: ${nearest(label, labels)}` };
      } else if (!asObject(executor.container) && !asObject(executor.importer)) {
        yield { path: subPath(ir.at, 'deploymentSpec', 'executors', label), message: `executor "${label}" (of ${describeComponent(c)}) is neither a container nor an importer, the executors KFP runs`, fix: 'give it a container (image, command, args) or an importer' };
      }
    }
  },
};
