import { subPath } from '../json';
import { Rule } from '../rule';
import { isPlaceholder, parseImage } from './image-reference';
import { containerSites, describeContainer, POD_KINDS } from './pod-templates';

export interface ImageRegistryParams {
  /**
   * Registries (`ghcr.io`) or registry paths (`ghcr.io/kubeflow`, `docker.io/library`) images may
   * come from. Docker Hub images are `docker.io/<org>/<name>` (`docker.io/library/<name>` for official ones).
   */
  readonly registries: readonly string[];
}

/** Images come from the registries the platform allows. */
export const imageRegistry: Rule<ImageRegistryParams> = {
  id: 'platform/image-registry',
  category: 'platform',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'Every container image comes from an allowed registry or registry path (param registries, e.g. ["ghcr.io/kubeflow", "registry.example.com"]).',
  why: 'Images from registries the platform does not mirror or scan bypass vulnerability scanning and licence review, and fail in air-gapped clusters or when the public registry rate-limits pulls (Docker Hub).',
  defaults: { registries: [] },
  *check(object, { params }) {
    const allowed = params.registries.map((r) => r.replace(/\/+$/, ''));
    for (const c of containerSites(object)) {
      const image = c.container.image;
      if (typeof image !== 'string' || isPlaceholder(image)) continue;
      const ref = parseImage(image);
      const full = `${ref.registry}/${ref.repository}`;
      if (allowed.some((a) => full === a || full.startsWith(`${a}/`))) continue;
      yield {
        path: subPath(c.path, 'image'),
        message: `${describeContainer(c)}: image "${image}" comes from ${full}, which is not in the allowed registries (${allowed.length ? allowed.join(', ') : 'none configured'})`,
        fix: allowed.length ? `mirror the image into an allowed registry (e.g. ${allowed[0]}/…) and use that, or add its registry to the rule's registries parameter` : 'list the allowed registries in the rule\'s registries parameter',
      };
    }
  },
};
