import { CanaryProps, Cpu, DeploymentMode, Gpu, InferenceService, ModelFormat, ResourcesProps, ScaleMetric, Size, Stack, StorageCredentials, StorageUri, Tenant } from 'cdk8s-kubeflow';
import { Construct } from 'constructs';

export interface ServingOptions {
  /** The model version to serve: the folder the training job exported to, `s3://models/resnet/<version>`. @default 'v1' */
  readonly modelVersion?: string;
  /**
   * A canary of `modelVersion` over the version served before (Knative splits the traffic between
   * the two revisions); remove it to promote.
   * @default - none
   */
  readonly canary?: CanaryProps;
  /** GPUs per predictor replica; 0 serves on CPU. @default 0 (the dev tenant's GPU quota goes to its notebook and training) */
  readonly gpus?: number;
  /** Most predictor replicas. @default 4 */
  readonly maxReplicas?: number;
  /** Node label of the GPU node pool (only with gpus). @default 'nvidia.com/gpu.present' = 'true' */
  readonly gpuNodeSelector?: Record<string, string>;
}

/**
 * The platform's serving workload: the ResNet the training job fine-tunes, served by KServe's
 * TorchServe runtime in Knative mode from the tenant's model bucket, with its storage
 * credentials, a pre/post-processing transformer that scales to zero when idle, and
 * concurrency-based autoscaling.
 */
export function addServing(stack: Stack, tenant: Tenant, options: ServingOptions = {}): InferenceService {
  const scope = new Construct(stack, 'Serving');
  const gpus = options.gpus ?? 0;
  const credentials = new StorageCredentials(scope, 'ModelStorage', { tenant, name: 'model-storage', secretNames: ['models-s3'] });
  const resources: ResourcesProps = gpus > 0
    ? { cpu: { request: Cpu.units(4 * gpus), limit: Cpu.units(8 * gpus) }, memory: { request: Size.gibibytes(16 * gpus), limit: Size.gibibytes(16 * gpus) }, gpu: Gpu.nvidia(gpus) }
    : { cpu: { request: Cpu.units(2), limit: Cpu.units(4) }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } };
  return new InferenceService(scope, 'Resnet', {
    tenant,
    deploymentMode: DeploymentMode.KNATIVE,
    predictor: {
      model: { format: ModelFormat.pytorch(), storageUri: StorageUri.s3(`models/resnet/${options.modelVersion ?? 'v1'}`), resources },
      credentials,
      autoscaling: { minReplicas: 1, maxReplicas: options.maxReplicas ?? 4, metric: ScaleMetric.concurrency(gpus > 0 ? 8 : 4) },
      pod: gpus > 0 ? { nodeSelector: options.gpuNodeSelector ?? { 'nvidia.com/gpu.present': 'true' } } : undefined,
    },
    transformer: {
      container: {
        image: 'ghcr.io/example/resnet-transformer:1.0.0',
        args: ['--model_name=resnet'],
        resources: { cpu: { request: Cpu.millis(500), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } },
      },
      autoscaling: { minReplicas: 0, maxReplicas: 4, metric: ScaleMetric.concurrency(16) },
    },
    canary: options.canary,
  });
}
