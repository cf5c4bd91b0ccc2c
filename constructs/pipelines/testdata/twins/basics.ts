// Twin of basics.py.
import { Artifact, ContainerComponent, Param, PipelineComponent } from '../../index';

const prep = ContainerComponent.define({
  name: 'prep',
  inputs: {
    rows: Param.int(),
    tag: Param.string({ default: 'x' }),
    ratio: Param.float({ default: 0.25 }),
    shuffle: Param.bool({ default: true }),
    cols: Param.list({ default: ['a', 'b'] }),
    opts: Param.struct({ default: { k: 1 } }),
  },
  outputs: { out_data: Artifact.dataset() },
  image: 'python:3.11',
  command: ['sh', '-c'],
  args: ({ inputs, outputs }) => ['echo', inputs.rows, outputs.out_data.path, inputs.tag],
});

const train = ContainerComponent.define({
  name: 'train',
  inputs: { data: Artifact.dataset(), lr: Param.float() },
  outputs: { model: Artifact.model(), m: Artifact.metrics(), acc: Param.float() },
  image: 'trainer:1',
  command: ['train'],
  args: ({ inputs, outputs }) => ['--data', inputs.data.path, '--lr', inputs.lr, '--model', outputs.model.uri, '--meta', inputs.data.metadata, '--acc', outputs.acc],
});

export const pipeline = PipelineComponent.define({
  name: 'basics',
  description: 'typed data passing',
  inputs: { rows: Param.int({ default: 10 }), lr: Param.float({ default: 0.1 }), name: Param.string({ default: 'n' }) },
}, (p, inputs) => {
  const data = p.task(prep, { rows: inputs.rows, tag: inputs.name }, { caching: false, displayName: 'Prepare data' });
  const t = p.task(train, { data: data.outputs.out_data, lr: inputs.lr }, {
    resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '4G', accelerator: { type: 'nvidia.com/gpu', count: 2 } },
    env: { A: 'b', C: 'd' },
    retry: { count: 3, backoffSeconds: 30, backoffFactor: 1.5, maxBackoffSeconds: 600 },
  });
  p.task(train, { data: data.outputs.out_data, lr: 0.5 }, { after: [t] });
});
