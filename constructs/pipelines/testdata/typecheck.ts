// Compile-time checks of the pipeline DSL's types: `npm run build` (tsc) compiles this file, so a
// line marked `@ts-expect-error` that TypeScript accepts (an unused directive is an error) or a
// valid line it rejects fails the build. Never run: it only has to type-check.
import { Artifact, ContainerComponent, Param, PipelineComponent } from '../index';

const train = ContainerComponent.define({
  name: 'train',
  inputs: { data: Artifact.dataset(), lr: Param.float(), tag: Param.string({ default: 'x' }), parts: Artifact.dataset({ list: true, optional: true }) },
  outputs: { model: Artifact.model(), loss: Param.float(), anything: Artifact.generic() },
  image: 'i',
  // A list of artifacts is one placeholder (the whole list), not path/uri/metadata.
  args: ({ inputs, outputs }) => [inputs.data.path, inputs.lr, inputs.parts, outputs.model.uri, outputs.loss],
});
const inspect = ContainerComponent.define({ name: 'inspect', inputs: { any: Artifact.generic(), n: Param.int() }, image: 'i' });

export const checked = PipelineComponent.define({ name: 'typed', inputs: { source: Param.string(), n: Param.int() } }, (p, inputs) => {
  const data = p.importer(Artifact.dataset(), inputs.source);
  const t = p.task(train, { data: data.outputs.artifact, lr: 0.1 });
  // The generic Artifact takes any artifact; a generic output may feed a typed input.
  p.task(inspect, { any: t.outputs.model, n: inputs.n });
  p.task(train, { data: t.outputs.anything, lr: t.outputs.loss });

  // Loop items are typed from the list: strings, whole numbers (floats when said), booleans, dicts.
  p.parallelFor([1, 2], (i) => { p.task(inspect, { any: t.outputs.model, n: i }); });
  p.parallelFor<'NUMBER_DOUBLE'>([0.1, 0.01], (lr) => { p.task(train, { data: data.outputs.artifact, lr }); });
  // @ts-expect-error a whole number is not a STRING
  p.parallelFor([1, 2], (i) => { p.task(train, { data: data.outputs.artifact, lr: 0.1, tag: i }); });
  // @ts-expect-error a string item is not an int
  p.parallelFor(['a'], (i) => { p.task(inspect, { any: t.outputs.model, n: i }); });

  // @ts-expect-error a float is not a Dataset
  p.task(train, { data: t.outputs.loss, lr: 0.1 });
  // @ts-expect-error a Model is not a Dataset
  p.task(train, { data: t.outputs.model, lr: 0.1 });
  // @ts-expect-error the required input lr is missing
  p.task(train, { data: data.outputs.artifact });
  // @ts-expect-error a string constant is not a float
  p.task(train, { data: data.outputs.artifact, lr: '0.1' });
  // @ts-expect-error an int channel is not a STRING
  p.task(train, { data: data.outputs.artifact, lr: 0.1, tag: inputs.n });
  // @ts-expect-error a list of artifacts takes artifacts, not parameters
  p.task(train, { data: data.outputs.artifact, lr: 0.1, parts: p.collected(t.outputs.loss) });
  // @ts-expect-error conditions compare numbers with numbers
  p.if(t.outputs.loss.gt('high'), () => {});
  // @ts-expect-error the component has no input named epochs
  p.task(inspect, { any: t.outputs.model, n: 1, epochs: 3 });
  // @ts-expect-error outputs have the component's names only
  void t.outputs.weights;
});
