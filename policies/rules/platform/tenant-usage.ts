// What a tenant's namespace runs, as a quota counts it: each object's pods (a TrainJob's taken
// from its runtime) and claims.
import { groupOf, Manifest, ManifestSource } from '../../../manifest';
import { asArray, asNumber, asObject, Json } from '../json';
import { RuleContext } from '../rule';
import { podAmounts } from './pod-resources';
import { PodSite, podSites } from './pod-templates';
import { parseQuantity } from './quantity';

/** A namespace's hard limits: a Profile's resourceQuotaSpec (the profile controller makes it a ResourceQuota), or a ResourceQuota. */
export interface Quota {
  readonly namespace: string;
  readonly hard: Json;
  /** JSON path of `hard` in the object. */
  readonly path: string;
  /** Counts only some pods (scopes or a scopeSelector: by priority class, QoS …). */
  readonly scoped: boolean;
}

/** The quota a Profile or ResourceQuota sets, if any. */
export function quotaOf(object: Manifest): Quota | undefined {
  const spec = asObject(object.spec) ?? {};
  if (groupOf(object.apiVersion) === 'kubeflow.org') {
    const q = asObject(spec.resourceQuotaSpec);
    const name = object.metadata?.name;
    return q && name ? { namespace: name, hard: asObject(q.hard) ?? {}, path: '.spec.resourceQuotaSpec.hard', scoped: asArray(q.scopes).length > 0 || !!q.scopeSelector } : undefined;
  }
  const ns = object.metadata?.namespace;
  return ns ? { namespace: ns, hard: asObject(spec.hard) ?? {}, path: '.spec.hard', scoped: asArray(spec.scopes).length > 0 || !!spec.scopeSelector } : undefined;
}

/** One object of the namespace and the pods it runs at its peak. */
export interface Workload {
  readonly source: ManifestSource;
  /** `notebook gpu-lab`, for messages. */
  readonly label: string;
  /** `service` objects run all the time; `batch` ones (jobs, experiments) until they finish. */
  readonly lifetime: 'service' | 'batch';
  readonly sites: readonly PodSite[];
  /** Why the count may be low (a TrainJob whose runtime is not in the set). */
  readonly note?: string;
}

/** What a quota key measures; undefined for keys not modelled (object counts, scoped storage). */
export type Measure =
  | { readonly kind: 'pod'; readonly which: 'requests' | 'limits'; readonly resource: string }
  | { readonly kind: 'pods' | 'storage' | 'claims' };

export function measureOf(quotaKey: string): Measure | undefined {
  if (quotaKey === 'pods') return { kind: 'pods' };
  if (quotaKey === 'requests.storage') return { kind: 'storage' };
  if (quotaKey === 'persistentvolumeclaims') return { kind: 'claims' };
  if (['cpu', 'memory', 'ephemeral-storage'].includes(quotaKey)) return { kind: 'pod', which: 'requests', resource: quotaKey };
  const m = /^(requests|limits)\.([^/]+\/[^/]+|[A-Za-z0-9-]+)$/.exec(quotaKey);
  return m ? { kind: 'pod', which: m[1] as 'requests' | 'limits', resource: m[2] } : undefined;
}

/** The workloads of `namespace` in the set. */
export function workloadsIn(namespace: string, context: RuleContext<unknown>): Workload[] {
  const out: Workload[] = [];
  for (const source of context.objectsIn(namespace)) {
    const o = source.object;
    const label = `${o.kind.toLowerCase()} ${o.metadata?.name ?? '<unnamed>'}`;
    if (groupOf(o.apiVersion) === 'trainer.kubeflow.org' && o.kind === 'TrainJob') {
      out.push({ source, label, lifetime: 'batch', ...trainJobSites(source, context) });
      continue;
    }
    const sites = podSites(o).filter((s) => !s.template && s.pods > 0);
    const isClaim = groupOf(o.apiVersion) === '' && o.kind === 'PersistentVolumeClaim';
    if (sites.length || isClaim) out.push({ source, label, lifetime: sites.some((s) => s.lifetime === 'batch') ? 'batch' : 'service', sites });
  }
  return out;
}

/** How much of `measure` a workload uses at its peak, and the pod templates that make it up. */
export interface Amount {
  readonly total: number;
  readonly parts: readonly { readonly role: string; readonly pods: number; readonly perPod: number }[];
}

export function amountOf(w: Workload, measure: Measure): Amount {
  const o = w.source.object;
  if (measure.kind === 'storage' || measure.kind === 'claims') {
    if (groupOf(o.apiVersion) !== '' || o.kind !== 'PersistentVolumeClaim') return { total: 0, parts: [] };
    return { total: measure.kind === 'claims' ? 1 : parseQuantity(asObject(asObject(asObject(o.spec)?.resources)?.requests)?.storage) ?? 0, parts: [] };
  }
  const m = measure.kind === 'pod' ? measure : undefined;
  const phase = (after: boolean) => w.sites.filter((s) => !!s.after === after && s.pods > 0)
    .map((s) => ({ role: s.role, pods: s.pods, perPod: m ? podAmounts(s, m.which).get(m.resource) ?? 0 : 1 }))
    .filter((p) => p.perPod > 0);
  // JobSet jobs that wait for others to complete do not run beside them: the peak is the larger phase.
  const sum = (parts: Amount['parts']) => parts.reduce((t, p) => t + p.pods * p.perPod, 0);
  const [first, then] = [phase(false), phase(true)];
  const parts = sum(then) > sum(first) ? then : first;
  return { total: sum(parts), parts };
}

/**
 * A TrainJob's pods: its runtime's replicated jobs, with the trainer's numNodes and
 * resourcesPerNode applied to the node job (whose trainer container is named "node").
 */
function trainJobSites(source: ManifestSource, context: RuleContext<unknown>): { sites: PodSite[]; note?: string } {
  const spec = asObject(source.object.spec) ?? {};
  const ref = asObject(spec.runtimeRef) ?? {};
  const trainer = asObject(spec.trainer);
  const kind = typeof ref.kind === 'string' ? ref.kind : 'ClusterTrainingRuntime';
  const runtimes = kind === 'TrainingRuntime'
    ? context.objectsOf('trainer.kubeflow.org', 'TrainingRuntime', source.object.metadata?.namespace)
    : context.objectsOf('trainer.kubeflow.org', 'ClusterTrainingRuntime');
  const runtime = runtimes.find((r) => r.object.metadata?.name === ref.name);
  const own = podSites(source.object).filter((s) => s.path === '.spec.trainer');
  if (!runtime) return { sites: own, note: `its ${kind} "${String(ref.name)}" is not in the set: only the trainer's resourcesPerNode is counted` };
  const resourcesPerNode = asObject(trainer?.resourcesPerNode);
  const sites = podSites(runtime.object).map((s): PodSite => {
    if (!s.role.endsWith(' node')) return { ...s, template: false };
    const nodes = trainer?.numNodes !== undefined ? (asNumber(trainer.numNodes) ?? 1) : s.pods;
    const containers = s.containers.map((c) => (c.container.name === 'node' && resourcesPerNode ? { ...c, container: { ...c.container, resources: resourcesPerNode } as Json } : c));
    return { ...s, template: false, pods: nodes, containers };
  });
  return { sites };
}
