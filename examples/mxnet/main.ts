import { App } from 'cdk8s';
import { Cpu, MXNetClusterTrainingRuntime, Size, Stack, Tenant, TrainJob } from 'cdk8s-kubeflow';

/**
 * The last Apache MXNet release, 1.9.1 (2022), as Docker Hub publishes it (the image Katib's SDK
 * uses for MXNet too). The project is retired: there will be no newer one.
 */
export const MXNET_IMAGE = 'mxnet/python:1.9.1_native_py3';

/**
 * A team keeps an MXNet training job running after the MXJob kind was removed from the Training
 * Operator (v1.9): the platform publishes a parameter-server runtime on Trainer v2, and the job
 * that was an MXJob (kubeflow/training-operator v1.8 examples/mxnet/mxjob_dist_v1.yaml) becomes a
 * TrainJob against it.
 */
export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'mxnet-example');
  const vision = new Tenant(stack, 'Vision', { name: 'vision', owner: 'bob@example.com' });

  // The platform team: one runtime for every MXNet job, one scheduler, two parameter servers and
  // two workers (the scheduler and servers run `python3 -c "import mxnet"` in the same image).
  const cpu = (cores: number, gib: number) => ({ cpu: { request: Cpu.units(cores) }, memory: { request: Size.gibibytes(gib), limit: Size.gibibytes(gib) } });
  const runtime = new MXNetClusterTrainingRuntime(stack, 'MxnetParameterServer', {
    worker: { image: MXNET_IMAGE, replicas: 2, resources: cpu(4, 8) },
    server: { replicas: 2, resources: cpu(2, 4) },
    scheduler: { resources: cpu(1, 1) },
  });

  // An ML engineer: the MXJob's worker command as the TrainJob's trainer, in an image that adds the
  // training script to MXNet's (as the MXJob example's Dockerfile did). The kvstore must be a
  // `dist_*` one, or the workers never use the parameter servers.
  new TrainJob(stack, 'MnistDist', {
    tenant: vision,
    runtime,
    trainer: {
      image: 'ghcr.io/example/mxnet-mnist:1.9.1',
      command: ['python3', '/mxnet/example/image-classification/train_mnist.py'],
      args: ['--num-epochs', '10', '--num-layers', '2', '--kv-store', 'dist_sync'],
    },
  });
  return app;
}
