// Twin of artifacts.py.
import { Artifact, ContainerComponent, PipelineComponent } from '../../index';

const report = ContainerComponent.define({
  name: 'report',
  outputs: {
    a: Artifact.generic(), d: Artifact.dataset(), m: Artifact.model(), mt: Artifact.metrics(),
    cm: Artifact.classificationMetrics(), scm: Artifact.slicedClassificationMetrics(), h: Artifact.html(), md: Artifact.markdown(),
  },
  image: 'busybox',
  command: ['report'],
  args: ({ outputs: o }) => [o.a.path, o.d.uri, o.m.metadata, o.mt.path, o.cm.path, o.scm.path, o.h.path, o.md.uri],
});

const inspect = ContainerComponent.define({
  name: 'inspect',
  inputs: { any_artifact: Artifact.generic(), cm: Artifact.classificationMetrics(), h: Artifact.html(), md: Artifact.markdown() },
  image: 'busybox',
  command: ['inspect'],
  args: ({ inputs: i }) => [i.any_artifact.uri, i.cm.path, i.h.path, i.md.metadata],
});

export const pipeline = PipelineComponent.define({ name: 'artifacts' }, (p) => {
  const r = p.task(report, {});
  p.task(inspect, { any_artifact: r.outputs.d, cm: r.outputs.cm, h: r.outputs.h, md: r.outputs.md });
  p.task(inspect, { any_artifact: r.outputs.scm, cm: r.outputs.cm, h: r.outputs.h, md: r.outputs.md });
});
