import { App } from 'cdk8s';
import { collectWarnings, Stack, Tenant } from 'cdk8s-kubeflow';
import { expectSchemaValid } from '../test/schema';
import { addServing } from './serving';

describe('addServing', () => {
  test('adds a schema-valid InferenceService and its storage credentials to the tenant', () => {
    const app = new App();
    const stack = new Stack(app, 'dev');
    const tenant = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
    const svc = addServing(stack, tenant);
    expect([svc.name, svc.namespace, svc.node.path]).toEqual(['resnet', 'ml-research', 'dev/Serving/Resnet']);
    const objects = stack.toJson();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Profile/ml-research', 'ServiceAccount/model-storage', 'InferenceService/resnet', 'Inventory/dev']);
    const p = objects.find((o) => o.kind === 'InferenceService').spec.predictor;
    expect(p.model).toMatchObject({ modelFormat: { name: 'pytorch' }, storageUri: 's3://models/resnet/v1' });
    expect(p.model.resources.limits['nvidia.com/gpu']).toBeUndefined();
    expect(p.serviceAccountName).toBe('model-storage');
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('GPUs, a new model version and a canary', () => {
    const stack = new Stack(new App(), 'prod');
    addServing(stack, new Tenant(stack, 'Research', { owner: 'alice@example.com' }), { gpus: 1, modelVersion: 'v2', canary: { trafficPercent: 20 }, gpuNodeSelector: { pool: 'a100' } });
    const p = stack.toJson().find((o) => o.kind === 'InferenceService').spec.predictor;
    expect(p).toMatchObject({ canaryTrafficPercent: 20, nodeSelector: { pool: 'a100' }, model: { storageUri: 's3://models/resnet/v2' } });
    expect(p.model.resources.limits['nvidia.com/gpu']).toBe('1');
    expectSchemaValid(stack);
  });
});
