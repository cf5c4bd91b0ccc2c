import { Rule } from '../rule';

/** The StatefulSet controller labels pods `controller-revision-hash: <name>-<hash of up to 10 characters>`. */
const MAX_NAME = 63 - '-0123456789'.length;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The notebook's name is also its Service's and StatefulSet's. */
export const notebookName: Rule = {
  id: 'kubeflow/notebook-name',
  category: 'runtime',
  severity: 'error',
  appliesTo: [{ group: 'kubeflow.org', kind: 'Notebook' }],
  summary: `A Notebook's name is a DNS-1035 label (lower-case letters, digits and "-", starting with a letter) of at most ${MAX_NAME} characters.`,
  why: `The controller names a Service after the notebook, which must be a DNS-1035 label, and a StatefulSet whose pods carry the label controller-revision-hash: <name>-<hash> (at most 63 characters): a name that is a valid Notebook but not a valid Service, or longer than ${MAX_NAME}, leaves the notebook without a Service or without pods.`,
  source: 'kubeflow/notebooks components/notebook-controller/controllers/notebook_controller.go generateService, generateStatefulSet',
  *check(object) {
    const name = object.metadata?.name;
    if (typeof name !== 'string') return;
    if (!DNS_1035.test(name)) {
      yield { path: '.metadata.name', message: `"${name}" is not a valid DNS-1035 label, which the notebook's Service name must be`, fix: 'use lower-case letters, digits and "-", starting with a letter and ending with a letter or digit' };
    } else if (name.length > MAX_NAME) {
      yield { path: '.metadata.name', message: `"${name}" is ${name.length} characters long: the StatefulSet controller labels its pods with the revision "${name}-<hash>", and at most 63 characters are allowed`, fix: `shorten it to at most ${MAX_NAME} characters, e.g. "${name.slice(0, MAX_NAME).replace(/-+$/, '')}"` };
    }
  },
};
