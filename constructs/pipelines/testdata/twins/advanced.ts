// Twin of advanced.py.
import { Artifact, ContainerComponent, Param, PipelineComponent } from '../../index';

const shard = ContainerComponent.define({ name: 'shard', inputs: { i: Param.int() }, outputs: { out: Artifact.dataset() }, image: 'busybox', command: ['shard'], args: ({ inputs, outputs }) => [inputs.i, outputs.out.path] });
const merge = ContainerComponent.define({ name: 'merge', inputs: { parts: Artifact.dataset({ list: true }) }, outputs: { merged: Artifact.dataset() }, image: 'busybox', command: ['merge'], args: ({ outputs }) => [outputs.merged.path] });
const fit = ContainerComponent.define({
  name: 'fit',
  inputs: { data: Artifact.dataset(), cfg: Param.struct() },
  outputs: { model: Artifact.model(), ok: Param.bool(), loss: Param.int() },
  image: 'busybox',
  command: ['fit'],
  args: ({ inputs, outputs }) => [inputs.data.path, inputs.cfg, outputs.model.path, outputs.ok, outputs.loss],
});
const say = ContainerComponent.define({ name: 'say', inputs: { x: Param.string() }, image: 'busybox', command: ['say'], args: ({ inputs }) => [inputs.x] });

const trainOne = PipelineComponent.define({ name: 'train-one', inputs: { data: Artifact.dataset() }, outputs: { Output: Artifact.model() } }, (p, inputs) => {
  const f = p.task(fit, { data: inputs.data, cfg: { lr: '0.1' } });
  return { Output: f.outputs.model };
});

export const pipeline = PipelineComponent.define({
  name: 'advanced',
  inputs: { ids: Param.list({ default: [1, 2, 3], items: 'NUMBER_INTEGER' }), regions: Param.list({ default: ['eu', 'us'] }), strict: Param.bool({ default: false }) },
}, (p, inputs) => {
  let s: any;
  p.parallelFor<'NUMBER_INTEGER'>(inputs.ids, (i) => { s = p.task(shard, { i }); }, { parallelism: 3 });
  const m = p.task(merge, { parts: p.collected(s.outputs.out) });
  p.parallelFor([{ lr: '0.1' }, { lr: '0.01' }], (cfg) => {
    const f = p.task(fit, { data: m.outputs.merged, cfg }, { caching: false });
    p.if(f.outputs.ok.eq(true), () => { p.task(say, { x: 'fitted' }); });
    p.if(f.outputs.loss.lt(0.5), () => { p.task(say, { x: 'low loss' }); });
  });
  p.parallelFor(inputs.regions, (region) => {
    p.parallelFor(['a', 'b'], (zone) => {
      p.task(say, { x: zone });
      p.if(region.eq('eu'), () => { p.task(say, { x: region }); });
    });
  });
  p.if(inputs.strict.eq(true), () => {
    const t = p.task(trainOne, { data: m.outputs.merged });
    p.task(say, { x: 'strict' }, { after: [t] });
  });
});
