import { groupOf, QUOTA_KEYS_REQUIRING_AMOUNTS } from '../../../manifest';
import { asArray, asObject, subPath } from '../json';
import { containerAmounts } from '../platform/pod-resources';
import { describeContainer } from '../platform/pod-templates';
import { measureOf, quotaOf, workloadsIn } from '../platform/tenant-usage';
import { Rule, RuleContext } from '../rule';

/**
 * Under a quota on cpu or memory, every container of the namespace's workloads states it. KServe's
 * components are left out: its webhook gives their containers default requests and limits.
 */
export const profileQuotaRequests: Rule = {
  id: 'kubeflow/profile-quota-requests',
  category: 'runtime',
  severity: 'error',
  appliesTo: [{ group: 'kubeflow.org', kind: 'Profile' }, { group: '', kind: 'ResourceQuota' }],
  summary: 'When a tenant\'s quota (a Profile\'s resourceQuotaSpec.hard, or a ResourceQuota) limits requests or limits of cpu or memory, every container of the notebooks, jobs, trials and other workloads of its namespace sets that request or limit, unless a LimitRange there gives a default.',
  why: 'The API server\'s quota admission rejects a pod whose containers leave out a resource the quota limits ("must specify requests.cpu"): the notebook never starts and the job or trial stays without pods, though the object itself was accepted.',
  source: 'kubernetes/kubernetes pkg/quota/v1/evaluator/core/pods.go podEvaluator.Constraints; kubeflow/dashboard components/profile-controller/controllers/profile_controller.go Reconcile (the Profile\'s resourceQuotaSpec becomes ResourceQuota kf-resource-quota)',
  *check(object, context) {
    const quota = quotaOf(object);
    if (!quota || quota.scoped) return;
    const workloads = workloadsIn(quota.namespace, context);
    for (const quotaKey of Object.keys(quota.hard).filter((k) => (QUOTA_KEYS_REQUIRING_AMOUNTS as readonly string[]).includes(k))) {
      const measure = measureOf(quotaKey);
      if (measure?.kind !== 'pod' || limitRangeDefaults(quota.namespace, measure.which, measure.resource, context)) continue;
      for (const w of workloads) {
        if (groupOf(w.source.object.apiVersion) === 'serving.kserve.io') continue;
        const missing = w.sites.flatMap((pod) => pod.containers.filter((c) => !c.partial && !containerAmounts(c, measure.which).has(measure.resource)).map((c) => ({ ...c, pod })));
        if (!missing.length) continue;
        yield {
          path: subPath(quota.path, quotaKey),
          message: `${w.label}: ${describeContainer(missing[0])}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''} set${missing.length > 1 ? '' : 's'} no ${measure.which === 'requests' ? 'request' : 'limit'} for ${measure.resource}; under this quota's ${quotaKey} the API server rejects its pods ("must specify ${quotaKey}")`,
          fix: `set ${measure.which}.${measure.resource} on every container of ${w.label}, or add a LimitRange to namespace ${quota.namespace} that defaults it`,
        };
      }
    }
  },
};

function limitRangeDefaults(namespace: string, which: 'requests' | 'limits', resource: string, context: RuleContext<object>): boolean {
  // A LimitRange's `default` is a limit, and also the request when it gives no `defaultRequest`.
  const fields = which === 'requests' ? ['defaultRequest', 'default'] : ['default'];
  return context.objectsOf('', 'LimitRange', namespace).some((lr) => asArray(asObject(lr.object.spec)?.limits).some((l) => {
    const limit = asObject(l) ?? {};
    return limit.type === 'Container' && fields.some((f) => asObject(limit[f])?.[resource] !== undefined);
  }));
}
