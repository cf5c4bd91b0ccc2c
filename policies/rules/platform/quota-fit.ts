import { subPath } from '../json';
import { Rule, Violation } from '../rule';
import { formatAmount, parseQuantity } from './quantity';
import { Amount, amountOf, Measure, measureOf, quotaOf, Workload, workloadsIn } from './tenant-usage';

/**
 * What a tenant defines fits its quota: everything that runs all the time plus every job and
 * experiment at once (Argo CD creates them together, and nothing queues them unless Kueue does).
 */
export const quotaFit: Rule<Record<string, never>> = {
  id: 'platform/quota-fit',
  category: 'platform',
  severity: 'error',
  appliesTo: [{ group: 'kubeflow.org', kind: 'Profile' }, { group: '', kind: 'ResourceQuota' }],
  summary: 'The objects of a tenant\'s namespace fit its quota (a Profile\'s resourceQuotaSpec.hard or a ResourceQuota): notebooks, InferenceService minReplicas × per-replica requests and other always-on workloads, plus every job at once (replicas × requests, TrainJob numNodes × resourcesPerNode or its runtime\'s, Katib parallelTrialCount × per-trial requests), for requests.*/limits.* (cpu, memory, GPUs), pods, requests.storage and persistentvolumeclaims.',
  why: 'The API server rejects pods beyond the quota ("exceeded quota"): notebooks then do not start and jobs and trials hang Pending. Sidecars injected at runtime (Istio, KServe\'s queue-proxy and storage initializer, Katib\'s metrics collector) and pods from outside the set come on top, so leave headroom.',
  *check(object, context) {
    const quota = quotaOf(object);
    if (!quota || quota.scoped) return; // a scoped quota counts only some pods (by priority class, QoS …): not modelled
    const workloads = workloadsIn(quota.namespace, context);
    for (const [quotaKey, raw] of Object.entries(quota.hard)) {
      const measure = measureOf(quotaKey);
      const hard = parseQuantity(raw);
      if (!measure || hard === undefined) continue;
      const v = overQuota(quotaKey, measure, hard, workloads);
      if (v) yield { ...v, path: subPath(quota.path, quotaKey) };
    }
  },
};

function overQuota(quotaKey: string, measure: Measure, hard: number, workloads: readonly Workload[]): Omit<Violation, 'path'> | undefined {
  const fmt = (n: number) => formatAmount(measure.kind === 'pod' ? measure.resource : quotaKey, n);
  const parts = workloads.map((w) => ({ w, ...amountOf(w, measure) })).filter((p) => p.total > 0).sort((a, b) => b.total - a.total);
  const total = parts.reduce((s, p) => s + p.total, 0);
  if (total <= hard * (1 + 1e-9)) return undefined;
  const list = (lifetime: Workload['lifetime'], title: string) => {
    const mine = parts.filter((p) => p.w.lifetime === lifetime);
    if (!mine.length) return [];
    const items = mine.map((p) => `${p.w.label} ${fmt(p.total)}${breakdown(p.parts, fmt)}`);
    return [`${title} ${fmt(mine.reduce((s, p) => s + p.total, 0))}: ${items.join(', ')}`];
  };
  const notes = parts.map((p) => p.w.note && `${p.w.label}: ${p.w.note}`).filter(Boolean);
  return {
    message: `the namespace's objects need ${fmt(total)} of ${quotaKey}, but the quota allows ${fmt(hard)}: ${[...list('service', 'always on'), ...list('batch', 'jobs and experiments at once')].join('; ')}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    fix: `raise ${quotaKey} to at least ${fmt(total)}, or run less at once: stop idle notebooks, lower replicas, minReplicas or parallelTrialCount, or queue jobs (e.g. with Kueue)`,
  };
}

/** ` (2 pods × 4)` for one template of several pods; ` (replica Master 1 × 2, replica Worker 2 × 2)` for several. */
function breakdown(parts: Amount['parts'], fmt: (n: number) => string): string {
  if (parts.length === 1) return parts[0].pods > 1 ? ` (${parts[0].pods} pods × ${fmt(parts[0].perPod)})` : '';
  return parts.length ? ` (${parts.map((p) => `${p.role} ${p.pods} × ${fmt(p.perPod)}`).join(', ')})` : '';
}
