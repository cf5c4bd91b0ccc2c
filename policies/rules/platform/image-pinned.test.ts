import { deployment, goodContainer, platformFindings } from './testing';

const withImage = (image: string) => deployment('web', [goodContainer({ image })]);
const messages = (params: Record<string, unknown>, image: string) => platformFindings('platform/image-pinned', params, withImage(image)).map((f) => f.message);

describe('platform/image-pinned', () => {
  test.each([
    ['nginx', 'container "main" (pod): image "nginx" has no tag, so it means ":latest"'],
    ['ghcr.io/org/app:latest', 'container "main" (pod): image "ghcr.io/org/app:latest" uses the moving tag "latest"'],
    ['localhost:5000/app', 'image "localhost:5000/app" has no tag'],
  ])('rejects %s', (image, message) => expect(messages({}, image)).toEqual([expect.stringContaining(message)]));

  test('accepts a version tag or a digest, and template placeholders', () => {
    for (const image of ['ghcr.io/org/app:1.2.3', 'localhost:5000/app:1', 'ghcr.io/org/app@sha256:abc', 'ghcr.io/org/app:${trialParameters.tag}']) expect(messages({}, image)).toEqual([]);
  });

  test('requireDigest asks for a digest', () => {
    expect(messages({ requireDigest: true }, 'ghcr.io/org/app:1.2.3')).toEqual(['container "main" (pod): image "ghcr.io/org/app:1.2.3" is pinned by tag only, and this platform requires a digest']);
    expect(messages({ requireDigest: true }, 'ghcr.io/org/app:1.2.3@sha256:abc')).toEqual([]);
  });

  test('the path names the image field', () => {
    expect(platformFindings('platform/image-pinned', {}, withImage('nginx'))[0].path).toBe('.spec.template.spec.containers[0].image');
  });
});
