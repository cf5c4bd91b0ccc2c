import { asObject, subPath } from '../json';
import { Rule } from '../rule';
import { containerSites, describeContainer, POD_KINDS } from './pod-templates';
import { parseQuantity } from './quantity';

export interface ResourcesRequiredParams {
  /** Resources every container must request. */
  readonly requests: readonly string[];
  /** Resources every container must limit. */
  readonly limits: readonly string[];
}

/**
 * Requests and limits on every container the platform runs. A request may be left out when the
 * limit is set: the API server then sets the request to the limit.
 */
export const resourcesRequired: Rule<ResourcesRequiredParams> = {
  id: 'platform/resources-required',
  category: 'platform',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'Every container sets requests and limits for the configured resources (cpu and memory): pods, workloads, training replicas, Trainer runtimes and a TrainJob\'s resourcesPerNode, Katib trial templates, KServe components (the model container too) and serving runtimes, notebooks, PodDefault sidecars.',
  why: 'A container without requests is scheduled as if it needed nothing and is evicted first under pressure; one without limits can take a node\'s memory or CPU from its neighbours; and in a namespace whose quota covers cpu or memory the API server rejects pods that leave them out ("must specify requests.cpu").',
  defaults: { requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] },
  checkParams: ({ requests, limits }) => [...requests, ...limits].filter((r) => !isResourceName(r))
    .map((r) => `"${r}" is not a resource name: cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-prefixed one such as nvidia.com/gpu`),
  *check(object, { params }) {
    for (const c of containerSites(object)) {
      const field = c.resourcesField ?? 'resources';
      const resources = asObject(c.container[field]);
      // An override without resources keeps the runtime's, which are checked where they are defined.
      if (c.partial && !resources) continue;
      const requests = asObject(resources?.requests) ?? {};
      const limits = asObject(resources?.limits) ?? {};
      const missing = [
        ...params.requests.filter((r) => parseQuantity(requests[r]) === undefined && parseQuantity(limits[r]) === undefined).map((r) => `requests.${r}`),
        ...params.limits.filter((r) => parseQuantity(limits[r]) === undefined).map((r) => `limits.${r}`),
      ];
      if (!missing.length) continue;
      yield {
        path: subPath(c.path, field),
        message: `${describeContainer(c)} sets no ${missing.join(', ')}`,
        fix: `set ${missing.join(' and ')} on it (e.g. requests cpu "1", memory "4Gi"; limits cpu "2", memory "4Gi"); size them from the container's observed use`,
      };
    }
  },
};

/** A resource a container can request: the built-in ones, or an extended resource (`nvidia.com/gpu`). */
function isResourceName(name: string): boolean {
  return ['cpu', 'memory', 'ephemeral-storage'].includes(name) || /^hugepages-/.test(name) || /^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(name);
}
