import { Algorithm, CleanPodPolicy, EarlyStopping, Experiment, Metric, MetricStrategy, PyTorchJob, SearchSpace, Stack, Tenant, TrialTemplate } from 'cdk8s-kubeflow';
import { finetuneJobProps } from './training';

export interface TuningOptions {
  /** Trials running at once. @default 1 */
  readonly parallelTrials?: number;
  /** Trials in total. @default 12 */
  readonly maxTrials?: number;
  /** GPUs (and torchrun processes) per trial. @default 1 */
  readonly gpusPerTrial?: number;
  /** Node label of the GPU node pool. @default 'nvidia.com/gpu.present' = 'true' */
  readonly gpuNodeSelector?: Record<string, string>;
}

/**
 * The platform's tuning workload: a Katib experiment that tunes the learning rate, weight decay
 * and batch size of the ResNet fine-tuning job (see ./training.ts) with Bayesian optimization,
 * stopping trials early that fall below the median. Each trial is a one-worker PyTorchJob in the
 * tenant's namespace, which gets the label Katib needs for its metrics collector.
 */
export function addTuning(stack: Stack, tenant: Tenant, options: TuningOptions = {}): Experiment {
  const lr = SearchSpace.double('lr', { min: 1e-4, max: 1e-1 });
  const weightDecay = SearchSpace.double('weight_decay', { min: 1e-6, max: 1e-3 });
  const batchSize = SearchSpace.discrete('batch_size', [32, 64, 128]);
  return new Experiment(stack, 'ResnetTuning', {
    tenant,
    objective: Metric.maximize('accuracy', { goal: 0.95, additionalMetrics: ['loss'], metricStrategies: { loss: MetricStrategy.MIN } }),
    algorithm: Algorithm.bayesianOptimization({ nInitialPoints: 4, randomState: 42 }),
    earlyStopping: EarlyStopping.medianStop({ minTrialsRequired: 3, startStep: 2 }),
    parameters: [lr, weightDecay, batchSize],
    parallelTrialCount: options.parallelTrials ?? 1,
    maxTrialCount: options.maxTrials ?? 12,
    maxFailedTrialCount: 3,
    trialTemplate: TrialTemplate.fromJob((scope) => new PyTorchJob(scope, 'Trial', {
      ...finetuneJobProps({
        gpus: options.gpusPerTrial ?? 1,
        args: ['--epochs', '5', '--lr', lr.ref, '--weight-decay', weightDecay.ref, '--batch-size', batchSize.ref],
        gpuNodeSelector: options.gpuNodeSelector,
      }),
      runPolicy: { cleanPodPolicy: CleanPodPolicy.RUNNING, backoffLimit: 1 },
    })),
  });
}
