import { asArray, asObject, asStrings } from '../json';
import { Rule } from '../rule';
import { isEmptySelector } from './label-selector';

/**
 * A PodDefault's selector is what the notebook UI offers and applies: the Jupyter web app lists
 * every PodDefault of the namespace as a "configuration" by the first key of its matchLabels,
 * and applies one by labelling the notebook `<that key>: "true"`.
 */
export const podDefaultSelector: Rule = {
  id: 'kubeflow/poddefault-selector',
  category: 'runtime',
  severity: 'error',
  appliesTo: [{ group: 'kubeflow.org', kind: 'PodDefault' }],
  summary: 'A PodDefault\'s spec.selector has matchLabels (error otherwise: an empty selector selects every pod of the namespace, and the notebook UI cannot list the namespace\'s configurations); to be usable from the notebook form it is exactly one `<key>: "true"` label (warning otherwise).',
  why: 'The Jupyter web app reads the first matchLabels key of every PodDefault in the namespace: one without matchLabels makes the configurations request fail, so nobody in the namespace can choose any configuration when creating a notebook; and choosing a configuration sets only `<first key>: "true"` on the notebook, so a selector with another value or more requirements is offered but never applies.',
  source: 'kubeflow/notebooks components/crud-web-apps/jupyter/backend/apps/common/routes/get.py get_poddefaults, form.py set_notebook_configurations; kubeflow/dashboard components/poddefaults-webhooks/main.go filterPodDefaults',
  *check(object) {
    const selector = asObject(asObject(object.spec)?.selector);
    const matchLabels = asStrings(selector?.matchLabels);
    const keys = Object.keys(matchLabels);
    if (!keys.length) {
      yield {
        path: '.spec.selector',
        message: `${isEmptySelector(selector) ? 'the selector is empty, so it selects every pod of the namespace, and it' : 'the selector'} has no matchLabels: the notebook UI fails to list the namespace's configurations (it reads the first matchLabels key of every PodDefault)`,
        fix: `select pods by one label: selector: { matchLabels: { ${object.metadata?.name ?? '<name>'}: "true" } }, and label the pods that should get it`,
      };
      return;
    }
    const extra = keys.length - 1 + asArray(selector?.matchExpressions).length;
    if (matchLabels[keys[0]] !== 'true' || extra > 0) {
      yield {
        path: '.spec.selector',
        severity: 'warning',
        message: `the notebook form offers it as "${keys[0]}" and, when chosen, labels the notebook ${keys[0]}: "true", which ${matchLabels[keys[0]] !== 'true' ? `does not match ${keys[0]}: "${matchLabels[keys[0]]}"` : `does not meet the selector's ${extra} other requirement${extra > 1 ? 's' : ''}`}: choosing it does nothing`,
        fix: `select by a single label ${keys[0]}: "true", or, if it is not meant for notebooks, ignore this warning (waive kubeflow/poddefault-selector)`,
      };
    }
  },
};
