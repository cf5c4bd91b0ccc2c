import { App } from 'cdk8s';
import { collectWarnings, Stack, Tenant } from 'cdk8s-kubeflow';
import { expectSchemaValid } from '../test/schema';
import { addTuning } from './tuning';

describe('addTuning', () => {
  test('adds a schema-valid Bayesian-optimization experiment over the fine-tuning job, and labels the tenant namespace', () => {
    const app = new App();
    const stack = new Stack(app, 'dev');
    const tenant = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
    const experiment = addTuning(stack, tenant, { parallelTrials: 2, gpusPerTrial: 2 });
    const objects = stack.toJson();
    const m = objects.find((o) => o.kind === 'Experiment');
    expect(m.metadata).toMatchObject({ name: 'resnet-tuning', namespace: 'ml-research' });
    expect(m.spec.algorithm.algorithmName).toBe('bayesianoptimization');
    expect(m.spec.earlyStopping.algorithmName).toBe('medianstop');
    expect(m.spec.parallelTrialCount).toBe(2);
    expect(m.spec.trialTemplate.trialSpec.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe('2');
    expect(experiment.trialParameters.map((p) => p.name)).toEqual(['lr', 'weight_decay', 'batch_size']);
    expect(objects.find((o) => o.kind === 'Namespace').metadata.labels['katib.kubeflow.org/metrics-collector-injection']).toBe('enabled');
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });
});
