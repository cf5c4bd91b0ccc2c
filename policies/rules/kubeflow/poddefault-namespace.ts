import { ManifestSource } from '../../../manifest';
import { asObject, Json } from '../json';
import { podSites, POD_KINDS } from '../platform/pod-templates';
import { Rule } from '../rule';
import { isEmptySelector, selects } from './label-selector';
import { deepEqualKey } from './poddefault-merge';

/**
 * A pod labelled for a PodDefault of another namespace gets nothing from it. Reported on the
 * object whose pods carry the label, when no PodDefault of their own namespace has the same selector.
 *
 * A PodDefault that nothing in the set selects is not reported: most are offered in the notebook
 * UI (which lists every PodDefault of the namespace and labels the notebooks users choose them
 * for) or select pipeline steps and other pods created outside git, so that is the normal case.
 */
export const podDefaultNamespace: Rule = {
  id: 'kubeflow/poddefault-namespace',
  category: 'runtime',
  severity: 'warning',
  appliesTo: POD_KINDS.filter((k) => k.kind !== 'PodDefault'),
  summary: 'A pod template whose labels select a PodDefault of another namespace has a PodDefault with that selector in its own namespace.',
  why: 'The webhook applies only the PodDefaults of the pod\'s own namespace: a notebook or job labelled for another tenant\'s PodDefault starts without the credentials, volumes or env it was meant to get, and fails at runtime.',
  source: 'kubeflow/dashboard components/poddefaults-webhooks/main.go mutatePods (lists the pod\'s namespace), filterPodDefaults',
  *check(object, context) {
    const namespace = object.metadata?.namespace;
    if (!namespace) return;
    const groups = context.memo('kubeflow/poddefault-namespace', () => bySelector(context.objectsOf('kubeflow.org', 'PodDefault')));
    for (const site of podSites(object)) {
      if (site.template || site.partial) continue;
      for (const { selector, podDefaults, namespaces } of groups) {
        if (namespaces.has(namespace) || !selects(selector, site.labels)) continue;
        for (const other of podDefaults) {
          const ns = other.object.metadata?.namespace;
          yield {
            path: site.labelsPath,
            message: `the ${site.role}'s labels select PodDefault ${ns}/${other.object.metadata?.name}, but a PodDefault applies only to pods of its own namespace, and ${namespace} has none with that selector`,
            fix: `define the PodDefault in namespace ${namespace} as well (or run this in ${ns}), or drop the label`,
          };
        }
      }
    }
  },
};

/** The PodDefaults of the set grouped by selector (as the webhook compares them), leaving out empty selectors. */
function bySelector(podDefaults: readonly ManifestSource[]): { selector: Json; podDefaults: ManifestSource[]; namespaces: Set<string | undefined> }[] {
  const groups = new Map<string, { selector: Json; podDefaults: ManifestSource[]; namespaces: Set<string | undefined> }>();
  for (const pd of podDefaults) {
    const selector = asObject(asObject(pd.object.spec)?.selector);
    if (!selector || isEmptySelector(selector)) continue;
    const key = deepEqualKey(selector);
    const group = groups.get(key) ?? { selector, podDefaults: [], namespaces: new Set() };
    group.podDefaults.push(pd);
    group.namespaces.add(pd.object.metadata?.namespace);
    groups.set(key, group);
  }
  return [...groups.values()];
}
