import { Rule } from '../rule';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Namespaces that exist in every Kubeflow cluster, without the owner annotation the controller needs to adopt one. */
const EXISTING = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'kubeflow', 'istio-system', 'cert-manager', 'knative-serving', 'auth'];

/** A Profile's name is the namespace the profile controller creates. */
export const profileName: Rule = {
  id: 'kubeflow/profile-name',
  category: 'runtime',
  severity: 'error',
  appliesTo: [{ group: 'kubeflow.org', kind: 'Profile' }],
  summary: 'A Profile\'s name is a valid namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-") and not a namespace every Kubeflow cluster already has (kubeflow, kube-system, istio-system …).',
  why: 'The controller creates a namespace named after the profile: a name with dots is a valid Profile but not a namespace, and an existing namespace without the owner\'s annotation is refused ("namespace already exist, but not owned by profile creator"), so the tenant gets no namespace.',
  source: 'kubeflow/dashboard components/profile-controller/controllers/profile_controller.go Reconcile',
  *check(object) {
    const name = object.metadata?.name;
    if (typeof name !== 'string') return;
    if (!DNS_1123_LABEL.test(name) || name.length > 63) {
      yield { path: '.metadata.name', message: `"${name}" is not a valid namespace name (a DNS-1123 label), and the profile controller creates a namespace of that name`, fix: 'use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit' };
    } else if (EXISTING.includes(name)) {
      yield { path: '.metadata.name', message: `namespace "${name}" already exists in a Kubeflow cluster and is not owned by the profile: the controller refuses to take it over`, fix: 'give the tenant its own name, e.g. "team-a"' };
    }
  },
};
