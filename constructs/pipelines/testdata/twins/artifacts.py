# Twin of artifacts.ts: every artifact type of kfp.dsl as outputs and inputs, the generic
# Artifact input taking any of them, and the path/uri/metadata placeholders of outputs.
from kfp import dsl
from kfp.dsl import (HTML, Artifact, ClassificationMetrics, Dataset, Input, Markdown, Metrics, Model,
                     Output, SlicedClassificationMetrics)


@dsl.container_component
def report(a: Output[Artifact], d: Output[Dataset], m: Output[Model], mt: Output[Metrics],
           cm: Output[ClassificationMetrics], scm: Output[SlicedClassificationMetrics],
           h: Output[HTML], md: Output[Markdown]):
    return dsl.ContainerSpec(image='busybox', command=['report'], args=[
        a.path, d.uri, m.metadata, mt.path, cm.path, scm.path, h.path, md.uri])


@dsl.container_component
def inspect(any_artifact: Input[Artifact], cm: Input[ClassificationMetrics], h: Input[HTML], md: Input[Markdown]):
    return dsl.ContainerSpec(image='busybox', command=['inspect'], args=[any_artifact.uri, cm.path, h.path, md.metadata])


@dsl.pipeline(name='artifacts')
def pipeline():
    r = report()
    inspect(any_artifact=r.outputs['d'], cm=r.outputs['cm'], h=r.outputs['h'], md=r.outputs['md'])
    inspect(any_artifact=r.outputs['scm'], cm=r.outputs['cm'], h=r.outputs['h'], md=r.outputs['md'])
