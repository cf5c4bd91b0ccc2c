import { App, Duration } from 'cdk8s';
import { AcquisitionFunction, Algorithm, Cpu, EarlyStopping, Experiment, Gpu, Metric, MetricStrategy, NprocPerNode, PyTorchJob, Scheduler, SearchSpace, Size, Stack, Tenant, TrialMetadata, TrialTemplate, Volume } from 'cdk8s-kubeflow';

/**
 * Tuning the training example's multi-node PyTorch job (examples/training) with Katib: Bayesian
 * optimization of the learning rate, momentum and weight decay, with median early stopping.
 * Each trial is the same gang-scheduled PyTorchJob, at 2 × 8 GPUs and 10 epochs instead of
 * 4 × 8 GPUs and a full run; three trials run at a time.
 */
export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'tuning-example');
  const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });

  const lr = SearchSpace.double('lr', { min: 0.01, max: 0.8, description: 'Peak learning rate of SGD' });
  const momentum = SearchSpace.double('momentum', { min: 0.8, max: 0.99 });
  const weightDecay = SearchSpace.double('weight_decay', { min: 1e-5, max: 1e-3 });

  const gpuNode = {
    image: 'nvcr.io/nvidia/pytorch:24.05-py3',
    command: ['torchrun', '/workspace/train.py', '--data', '/data/imagenet', '--epochs', '10',
      '--lr', lr.ref, '--momentum', momentum.ref, '--weight-decay', weightDecay.ref],
    // Checkpoints and tracking runs named after the trial.
    env: { RUN_NAME: TrialMetadata.NAME.ref },
    resources: { cpu: { request: Cpu.units(32) }, memory: { request: Size.gibibytes(256), limit: Size.gibibytes(256) }, gpu: Gpu.nvidia(8) },
    sharedMemory: Size.gibibytes(64),
  };

  new Experiment(stack, 'ResnetImagenetTuning', {
    tenant: research,
    // train.py prints `accuracy=0.7612` and `loss=1.03` after every epoch (Katib's default StdOut format).
    objective: Metric.maximize('accuracy', { goal: 0.78, additionalMetrics: ['loss'], metricStrategies: { loss: MetricStrategy.MIN } }),
    algorithm: Algorithm.bayesianOptimization({ nInitialPoints: 6, acqFunc: AcquisitionFunction.EI, randomState: 1 }),
    earlyStopping: EarlyStopping.medianStop({ minTrialsRequired: 3, startStep: 3 }),
    parameters: [lr, momentum, weightDecay],
    parallelTrialCount: 3,
    maxTrialCount: 24,
    maxFailedTrialCount: 4,
    trialTemplate: TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {
      master: gpuNode,
      worker: gpuNode,
      nprocPerNode: NprocPerNode.count(8),
      pod: { nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' } },
      mounts: [{ volume: Volume.fromPersistentVolumeClaim('shared-datasets', { readOnly: true }), path: '/data', readOnly: true }],
      scheduler: Scheduler.coscheduling({ scheduleTimeout: Duration.minutes(10) }),
      runPolicy: { backoffLimit: 2, activeDeadline: Duration.hours(6) },
    })),
  });
  return app;
}
