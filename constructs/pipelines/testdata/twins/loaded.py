# Twin of loaded.ts: a component loaded from the YAML kfp compiled for it.
import os
from kfp import components, dsl

train = components.load_component_from_file(
    os.path.join(os.path.dirname(__file__), '..', 'components', 'train-model.yaml'))


@dsl.container_component
def make(out: dsl.Output[dsl.Dataset]):
    return dsl.ContainerSpec(image='busybox', command=['make'], args=[out.path])


@dsl.pipeline(name='loaded')
def pipeline(epochs: int = 5):
    m = make()
    train(data=m.outputs['out'], epochs=epochs)
    train(data=m.outputs['out'])
