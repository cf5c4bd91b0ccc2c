import { asObject, Json } from '../json';
import { ContainerRef, PodSite } from './pod-templates';
import { parseQuantity } from './quantity';

/** The resources object of a container (its `resources`, or a TrainJob trainer's `resourcesPerNode`). */
export function resourcesOf(c: ContainerRef): Json | undefined {
  return asObject(c.container[c.resourcesField ?? 'resources']);
}

/**
 * A container's requests (or limits) per resource. A request left out with a limit set is the
 * limit: the API server defaults it so.
 */
export function containerAmounts(c: ContainerRef, which: 'requests' | 'limits'): Map<string, number> {
  const resources = resourcesOf(c);
  const out = new Map<string, number>();
  const add = (values: Json | undefined) => {
    for (const [name, raw] of Object.entries(values ?? {})) {
      const n = parseQuantity(raw);
      if (n !== undefined && !out.has(name)) out.set(name, n);
    }
  };
  add(asObject(resources?.[which]));
  if (which === 'requests') add(asObject(resources?.limits));
  return out;
}

/**
 * One pod's requests (or limits), as the scheduler and quota count them: app containers and
 * sidecars (init containers with restartPolicy Always) add up; a plain init container runs alone
 * (beside the sidecars) and counts when it is larger. Pod-level resources, when set, are the pod's.
 */
export function podAmounts(site: PodSite, which: 'requests' | 'limits'): Map<string, number> {
  const podLevel = asObject(asObject(site.spec.resources)?.[which]);
  if (podLevel && Object.keys(podLevel).length) return containerAmounts({ path: site.path, container: site.spec, init: false, partial: false }, which);
  const running = new Map<string, number>();
  let initPeak = new Map<string, number>();
  for (const c of site.containers) {
    const amounts = containerAmounts(c, which);
    if (c.init && c.container.restartPolicy !== 'Always') {
      initPeak = merge(initPeak, amounts, Math.max);
    } else {
      for (const [k, v] of amounts) running.set(k, (running.get(k) ?? 0) + v);
    }
  }
  const sidecars = new Map<string, number>();
  for (const c of site.containers.filter((x) => x.init && x.container.restartPolicy === 'Always')) {
    for (const [k, v] of containerAmounts(c, which)) sidecars.set(k, (sidecars.get(k) ?? 0) + v);
  }
  for (const [k, v] of initPeak) initPeak.set(k, v + (sidecars.get(k) ?? 0));
  return merge(running, initPeak, Math.max);
}

function merge(a: Map<string, number>, b: Map<string, number>, f: (x: number, y: number) => number): Map<string, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, out.has(k) ? f(out.get(k)!, v) : v);
  return out;
}
