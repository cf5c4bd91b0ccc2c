import { App, Duration } from 'cdk8s';
import { CleanPodPolicy, ClusterTrainingRuntime, Cpu, EnvValue, Gpu, INITIALIZER_VOLUME, MlPolicy, NprocPerNode, PodGroupPolicy, PyTorchJob, Scheduler, Size, Stack, Tenant, TrainJob, Volume, XGBoostJob } from 'cdk8s-kubeflow';

/**
 * Where the PyTorchJob exports its trained model (a TorchServe model store, under the S3 bucket
 * `models`); `examples/serving` serves it from there.
 */
export const RESNET_MODEL_PATH = 'models/resnet/v2';

/**
 * Distributed training on a shared GPU cluster, three ways:
 *  1. a multi-node PyTorchJob on 4 × 8 GPUs, gang-scheduled so that no node idles on a partial job;
 *  2. a CPU XGBoostJob queued through Kueue;
 *  3. a Trainer v2 TrainJob fine-tuning an LLM against a ClusterTrainingRuntime the platform provides.
 */
export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'training-example');
  const research = new Tenant(stack, 'Research', { name: 'ml-research', owner: 'alice@example.com' });
  const datasets = Volume.fromPersistentVolumeClaim('shared-datasets', { readOnly: true });

  // 1. Multi-node PyTorch: one master and three workers, 8 GPUs and 8 torchrun processes each.
  const image = 'nvcr.io/nvidia/pytorch:24.05-py3';
  const gpuNode = {
    image,
    command: ['torchrun', '/workspace/train.py', '--data', '/data/imagenet', '--export', `s3://${RESNET_MODEL_PATH}`],
    resources: { cpu: { request: Cpu.units(32) }, memory: { request: Size.gibibytes(256), limit: Size.gibibytes(256) }, gpu: Gpu.nvidia(8) },
    sharedMemory: Size.gibibytes(64),
  };
  new PyTorchJob(stack, 'ResnetImagenet', {
    tenant: research,
    // The same credentials the serving example's storage service account lists.
    env: {
      AWS_ACCESS_KEY_ID: EnvValue.fromSecret('models-s3', 'awsAccessKeyID'),
      AWS_SECRET_ACCESS_KEY: EnvValue.fromSecret('models-s3', 'awsSecretAccessKey'),
    },
    master: gpuNode,
    worker: { ...gpuNode, replicas: 3 },
    nprocPerNode: NprocPerNode.count(8),
    pod: { nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' } },
    mounts: [{ volume: datasets, path: '/data', readOnly: true }],
    scheduler: Scheduler.coscheduling({ scheduleTimeout: Duration.minutes(10) }),
    runPolicy: { cleanPodPolicy: CleanPodPolicy.RUNNING, backoffLimit: 3, activeDeadline: Duration.days(2) },
  });

  // 2. XGBoost on CPUs: the master is the tracker; Kueue admits the job when the queue has room.
  const xgbImage = 'ghcr.io/example/xgboost-churn:1.0.0';
  const xgbResources = { cpu: { request: Cpu.units(4), limit: Cpu.units(4) }, memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) } };
  new XGBoostJob(stack, 'ChurnModel', {
    tenant: research,
    master: { image: xgbImage, args: ['--job_type=Train', '--n_estimators=200'], resources: xgbResources },
    worker: { image: xgbImage, replicas: 3, args: ['--job_type=Train', '--n_estimators=200'], resources: xgbResources },
    scheduler: Scheduler.kueue('cpu-batch'),
  });

  // 3. Trainer v2: the platform team publishes a runtime; ML engineers submit TrainJobs against it.
  // The initializers download into a ReadWriteMany claim that the trainer nodes then read; every
  // namespace that runs these TrainJobs provides a claim of this name. The trainer hands a
  // TrainJob's storageUri only to initializers that mount a volume named "initializer".
  const workspace = Volume.fromPersistentVolumeClaim('training-workspace', { name: INITIALIZER_VOLUME });
  const runtime = new ClusterTrainingRuntime(stack, 'TorchFinetune', {
    name: 'torch-finetune',
    mlPolicy: MlPolicy.torch({ numNodes: 1 }),
    podGroupPolicy: PodGroupPolicy.coscheduling({ scheduleTimeout: Duration.minutes(5) }),
    datasetInitializer: { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.0.0', mounts: [{ volume: workspace, path: '/workspace' }] },
    modelInitializer: { image: 'ghcr.io/kubeflow/trainer/model-initializer:v2.0.0', mounts: [{ volume: workspace, path: '/workspace' }] },
    trainer: {
      image: 'pytorch/pytorch:2.7.1-cuda12.6-cudnn9-runtime',
      resources: { gpu: Gpu.nvidia(4) },
      mounts: [{ volume: workspace, path: '/workspace' }],
      sharedMemory: Size.gibibytes(16),
    },
  });
  new TrainJob(stack, 'LlamaFinetune', {
    tenant: research,
    runtime,
    trainer: {
      image: 'ghcr.io/example/llama-finetune:0.3.0',
      command: ['torchrun', 'finetune.py', '--model', '/workspace/model', '--data', '/workspace/dataset'],
      env: { HF_TOKEN: EnvValue.fromSecret('hf-token', 'token') },
      numNodes: 2,
      numProcPerNode: 4,
    },
    datasetInitializer: { storageUri: 'hf://tatsu-lab/alpaca' },
    modelInitializer: { storageUri: 'hf://meta-llama/Llama-3.2-1B-Instruct', secretName: 'hf-token' },
  });
  return app;
}
