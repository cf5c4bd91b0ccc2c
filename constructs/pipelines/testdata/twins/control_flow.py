# Twin of control_flow.ts: loops (static list, list input, list output, parallelism), fan-in,
# if/elif/else, an exit handler, a nested pipeline used as a component, an importer and
# optional inputs with IfPresent/Concat placeholders.
from typing import Dict, List
from kfp import dsl
from kfp.dsl import Model


@dsl.container_component
def emit(n: int, items: dsl.OutputPath(List[str]), s: dsl.OutputPath(str)):
    return dsl.ContainerSpec(image='busybox', command=['emit'], args=[n, items, s])


@dsl.container_component
def use(x: str, cfg: Dict[str, str] = {'a': 'b'}, ls: List[int] = [1, 2], opt: str = None, flag: bool = True):
    return dsl.ContainerSpec(image='busybox', command=['use'], args=[
        x, dsl.IfPresentPlaceholder(input_name='opt', then=['--opt', opt], else_=['--no']),
        dsl.IfPresentPlaceholder(input_name='opt', then=['--again']),
        dsl.ConcatPlaceholder(['a=', x])])


@dsl.container_component
def collect(xs: List[str]):
    return dsl.ContainerSpec(image='busybox', command=['c'], args=[xs])


@dsl.container_component
def cleanup():
    return dsl.ContainerSpec(image='busybox', command=['cleanup'])


@dsl.pipeline(name='inner')
def inner(x: str) -> str:
    use(x=x)
    e = emit(n=1)
    return e.outputs['s']


@dsl.pipeline(name='control-flow')
def pipeline(names: List[str] = ['a', 'b'], n: int = 3, mode: str = 'fast'):
    c = cleanup()
    with dsl.ExitHandler(c, name='main'):
        e = emit(n=n)
        with dsl.ParallelFor(['x', 'y'], parallelism=2) as item:
            use(x=item)
        with dsl.ParallelFor(names) as nm:
            use(x=nm, opt=mode)
        with dsl.ParallelFor(e.outputs['items']) as it:
            ee = emit(n=1)
            ee.after(e)
            use(x=it)
        collect(xs=dsl.Collected(ee.outputs['s']))
        with dsl.If(n == 1):
            use(x='one')
        with dsl.Elif(n == 2, name='two'):
            use(x='two')
        with dsl.Else():
            use(x='many').set_display_name('Many')
        with dsl.If(e.outputs['s'] != 'skip'):
            use(x=e.outputs['s'])
        with dsl.If(mode == 'fast'):
            with dsl.If(n >= 2.5):
                use(x=mode)
        i = inner(x='q')
        use(x=i.output)
        dsl.importer(artifact_uri='gs://b/m', artifact_class=Model, reimport=False, metadata={'k': 'v'})
        dsl.importer(artifact_uri=mode, artifact_class=dsl.Dataset, reimport=True)
