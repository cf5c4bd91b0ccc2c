import { asObject } from '../json';
import { Rule } from '../rule';

const SUBJECT_KINDS = ['User', 'Group', 'ServiceAccount'];

/** The profile controller binds the owner as the namespace's admin and admits the owner through Istio by name. */
export const profileOwner: Rule = {
  id: 'kubeflow/profile-owner',
  category: 'runtime',
  severity: 'error',
  appliesTo: [{ group: 'kubeflow.org', kind: 'Profile' }],
  summary: 'A Profile has an owner with a name and a kind of User, Group or ServiceAccount (a ServiceAccount with its namespace); an owner that is not a User is a warning.',
  why: 'The controller makes the owner the subject of the namespace-admin RoleBinding: without a name or with another kind the API server rejects the binding, and reconciling stops before the quota, plugins and finalizer are applied. It also writes the owner\'s name into the Istio AuthorizationPolicy as the user-id header value, and the dashboard lists a profile under its owner as a user: a Group owner gets the RoleBinding, but its members are not let through to the namespace\'s notebooks by name.',
  source: 'kubeflow/dashboard components/profile-controller/controllers/profile_controller.go Reconcile (namespaceAdmin RoleBinding), getAuthorizationPolicy',
  *check(object) {
    const owner = asObject(asObject(object.spec)?.owner);
    const name = owner?.name;
    if (typeof name !== 'string' || !name.trim()) {
      yield { path: owner ? '.spec.owner.name' : '.spec.owner', message: 'the profile has no owner name', fix: 'set spec.owner: { kind: User, name: <the owner\'s email, as your auth proxy reports it> }' };
      return;
    }
    if (!SUBJECT_KINDS.includes(owner?.kind as string)) {
      yield { path: '.spec.owner.kind', message: `owner kind ${JSON.stringify(owner?.kind)} is not a RoleBinding subject kind`, fix: 'use kind: User (or Group, or ServiceAccount with a namespace)' };
    } else if (owner?.kind === 'ServiceAccount' && !owner.namespace) {
      yield { path: '.spec.owner.namespace', message: 'a ServiceAccount owner has no namespace', fix: 'set spec.owner.namespace to the ServiceAccount\'s namespace' };
    } else if (owner?.kind !== 'User') {
      yield { path: '.spec.owner.kind', severity: 'warning', message: `the owner is a ${owner?.kind}: the profile controller's Istio policy and the dashboard treat the owner's name as a user id, so "${name}" gets the role binding but no access through the gateway`, fix: 'make a person (kind: User) the owner, and give the group access as contributors (RoleBindings)' };
    }
  },
};
