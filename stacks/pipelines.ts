import { Artifact, ContainerComponent, KfpPipeline, Param, PipelineComponent, Stack, Tenant } from 'cdk8s-kubeflow';

const IMAGE = 'ghcr.io/example/resnet-train:2.4.0';

const validate = ContainerComponent.define({
  name: 'validate-dataset',
  inputs: { dataset: Param.string() },
  outputs: { report: Artifact.html(), images: Param.int() },
  image: IMAGE,
  command: ['python', '-m', 'resnet.validate'],
  args: ({ inputs, outputs }) => ['--dataset', inputs.dataset, '--report', outputs.report.path, '--images', outputs.images],
});

const snapshot = ContainerComponent.define({
  name: 'snapshot-dataset',
  inputs: { dataset: Param.string() },
  outputs: { snapshot: Artifact.dataset() },
  image: IMAGE,
  command: ['python', '-m', 'resnet.snapshot'],
  args: ({ inputs, outputs }) => ['--dataset', inputs.dataset, '--out', outputs.snapshot.uri],
});

/** Nightly dataset check: validate the ImageNet shards and snapshot them when enough images are readable. */
export const DATASET_CHECK = PipelineComponent.define({
  name: 'imagenet-check',
  description: 'Validates the training data and snapshots it for reproducible training runs',
  inputs: { dataset: Param.string({ default: 's3://datasets/imagenet' }), min_images: Param.int({ default: 1_000_000 }) },
}, (p, inputs) => {
  // The research namespace's quota requires requests on every pod, KFP's task pods included.
  const resources = { cpuRequest: '2', cpuLimit: '2', memoryRequest: '4Gi', memoryLimit: '4Gi' };
  const check = p.task(validate, { dataset: inputs.dataset }, { resources, kubernetes: { secretsAsEnv: [{ secretName: 'datasets-s3', keyToEnv: { 'access-key-id': 'AWS_ACCESS_KEY_ID', 'secret-access-key': 'AWS_SECRET_ACCESS_KEY' } }] } });
  p.if(check.outputs.images.ge(inputs.min_images), () => {
    p.task(snapshot, { dataset: inputs.dataset }, { caching: false, resources });
  });
});

/** The platform's pipelines: the dataset check, run nightly, in the research tenant. */
export function addPipelines(stack: Stack, tenant: Tenant): KfpPipeline {
  const pipeline = new KfpPipeline(stack, 'DatasetCheck', { tenant, pipeline: DATASET_CHECK, codeSourceUrl: 'https://github.com/example/ml-platform/tree/main/stacks' });
  pipeline.addSchedule('Nightly', { cron: '30 1 * * *', experiment: 'dataset-checks', image: 'ghcr.io/example/kfp-sdk:2.17' });
  return pipeline;
}
