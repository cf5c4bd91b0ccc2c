// Twin of loaded.py.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Artifact, ContainerComponent, Param, PipelineComponent } from '../../index';

const train = ContainerComponent.fromYaml(fs.readFileSync(path.join(__dirname, '../components/train-model.yaml'), 'utf8'));
const make = ContainerComponent.define({ name: 'make', outputs: { out: Artifact.dataset() }, image: 'busybox', command: ['make'], args: ({ outputs }) => [outputs.out.path] });

export const pipeline = PipelineComponent.define({ name: 'loaded', inputs: { epochs: Param.int({ default: 5 }) } }, (p, inputs) => {
  const m = p.task(make, {});
  p.task(train, { data: m.outputs.out, epochs: inputs.epochs });
  p.task(train, { data: m.outputs.out });
});
