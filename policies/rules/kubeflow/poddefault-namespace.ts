import { asObject } from '../json';
import { podSites, POD_KINDS } from '../platform/pod-templates';
import { Rule } from '../rule';
import { isEmptySelector, selects } from './label-selector';
import { same } from './poddefault-merge';

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
    const all = context.objectsOf('kubeflow.org', 'PodDefault');
    const own = all.filter((s) => s.object.metadata?.namespace === namespace).map((s) => asObject(asObject(s.object.spec)?.selector));
    for (const site of podSites(object)) {
      if (site.template || site.partial) continue;
      for (const other of all) {
        const ns = other.object.metadata?.namespace;
        const selector = asObject(asObject(other.object.spec)?.selector);
        if (ns === namespace || isEmptySelector(selector) || !selects(selector, site.labels) || own.some((s) => same(s, selector))) continue;
        yield {
          path: site.labelsPath,
          message: `the ${site.role}'s labels select PodDefault ${ns}/${other.object.metadata?.name}, but a PodDefault applies only to pods of its own namespace, and ${namespace} has none with that selector`,
          fix: `define the PodDefault in namespace ${namespace} as well (or run this in ${ns}), or drop the label`,
        };
      }
    }
  },
};
