import { subPath } from '../json';
import { Rule } from '../rule';
import { isPlaceholder, parseImage } from './image-reference';
import { containerSites, describeContainer, POD_KINDS } from './pod-templates';

export interface ImagePinnedParams {
  /** Require a digest (`@sha256:…`), not only a tag. */
  readonly requireDigest: boolean;
}

/** Images name a version: a tag other than `latest`, or a digest. */
export const imagePinned: Rule<ImagePinnedParams> = {
  id: 'platform/image-pinned',
  category: 'platform',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'Every container image names a version: a tag other than "latest", or a digest (with requireDigest, a digest).',
  why: 'An untagged or ":latest" image changes under the same manifest: two replicas or two trials can run different code, a restarted notebook or job silently picks up a new image, and nothing in git records what ran; a tag can be moved too, a digest cannot.',
  defaults: { requireDigest: false },
  *check(object, { params }) {
    for (const c of containerSites(object)) {
      const image = c.container.image;
      if (typeof image !== 'string' || isPlaceholder(image)) continue;
      const ref = parseImage(image);
      const path = subPath(c.path, 'image');
      if (!ref.tag && !ref.digest) {
        yield { path, message: `${describeContainer(c)}: image "${image}" has no tag, so it means ":latest"`, fix: `pin a version, e.g. "${image}:1.2.3" or "${image}@sha256:<digest>"` };
      } else if (ref.tag === 'latest' && !ref.digest) {
        yield { path, message: `${describeContainer(c)}: image "${image}" uses the moving tag "latest"`, fix: `pin a version, e.g. "${image.slice(0, -':latest'.length)}:1.2.3" or a digest` };
      } else if (params.requireDigest && !ref.digest) {
        yield { path, message: `${describeContainer(c)}: image "${image}" is pinned by tag only, and this platform requires a digest`, fix: `append the digest the tag points at: "${image}@sha256:<digest>" (e.g. from \`crane digest ${image}\`)` };
      }
    }
  },
};
