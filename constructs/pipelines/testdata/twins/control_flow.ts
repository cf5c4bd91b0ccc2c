// Twin of control_flow.py.
import { Artifact, ContainerComponent, Param, PipelineComponent, Placeholder } from '../../index';

const emit = ContainerComponent.define({
  name: 'emit',
  inputs: { n: Param.int() },
  outputs: { items: Param.list(), s: Param.string() },
  image: 'busybox',
  command: ['emit'],
  args: ({ inputs, outputs }) => [inputs.n, outputs.items, outputs.s],
});

const use = ContainerComponent.define({
  name: 'use',
  inputs: {
    x: Param.string(),
    cfg: Param.struct({ default: { a: 'b' } }),
    ls: Param.list({ default: [1, 2] }),
    opt: Param.string({ optional: true }),
    flag: Param.bool({ default: true }),
  },
  image: 'busybox',
  command: ['use'],
  args: ({ inputs }) => [
    inputs.x,
    Placeholder.ifPresent(inputs.opt, ['--opt', inputs.opt], ['--no']),
    Placeholder.ifPresent(inputs.opt, ['--again']),
    Placeholder.concat(['a=', inputs.x]),
  ],
});

const collect = ContainerComponent.define({ name: 'collect', inputs: { xs: Param.list() }, image: 'busybox', command: ['c'], args: ({ inputs }) => [inputs.xs] });
const cleanup = ContainerComponent.define({ name: 'cleanup', image: 'busybox', command: ['cleanup'] });

const inner = PipelineComponent.define({ name: 'inner', inputs: { x: Param.string() }, outputs: { Output: Param.string() } }, (p, inputs) => {
  p.task(use, { x: inputs.x });
  const e = p.task(emit, { n: 1 });
  return { Output: e.outputs.s };
});

export const pipeline = PipelineComponent.define({
  name: 'control-flow',
  inputs: { names: Param.list({ default: ['a', 'b'] }), n: Param.int({ default: 3 }), mode: Param.string({ default: 'fast' }) },
}, (p, inputs) => {
  const c = p.task(cleanup, {});
  p.exitHandler(c, () => {
    const e = p.task(emit, { n: inputs.n });
    p.parallelFor(['x', 'y'], (item) => { p.task(use, { x: item }); }, { parallelism: 2 });
    p.parallelFor(inputs.names, (nm) => { p.task(use, { x: nm, opt: inputs.mode }); });
    let ee: any;
    p.parallelFor<'STRING'>(e.outputs.items, (it) => {
      ee = p.task(emit, { n: 1 }, { after: [e] });
      p.task(use, { x: it });
    });
    p.task(collect, { xs: p.collected(ee.outputs.s) });
    p.if(inputs.n.eq(1), () => { p.task(use, { x: 'one' }); })
      .elif(inputs.n.eq(2), () => { p.task(use, { x: 'two' }); }, { name: 'two' })
      .else(() => { p.task(use, { x: 'many' }, { displayName: 'Many' }); });
    p.if(e.outputs.s.ne('skip'), () => { p.task(use, { x: e.outputs.s }); });
    p.if(inputs.mode.eq('fast'), () => {
      p.if(inputs.n.ge(2.5), () => { p.task(use, { x: inputs.mode }); });
    });
    const i = p.task(inner, { x: 'q' });
    p.task(use, { x: i.output });
    p.importer(Artifact.model(), 'gs://b/m', { metadata: { k: 'v' } });
    p.importer(Artifact.dataset(), inputs.mode, { reimport: true });
  }, { name: 'main' });
});
