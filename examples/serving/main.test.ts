import { collectWarnings, Stack } from 'cdk8s-kubeflow';
import { expectSchemaValid } from '../../test/schema';
import { buildApp, RESNET_ROLLOUT, ROLLOUT_STAGE } from './main';

const stackOf = (stage?: number) => buildApp(stage).node.findChild('serving-example') as Stack;

describe('serving example', () => {
  test('synthesizes every object, schema-valid, without warnings', () => {
    const app = buildApp();
    const stack = app.node.findChild('serving-example') as Stack;
    expect(stack.toJson().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Profile/ml-research',
      'ServiceAccount/model-storage',
      'InferenceService/resnet',
      'Inventory/serving-example',
    ]);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('serves the PyTorch model the training job exports, on a GPU, with its credentials', () => {
    const isvc = stackOf().toJson().find((o) => o.kind === 'InferenceService');
    expect(isvc.metadata.namespace).toBe('ml-research');
    expect(isvc.metadata.annotations['serving.kserve.io/deploymentMode']).toBe('Knative');
    const p = isvc.spec.predictor;
    expect(p.model).toMatchObject({ modelFormat: { name: 'pytorch' }, storageUri: 's3://models/resnet/v2' });
    expect(p.model.resources.limits['nvidia.com/gpu']).toBe('1');
    expect(p).toMatchObject({ serviceAccountName: 'model-storage', minReplicas: 1, maxReplicas: 8, scaleMetric: 'concurrency', scaleTarget: 8 });
    expect(isvc.spec.transformer).toMatchObject({ minReplicas: 0, containers: [expect.objectContaining({ image: 'ghcr.io/example/resnet-transformer:1.0.0' })] });
  });

  test('one manifest per rollout stage: 10 %, 50 %, then promoted', () => {
    expect(ROLLOUT_STAGE).toBeLessThan(RESNET_ROLLOUT.length);
    const percents = RESNET_ROLLOUT.steps.map((_, stage) => {
      const stack = stackOf(stage);
      expectSchemaValid(stack);
      return stack.toJson().find((o) => o.kind === 'InferenceService').spec.predictor.canaryTrafficPercent;
    });
    expect(percents).toEqual([10, 50, undefined]);
  });
});
