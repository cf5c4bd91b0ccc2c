import { collectWarnings, Stack } from 'cdk8s-kubeflow';
import { expectSchemaValid } from '../../test/schema';
import { buildApp } from './main';

describe('training example', () => {
  const app = buildApp();
  const stack = app.node.findChild('training-example') as Stack;
  const objects = stack.toJson();

  test('synthesizes every object, schema-valid, without warnings', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Profile/ml-research',
      'PyTorchJob/resnet-imagenet',
      'XGBoostJob/churn-model',
      'ClusterTrainingRuntime/torch-finetune',
      'TrainJob/llama-finetune',
      'Inventory/training-example',
    ]);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('the PyTorchJob is a gang of four 8-GPU pods', () => {
    const job = objects.find((o) => o.kind === 'PyTorchJob');
    const specs = job.spec.pytorchReplicaSpecs;
    expect(specs.Master.replicas + specs.Worker.replicas).toBe(4);
    expect(specs.Worker.template.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe('8');
    expect(specs.Worker.template.spec.schedulerName).toBe('scheduler-plugins-scheduler');
    expect(job.spec.runPolicy.schedulingPolicy).toEqual({ scheduleTimeoutSeconds: 600 });
  });

  test('the XGBoostJob is queued in Kueue and the TrainJob references the runtime', () => {
    expect(objects.find((o) => o.kind === 'XGBoostJob').metadata.labels['kueue.x-k8s.io/queue-name']).toBe('cpu-batch');
    expect(objects.find((o) => o.kind === 'TrainJob').spec.runtimeRef).toEqual({ apiGroup: 'trainer.kubeflow.org', kind: 'ClusterTrainingRuntime', name: 'torch-finetune' });
  });
});
