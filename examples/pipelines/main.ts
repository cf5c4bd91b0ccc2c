import { App } from 'cdk8s';
import {
  Artifact, ContainerComponent, DeploymentMode, InferenceService, KfpPipeline, ModelFormat, Param, PipelineComponent, Size, Stack, StorageUri, Tenant,
} from 'cdk8s-kubeflow';

/** Where the pipeline publishes an accepted model, and where the InferenceService serves it from. */
export const CHURN_MODEL_URI = 's3://models/churn/production';

const prepare = ContainerComponent.define({
  name: 'prepare',
  inputs: { source: Param.string(), test_fraction: Param.float({ default: 0.2 }) },
  outputs: { train: Artifact.dataset(), test: Artifact.dataset() },
  image: 'ghcr.io/example/churn:1.4.0',
  command: ['python', '-m', 'churn.prepare'],
  args: ({ inputs, outputs }) => ['--source', inputs.source, '--test-fraction', inputs.test_fraction, '--train', outputs.train.path, '--test', outputs.test.path],
});

const train = ContainerComponent.define({
  name: 'train',
  inputs: { data: Artifact.dataset(), epochs: Param.int({ default: 20 }) },
  outputs: { model: Artifact.model() },
  image: 'ghcr.io/example/churn:1.4.0',
  command: ['python', '-m', 'churn.train'],
  args: ({ inputs, outputs }) => ['--data', inputs.data.path, '--epochs', inputs.epochs, '--model', outputs.model.path],
});

const evaluate = ContainerComponent.define({
  name: 'evaluate',
  inputs: { model: Artifact.model(), data: Artifact.dataset() },
  outputs: { metrics: Artifact.metrics(), auc: Param.float() },
  image: 'ghcr.io/example/churn:1.4.0',
  command: ['python', '-m', 'churn.evaluate'],
  args: ({ inputs, outputs }) => ['--model', inputs.model.path, '--data', inputs.data.path, '--metrics', outputs.metrics.path, '--auc', outputs.auc],
});

const publish = ContainerComponent.define({
  name: 'publish',
  inputs: { model: Artifact.model(), destination: Param.string() },
  image: 'ghcr.io/example/churn:1.4.0',
  command: ['python', '-m', 'churn.publish'],
  args: ({ inputs }) => ['--model', inputs.model.uri, '--to', inputs.destination],
});

/** Prepare data → train on GPUs → evaluate → publish the model only when its AUC clears the bar. */
export const CHURN_PIPELINE = PipelineComponent.define({
  name: 'churn',
  description: 'Trains the churn model and publishes it when it is good enough',
  inputs: { source: Param.string({ default: 's3://datasets/churn/latest' }), min_auc: Param.float({ default: 0.85 }) },
}, (p, inputs) => {
  const data = p.task(prepare, { source: inputs.source });
  const model = p.task(train, { data: data.outputs.train }, {
    resources: { cpuRequest: '4', memoryRequest: '16Gi', memoryLimit: '16Gi', accelerator: { type: 'nvidia.com/gpu', count: 2 } },
    kubernetes: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }], secretsAsEnv: [{ secretName: 'datasets-s3', keyToEnv: { 'access-key-id': 'AWS_ACCESS_KEY_ID', 'secret-access-key': 'AWS_SECRET_ACCESS_KEY' } }] },
    retry: { count: 2, backoffSeconds: 60 },
  });
  const evaluation = p.task(evaluate, { model: model.outputs.model, data: data.outputs.test });
  p.if(evaluation.outputs.auc.ge(inputs.min_auc), () => {
    p.task(publish, { model: model.outputs.model, destination: CHURN_MODEL_URI }, { caching: false, kubernetes: { secretsAsEnv: [{ secretName: 'models-s3', keyToEnv: { 'access-key-id': 'AWS_ACCESS_KEY_ID', 'secret-access-key': 'AWS_SECRET_ACCESS_KEY' } }] } });
  });
});

/**
 * A tenant's churn pipeline as KFP objects (Pipeline + content-named PipelineVersion), run
 * nightly, and the InferenceService that serves what the pipeline publishes.
 */
export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'pipelines-example');
  const growth = new Tenant(stack, 'Growth', { name: 'growth', owner: 'erin@example.com' });
  const pipeline = new KfpPipeline(stack, 'Churn', { tenant: growth, pipeline: CHURN_PIPELINE, codeSourceUrl: 'https://github.com/example/ml-platform/tree/main/examples/pipelines' });
  pipeline.addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'churn-nightly', image: 'ghcr.io/example/kfp-sdk:2.17' });
  new InferenceService(stack, 'ChurnModel', {
    tenant: growth,
    name: 'churn',
    deploymentMode: DeploymentMode.STANDARD,
    predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.parse(CHURN_MODEL_URI), resources: { memory: { request: Size.gibibytes(2) } } } },
  });
  return app;
}

// `cdk8s-kubeflow synth --app lib/examples/pipelines/main.js` runs this file directly.
if (require.main === module) buildApp().synth();
