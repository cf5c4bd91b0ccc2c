import { isPlaceholder, parseImage } from './image-reference';

test.each([
  ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  ['pytorch/pytorch:2.7.1-cuda12.6-cudnn9-runtime', { registry: 'docker.io', repository: 'pytorch/pytorch', tag: '2.7.1-cuda12.6-cudnn9-runtime' }],
  ['nvcr.io/nvidia/pytorch:24.05-py3', { registry: 'nvcr.io', repository: 'nvidia/pytorch', tag: '24.05-py3' }],
  ['localhost:5000/app@sha256:abc', { registry: 'localhost:5000', repository: 'app', digest: 'sha256:abc' }],
  ['ghcr.io/org/app:1.0@sha256:abc', { registry: 'ghcr.io', repository: 'org/app', tag: '1.0', digest: 'sha256:abc' }],
  ['index.docker.io/library/busybox:latest', { registry: 'docker.io', repository: 'library/busybox', tag: 'latest' }],
])('parses %s', (image, ref) => expect(parseImage(image)).toEqual(ref));

test('placeholders are filled in later', () => {
  expect(isPlaceholder('ghcr.io/org/app:${trialParameters.tag}')).toBe(true);
  expect(isPlaceholder('ghcr.io/org/app:1.0')).toBe(false);
});
