import { collectWarnings, Stack } from 'cdk8s-kubeflow';
import { SchemaValidator } from '../../policies/schema-validator';
import { expectSchemaValid } from '../../test/schema';
import { buildApp } from './main';

describe('tuning example', () => {
  const app = buildApp();
  const stack = app.node.findChild('tuning-example') as Stack;
  const objects = stack.toJson();
  const experiment = objects.find((o) => o.kind === 'Experiment');

  test('synthesizes every object, schema-valid, without warnings', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Experiment/resnet-imagenet-tuning',
      'Inventory/tuning-example',
      'Namespace/ml-research',
      'Profile/ml-research',
    ]);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('Bayesian optimization with median stopping over three parameters', () => {
    expect(experiment.spec.algorithm).toEqual({ algorithmName: 'bayesianoptimization', algorithmSettings: [
      { name: 'n_initial_points', value: '6' }, { name: 'acq_func', value: 'EI' }, { name: 'random_state', value: '1' },
    ] });
    expect(experiment.spec.earlyStopping.algorithmName).toBe('medianstop');
    expect(experiment.spec.parameters.map((p: any) => p.name)).toEqual(['lr', 'momentum', 'weight_decay']);
    expect(experiment.spec.trialTemplate.trialParameters.map((p: any) => p.reference)).toEqual(['lr', 'momentum', 'weight_decay', '${trialSpec.Name}']);
  });

  test('each trial is the gang-scheduled PyTorchJob, metrics from the master, valid as a PyTorchJob', () => {
    const t = experiment.spec.trialTemplate;
    expect(t.primaryContainerName).toBe('pytorch');
    expect(t.primaryPodLabels).toEqual({ 'training.kubeflow.org/replica-type': 'master' });
    expect(t.trialSpec.spec.runPolicy.schedulingPolicy).toEqual({ scheduleTimeoutSeconds: 600 });
    expect(t.trialSpec.spec.pytorchReplicaSpecs.Master.template.spec.containers[0].command).toContain('${trialParameters.lr}');
    const job = { ...t.trialSpec, metadata: { name: 'resnet-imagenet-tuning-x7k2p9qz', namespace: 'ml-research' } };
    expect(SchemaValidator.for().validate({ object: job })).toEqual([]);
  });

  test('the tenant namespace carries the label Katib requires', () => {
    const ns = objects.find((o) => o.kind === 'Namespace');
    expect(ns.metadata.labels['katib.kubeflow.org/metrics-collector-injection']).toBe('enabled');
  });
});
