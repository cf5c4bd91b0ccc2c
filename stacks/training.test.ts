import { App } from 'cdk8s';
import { collectWarnings, Stack, Tenant } from 'cdk8s-kubeflow';
import { expectSchemaValid } from '../test/schema';
import { addTraining } from './training';

describe('addTraining', () => {
  test('adds a schema-valid PyTorchJob to the tenant, sized by the options', () => {
    const app = new App();
    const stack = new Stack(app, 'dev');
    const tenant = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
    const job = addTraining(stack, tenant, { workers: 2, gpusPerWorker: 4 });
    const m = stack.toJson().find((o) => o.kind === 'PyTorchJob');
    expect(m.metadata).toMatchObject({ name: 'resnet-finetune', namespace: 'ml-research' });
    expect(m.spec.nprocPerNode).toBe('4');
    expect(m.spec.pytorchReplicaSpecs.Worker.replicas).toBe(2);
    expect(m.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe('4');
    expect(job.totalReplicas()).toBe(2);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('defaults to one single-GPU worker', () => {
    const stack = new Stack(new App(), 'dev');
    const job = addTraining(stack, new Tenant(stack, 'Research', { owner: 'alice@example.com' }));
    expect(job.replicaCount('Worker')).toBe(1);
  });
});
