import { asObject } from '../json';
import { Rule } from '../rule';

/** A Namespace the set defines for a Profile must name the profile's owner, or the controller refuses it. */
export const profileNamespaceOwner: Rule = {
  id: 'kubeflow/profile-namespace-owner',
  category: 'runtime',
  severity: 'error',
  appliesTo: [{ group: '', kind: 'Namespace' }],
  summary: 'A Namespace named as a Profile of the set carries the annotation owner: <the profile\'s spec.owner.name>.',
  why: 'When the namespace exists before the profile controller reconciles (Argo CD applies Namespaces first), the controller adopts it only if its owner annotation equals the profile\'s owner; otherwise it marks the Profile failed ("namespace already exist, but not owned by profile creator") and creates none of the tenant\'s role bindings, service accounts or quota.',
  source: 'kubeflow/dashboard components/profile-controller/controllers/profile_controller.go Reconcile (existing namespace ownership check)',
  *check(object, context) {
    const name = object.metadata?.name;
    const profile = name === undefined ? undefined : context.objectNamed('kubeflow.org', 'Profile', name);
    const owner = asObject(asObject(profile?.object.spec)?.owner)?.name;
    if (!profile || typeof owner !== 'string') return;
    const annotated = object.metadata?.annotations?.owner;
    if (annotated === owner) return;
    yield {
      path: '.metadata.annotations.owner',
      message: annotated === undefined
        ? `the namespace of Profile "${name}" has no owner annotation: the profile controller refuses to adopt it`
        : `the namespace of Profile "${name}" is annotated owner: "${annotated}", but the profile's owner is "${owner}": the profile controller refuses to adopt it`,
      fix: `annotate the Namespace owner: "${owner}"`,
    };
  },
};
