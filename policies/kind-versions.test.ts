import { KindVersions } from './kind-versions';
import { IndexEntry } from './schemagen/layout';

const entry = {} as IndexEntry;

describe('KindVersions', () => {
  const versions = new KindVersions(Object.fromEntries(
    ['kubeflow.org/v1alpha1/Notebook', 'kubeflow.org/v1beta1/Notebook', 'kubeflow.org/v1/Notebook', 'autoscaling/v1/HorizontalPodAutoscaler', 'autoscaling/v2/HorizontalPodAutoscaler', 'v1/ConfigMap', 'example.com/v1beta2/Gadget', 'example.com/v1beta10/Gadget', 'example.com/v2alpha1/Gadget', 'example.com/edge/Gadget']
      .map((k) => [k, entry]),
  ));

  test('lists the versions of a group and kind, preferred first (GA, beta, alpha; higher first)', () => {
    expect(versions.of('kubeflow.org/v2', 'Notebook')).toEqual(['kubeflow.org/v1', 'kubeflow.org/v1beta1', 'kubeflow.org/v1alpha1']);
    expect(versions.of('autoscaling/v3', 'HorizontalPodAutoscaler')).toEqual(['autoscaling/v2', 'autoscaling/v1']);
    expect(versions.of('example.com/v1', 'Gadget')).toEqual(['example.com/v1beta10', 'example.com/v1beta2', 'example.com/v2alpha1', 'example.com/edge']);
  });

  test('tells the core group from others, and unknown kinds', () => {
    expect(versions.of('v2', 'ConfigMap')).toEqual(['v1']);
    expect(versions.of('example.com/v1', 'ConfigMap')).toBeUndefined();
    expect(versions.of('kubeflow.org/v1', 'Gadget')).toBeUndefined();
  });
});
