"""A pipeline for the pipelines rules' tests: the kfp compiler's IR of it is valid, and the tests
break copies of that IR in every way the rules and the schema catch. It passes parameters and
artifacts between tasks, fans a loop's outputs in, runs a nested pipeline, a condition, an
importer and an exit handler with the final status, and has Kubernetes settings (the second
document, the PlatformSpec)."""
from typing import Dict, List

from kfp import dsl, kubernetes
from kfp.dsl import Artifact, Dataset, Input, Metrics, Model, Output, PipelineTaskFinalStatus


@dsl.container_component
def prepare(rows: int, data: Output[Dataset], count: dsl.OutputPath(int)):
    return dsl.ContainerSpec(image='busybox', command=['prepare'], args=[rows, data.path, count])


@dsl.container_component
def train(data: Input[Dataset], lr: float, epochs: int, model: Output[Model], loss: dsl.OutputPath(float)):
    return dsl.ContainerSpec(image='trainer', command=['train'], args=[data.path, lr, epochs, model.path, loss])


@dsl.container_component
def evaluate(models: Input[List[Model]], losses: List[float], metrics: Output[Metrics], best: dsl.OutputPath(str)):
    return dsl.ContainerSpec(image='evaluator', command=['evaluate'], args=[models, losses, metrics.path, best])


@dsl.container_component
def publish(model: Input[Artifact], name: str, tags: Dict[str, str] = {}, dry_run: bool = False):
    return dsl.ContainerSpec(image='publisher', command=['publish'], args=[model.uri, name, dry_run])


@dsl.container_component
def tag(n: int):
    return dsl.ContainerSpec(image='busybox', command=['tag'], args=[n])


@dsl.container_component
def notify(status: PipelineTaskFinalStatus, channel: str = 'ops'):
    return dsl.ContainerSpec(image='notifier', command=['notify', channel])


@dsl.pipeline(name='train-eval')
def train_eval(rows: int, lrs: List[float]) -> Model:
    p = prepare(rows=rows)
    with dsl.ParallelFor(lrs, parallelism=2) as lr:
        t = train(data=p.outputs['data'], lr=lr, epochs=p.outputs['count'])
        t.set_cpu_limit('2').set_memory_limit('4G').set_accelerator_type('nvidia.com/gpu').set_accelerator_limit(1)
        kubernetes.add_node_selector(t, 'gpu', 'a100')
        kubernetes.use_secret_as_env(t, secret_name='creds', secret_key_to_env={'key': 'KEY'})
    e = evaluate(models=dsl.Collected(t.outputs['model']), losses=dsl.Collected(t.outputs['loss']))
    with dsl.If(e.outputs['best'] != ''):
        publish(model=dsl.importer(artifact_uri='s3://models/base', artifact_class=Model).output, name=e.outputs['best'])
    return dsl.importer(artifact_uri='s3://models/latest', artifact_class=Model).output


@dsl.pipeline(name='ir-fixture')
def pipeline(rows: int = 100, lrs: List[float] = [0.1, 0.01], env: str = 'dev', versions: list = [1, 2], n: int = 1):
    with dsl.ExitHandler(notify()):
        te = train_eval(rows=rows, lrs=lrs)
        pub = publish(model=te.output, name=env)
        pub.set_retry(3)
        pub.set_caching_options(False)
        kubernetes.mount_pvc(pub, pvc_name='cache', mount_path='/cache')
        # Items of a list of unknown element type: kfp types them STRING, and lets them feed an int.
        with dsl.ParallelFor(versions) as v:
            tag(n=v)
        # An input named n, which kfp's YAML leaves unquoted (YAML 1.1 would read it as false).
        tag(n=n)
