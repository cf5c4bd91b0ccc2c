# Twin of basics.ts: container components, typed parameters and artifacts, defaults, data
# passing, caching, retries, display names, resources and env.
from typing import Dict, List
from kfp import dsl
from kfp.dsl import Dataset, Input, Metrics, Model, Output


@dsl.container_component
def prep(rows: int, out_data: Output[Dataset], tag: str = 'x', ratio: float = 0.25,
         shuffle: bool = True, cols: List[str] = ['a', 'b'], opts: Dict[str, int] = {'k': 1}):
    return dsl.ContainerSpec(image='python:3.11', command=['sh', '-c'],
                             args=['echo', rows, out_data.path, tag])


@dsl.container_component
def train(data: Input[Dataset], lr: float, model: Output[Model], m: Output[Metrics],
          acc: dsl.OutputPath(float)):
    return dsl.ContainerSpec(image='trainer:1', command=['train'],
                             args=['--data', data.path, '--lr', lr, '--model', model.uri,
                                   '--meta', data.metadata, '--acc', acc])


@dsl.pipeline(name='basics', description='typed data passing')
def pipeline(rows: int = 10, lr: float = 0.1, name: str = 'n'):
    p = prep(rows=rows, tag=name)
    p.set_caching_options(False)
    p.set_display_name('Prepare data')
    t = train(data=p.outputs['out_data'], lr=lr)
    t.set_cpu_request('500m').set_cpu_limit('2').set_memory_request('1Gi').set_memory_limit('4G')
    t.set_accelerator_type('nvidia.com/gpu').set_accelerator_limit(2)
    t.set_env_variable('A', 'b')
    t.set_env_variable('C', 'd')
    t.set_retry(3, backoff_duration='30s', backoff_factor=1.5, backoff_max_duration='600s')
    u = train(data=p.outputs['out_data'], lr=0.5).after(t)
