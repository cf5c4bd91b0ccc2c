# Twin of advanced.ts: artifact fan-in, nested loops, loops over dict items and typed list
# inputs, conditions inside loops and on booleans, numeric conditions that mix int and float,
# a nested pipeline returning an artifact, and per-task caching options.
from typing import Dict, List
from kfp import dsl
from kfp.dsl import Dataset, Input, Model, Output


@dsl.container_component
def shard(i: int, out: Output[Dataset]):
    return dsl.ContainerSpec(image='busybox', command=['shard'], args=[i, out.path])


@dsl.container_component
def merge(parts: Input[List[Dataset]], merged: Output[Dataset]):
    return dsl.ContainerSpec(image='busybox', command=['merge'], args=[merged.path])


@dsl.container_component
def fit(data: Input[Dataset], cfg: Dict[str, str], model: Output[Model], ok: dsl.OutputPath(bool), loss: dsl.OutputPath(int)):
    return dsl.ContainerSpec(image='busybox', command=['fit'], args=[data.path, cfg, model.path, ok, loss])


@dsl.container_component
def say(x: str):
    return dsl.ContainerSpec(image='busybox', command=['say'], args=[x])


@dsl.pipeline(name='train-one')
def train_one(data: Input[Dataset]) -> Model:
    f = fit(data=data, cfg={'lr': '0.1'})
    return f.outputs['model']


@dsl.pipeline(name='advanced')
def pipeline(ids: List[int] = [1, 2, 3], regions: List[str] = ['eu', 'us'], strict: bool = False):
    with dsl.ParallelFor(ids, parallelism=3) as i:
        s = shard(i=i)
    m = merge(parts=dsl.Collected(s.outputs['out']))
    with dsl.ParallelFor([{'lr': '0.1'}, {'lr': '0.01'}]) as cfg:
        f = fit(data=m.outputs['merged'], cfg=cfg)
        f.set_caching_options(False)
        with dsl.If(f.outputs['ok'] == True):
            say(x='fitted')
        with dsl.If(f.outputs['loss'] < 0.5):
            say(x='low loss')
    with dsl.ParallelFor(regions) as region:
        with dsl.ParallelFor(['a', 'b']) as zone:
            say(x=zone)
            with dsl.If(region == 'eu'):
                say(x=region)
    with dsl.If(strict == True):
        t = train_one(data=m.outputs['merged'])
        say(x='strict').after(t)
