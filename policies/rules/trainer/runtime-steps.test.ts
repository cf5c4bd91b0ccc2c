import { ruleFindings } from '../../../test/policy';
import { initializerMount, replicatedJob, runtime, torchRuntime } from '../../../test/training-manifests';

const messages = (rule: string, ...objects: Parameters<typeof ruleFindings>[1][]) => ruleFindings(rule, ...objects).map((f) => `${f.path}: ${f.message}`);

describe('trainer/runtime-ancestor-steps', () => {
  test('rejects an ancestor step of more than one replica, or without its container', () => {
    const twoNodes = { ...replicatedJob('node', 'trainer', 'trainer'), replicas: 2 };
    expect(messages('trainer/runtime-ancestor-steps', runtime('rt', [replicatedJob('init', 'dataset-initializer', 'download'), twoNodes], undefined, 'team'))).toEqual([
      '.spec.template.spec.replicatedJobs[0].template.spec.template.spec.containers: has no container named "dataset-initializer", which the dataset-initializer step requires (it has "download")',
      '.spec.template.spec.replicatedJobs[1].replicas: must be 1, got 2: the trainer runs the trainer step as one Job',
      '.spec.template.spec.replicatedJobs[1].template.spec.template.spec.containers: has no container named "node", which the trainer step requires (it has "trainer")',
    ]);
  });

  test('accepts the steps with their containers, and unlabelled jobs of any shape', () => {
    expect(messages('trainer/runtime-ancestor-steps', torchRuntime(), runtime('mpi', [{ ...replicatedJob('node', undefined, 'sshd'), replicas: 1 }, replicatedJob('launcher', 'trainer', 'node')]))).toEqual([]);
  });
});

describe('trainer/runtime-initializer-volume', () => {
  test('warns of an initializer that does not mount the initializer volume', () => {
    expect(ruleFindings('trainer/runtime-initializer-volume', runtime('rt', [replicatedJob('model-initializer', 'model-initializer', 'model-initializer')]))).toEqual([expect.objectContaining({
      severity: 'warning',
      path: '.spec.template.spec.replicatedJobs[0].template.spec.template.spec.containers[0].volumeMounts',
      message: 'include no volume named "initializer", so the trainer rejects every TrainJob that sets spec.initializer.model',
    })]);
  });

  test('accepts initializers that mount it', () => {
    expect(ruleFindings('trainer/runtime-initializer-volume', torchRuntime(), runtime('rt', [replicatedJob('dataset-initializer', undefined, { name: 'dataset-initializer', image: 'x', ...initializerMount })]))).toEqual([]);
  });
});

describe('trainer/runtime-env-injection-targets', () => {
  const withTargets = (targets: unknown[]) => runtime('rt', [replicatedJob('node', 'trainer', 'node', 'profiler'), replicatedJob('sidecar-job', undefined, 'agent')], { torch: { envInjection: { targets } } });

  test('rejects targets the runtime does not have', () => {
    expect(messages('trainer/runtime-env-injection-targets', withTargets([{ jobName: 'node', containerNames: ['profiler', 'tracer'] }, { jobName: 'eval', containerNames: ['agent'] }]))).toEqual([
      '.spec.mlPolicy.torch.envInjection.targets[0].containerNames[1]: names container "tracer", which replicated job "node" does not have (it has "node", "profiler")',
      '.spec.mlPolicy.torch.envInjection.targets[1].jobName: names replicated job "eval", which the runtime does not have',
    ]);
  });

  test('accepts targets that exist', () => {
    expect(messages('trainer/runtime-env-injection-targets', withTargets([{ jobName: 'node', containerNames: ['profiler'] }, { jobName: 'sidecar-job', containerNames: ['agent'] }]))).toEqual([]);
  });
});
