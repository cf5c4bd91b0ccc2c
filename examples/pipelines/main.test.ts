import { collectWarnings, Stack } from 'cdk8s-kubeflow';
import { expectSchemaValid } from '../../test/schema';
import { buildApp, CHURN_MODEL_URI } from './main';

const stackOf = () => buildApp().node.findChild('pipelines-example') as Stack;

describe('pipelines example', () => {
  test('synthesizes the pipeline, its version, the schedule and the model server, schema-valid, without warnings', () => {
    const app = buildApp();
    const stack = app.node.findChild('pipelines-example') as Stack;
    expect(stack.toJson().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Profile/growth', 'Pipeline/churn', expect.stringMatching(/^PipelineVersion\/churn-[0-9a-f]{10}$/), 'CronJob/churn-nightly', 'InferenceService/churn', 'Inventory/pipelines-example',
    ]);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('prepare → train on GPUs → evaluate → publish only when the AUC clears the bar; the InferenceService serves what is published', () => {
    const objects = stackOf().toJson();
    const spec = objects.find((o) => o.kind === 'PipelineVersion').spec.pipelineSpec;
    const tasks = spec.root.dag.tasks;
    expect(Object.keys(tasks).sort()).toEqual(['condition-1', 'evaluate', 'prepare', 'train']);
    expect(tasks['condition-1'].triggerPolicy.condition).toBe("inputs.parameter_values['pipelinechannel--evaluate-auc'] >= inputs.parameter_values['pipelinechannel--min_auc']");
    expect(spec.deploymentSpec.executors['exec-train'].container.resources.accelerator).toMatchObject({ resourceType: 'nvidia.com/gpu', resourceCount: '2' });
    expect(spec.components['comp-condition-1'].dag.tasks.publish.inputs.parameters.destination.runtimeValue.constant).toBe(CHURN_MODEL_URI);
    expect(objects.find((o) => o.kind === 'InferenceService').spec.predictor.model.storageUri).toBe(CHURN_MODEL_URI);
  });
});
