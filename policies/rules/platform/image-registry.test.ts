import { deployment, goodContainer, platformFindings } from './testing';

const findings = (registries: string[], ...images: string[]) => platformFindings('platform/image-registry', { registries }, deployment('web', images.map((image, i) => goodContainer({ name: `c${i}`, image }))));

describe('platform/image-registry', () => {
  test('rejects images from registries (or paths) not allowed, Docker Hub as docker.io/…', () => {
    expect(findings(['ghcr.io/kubeflow', 'nvcr.io'], 'ghcr.io/example/app:1', 'nginx:1.27').map((f) => [f.path, f.message])).toEqual([
      ['.spec.template.spec.containers[0].image', 'container "c0" (pod): image "ghcr.io/example/app:1" comes from ghcr.io/example/app, which is not in the allowed registries (ghcr.io/kubeflow, nvcr.io)'],
      ['.spec.template.spec.containers[1].image', 'container "c1" (pod): image "nginx:1.27" comes from docker.io/library/nginx, which is not in the allowed registries (ghcr.io/kubeflow, nvcr.io)'],
    ]);
  });

  test('accepts images under an allowed registry or path (on a path boundary)', () => {
    expect(findings(['ghcr.io/kubeflow', 'nvcr.io/', 'docker.io/library'], 'ghcr.io/kubeflow/notebooks/jupyter:1', 'nvcr.io/nvidia/pytorch:24.05-py3', 'busybox:1.36')).toEqual([]);
    expect(findings(['ghcr.io/kube'], 'ghcr.io/kubeflow/app:1')).toHaveLength(1);
  });

  test('with no registries configured, says so', () => {
    expect(findings([], 'ghcr.io/a/b:1')[0]).toMatchObject({ message: expect.stringContaining('(none configured)'), fix: 'list the allowed registries in the rule\'s registries parameter' });
  });
});
