import { App } from 'cdk8s';
import { Cpu, DeploymentMode, Gpu, InferenceService, ModelFormat, RolloutPlan, ScaleMetric, Size, Stack, StorageCredentials, StorageUri, Tenant } from 'cdk8s-kubeflow';
import { RESNET_MODEL_PATH } from '../training/main';

/** The staged rollout of resnet v2: 10 % of requests, then 50 %, then promotion. */
export const RESNET_ROLLOUT = RolloutPlan.of(10, 50, 100);

/**
 * Where the v2 rollout is. Promoting is a pull request that bumps this number; Argo CD applies
 * the new manifest and Knative shifts the traffic.
 */
export const ROLLOUT_STAGE = 0;

/**
 * Serving the ResNet model that the training example (`examples/training`, PyTorchJob
 * `resnet-imagenet`) trains: the job exports a TorchServe model archive to
 * `s3://models/resnet/<version>/` ({@link RESNET_MODEL_PATH}), and this app serves it on GPUs with KServe:
 *
 *  - a PyTorch predictor (TorchServe runtime) reading the model with the team's storage credentials;
 *  - a transformer that turns JPEG bytes into tensors before the predictor and labels after it;
 *  - autoscaling on in-flight requests, scale to zero for the transformer when idle;
 *  - a staged canary rollout of v2 over v1 ({@link RESNET_ROLLOUT}, at {@link ROLLOUT_STAGE}).
 */
export function buildApp(stage: number = ROLLOUT_STAGE): App {
  const app = new App();
  const stack = new Stack(app, 'serving-example');
  const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });

  // The Secret `models-s3` (keys awsAccessKeyID/awsSecretAccessKey, annotated with the S3
  // endpoint) is created by External Secrets; git only names it.
  const credentials = new StorageCredentials(stack, 'ModelStorage', { tenant: research, name: 'model-storage', secretNames: ['models-s3'] });

  new InferenceService(stack, 'Resnet', {
    tenant: research,
    deploymentMode: DeploymentMode.KNATIVE,
    predictor: {
      // Knative canary: the predictor as written is the candidate (v2); Knative keeps v1's
      // revision and splits traffic between the two until the last stage promotes v2.
      model: {
        format: ModelFormat.pytorch(),
        storageUri: StorageUri.s3(RESNET_MODEL_PATH),        // what examples/training exports
        resources: {
          cpu: { request: Cpu.units(4), limit: Cpu.units(8) },
          memory: { request: Size.gibibytes(16), limit: Size.gibibytes(16) },
          gpu: Gpu.nvidia(1),
        },
      },
      credentials,
      autoscaling: { minReplicas: 1, maxReplicas: 8, metric: ScaleMetric.concurrency(8) },
      pod: { nodeSelector: { 'nvidia.com/gpu.present': 'true' } },
    },
    transformer: {
      container: {
        image: 'ghcr.io/example/resnet-transformer:1.0.0',
        args: ['--model_name=resnet', '--protocol=v1'],
        resources: { cpu: { request: Cpu.units(1), limit: Cpu.units(2) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) } },
      },
      autoscaling: { minReplicas: 0, maxReplicas: 4, metric: ScaleMetric.concurrency(20) },
    },
    rollout: { plan: RESNET_ROLLOUT, stage },
  });
  return app;
}

// `cdk8s-kubeflow synth --app lib/examples/serving/main.js` runs this file directly.
if (require.main === module) buildApp().synth();
