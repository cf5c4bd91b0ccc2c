"""Run-time values embedded in constants (f-strings, list arguments): kfp binds each as an extra
task input `pipelinechannel--…` that the constant refers to, which the component does not declare."""
from kfp import dsl


@dsl.container_component
def make(out: dsl.OutputPath(str)):
    return dsl.ContainerSpec(image='busybox', command=['make'], args=[out])


@dsl.container_component
def say(x: str, xs: list = []):
    return dsl.ContainerSpec(image='busybox', command=['say'], args=[x, xs])


@dsl.pipeline(name='embedded')
def pipeline(name: str = 'n1', bucket: str = 'b'):
    m = make()
    say(x=f'gs://{bucket}/{name}/data')
    say(x=f'{m.output}-suffix', xs=[name, 'w'])
