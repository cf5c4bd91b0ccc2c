import { asObject, subPath } from '../json';
import { Rule, Violation } from '../rule';
import { ContainerSite, containerSites, describeContainer, POD_KINDS } from './pod-templates';
import { isWhole, parseQuantity } from './quantity';

export interface GpuWholeParams {
  /** The extended resource names of accelerators. */
  readonly resources: readonly string[];
}

/** GPUs are whole devices, limited and requested alike. */
export const gpuWhole: Rule<GpuWholeParams> = {
  id: 'platform/gpu-whole',
  category: 'platform',
  severity: 'error',
  appliesTo: POD_KINDS,
  summary: 'GPU requests and limits (the configured extended resources, default nvidia.com/gpu and amd.com/gpu) are whole numbers, and the limit is set and equals the request, in every pod template.',
  why: 'The device plugin hands out whole devices and the API server accepts an extended resource only as a whole number whose request equals its limit: a template embedded in a job, notebook or InferenceService is not checked until its pods are created, so the job or server fails then, not when applied.',
  defaults: { resources: ['nvidia.com/gpu', 'amd.com/gpu'] },
  *check(object, { params }) {
    for (const c of containerSites(object)) {
      for (const resource of params.resources) yield* checkGpu(c, resource);
    }
  },
};

function* checkGpu(c: ContainerSite, resource: string): Iterable<Violation> {
  const field = subPath(c.path, c.resourcesField ?? 'resources');
  const resources = asObject(c.container[c.resourcesField ?? 'resources']);
  const raw = { request: asObject(resources?.requests)?.[resource], limit: asObject(resources?.limits)?.[resource] };
  if (raw.request === undefined && raw.limit === undefined) return;
  const who = describeContainer(c);
  for (const which of ['request', 'limit'] as const) {
    if (raw[which] === undefined) continue;
    const n = parseQuantity(raw[which]);
    if (n === undefined || !isWhole(n) || n < 0) {
      yield {
        path: subPath(field, which === 'request' ? 'requests' : 'limits', resource),
        message: `${who}: ${resource} ${which} ${JSON.stringify(raw[which])} is not a whole number of GPUs`,
        fix: 'GPUs cannot be shared or split by the device plugin; request a whole number such as "1" (for sharing, use MIG or time-slicing profiles, which appear as their own resource names)',
      };
      return;
    }
  }
  if (raw.limit === undefined) {
    yield { path: subPath(field, 'limits'), message: `${who} requests ${resource} ${raw.request} but sets no limit`, fix: `set limits ${resource}: "${raw.request}" as well: extended resources must have a limit equal to the request` };
  } else if (raw.request !== undefined && parseQuantity(raw.request) !== parseQuantity(raw.limit)) {
    yield { path: subPath(field, 'requests', resource), message: `${who}: ${resource} request ${raw.request} differs from limit ${raw.limit}`, fix: `make them equal (or set only the limit): extended resources cannot be overcommitted` };
  }
}
