import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const profile = (owner?: Record<string, unknown>): Manifest => ({ apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' }, spec: { owner } });
const findings = (owner?: Record<string, unknown>) => ruleFindings('kubeflow/profile-owner', profile(owner)).map((f) => [f.severity, f.path, f.message]);

describe('kubeflow/profile-owner', () => {
  test.each([
    [undefined, 'error', '.spec.owner', 'the profile has no owner name'],
    [{ kind: 'User', name: ' ' }, 'error', '.spec.owner.name', 'the profile has no owner name'],
    [{ kind: 'user', name: 'a@b.co' }, 'error', '.spec.owner.kind', 'owner kind "user" is not a RoleBinding subject kind'],
    [{ kind: 'ServiceAccount', name: 'ci' }, 'error', '.spec.owner.namespace', 'a ServiceAccount owner has no namespace'],
    [{ kind: 'Group', name: 'ml-team' }, 'warning', '.spec.owner.kind', 'the owner is a Group: the profile controller\'s Istio policy and the dashboard treat the owner\'s name as a user id, so "ml-team" gets the role binding but no access through the gateway'],
  ])('rejects owner %o', (owner, severity, path, message) => expect(findings(owner)).toEqual([[severity, path, message]]));

  test('accepts a User owner, also in v1beta1', () => {
    expect(findings({ kind: 'User', name: 'alice@example.com' })).toEqual([]);
    expect(ruleFindings('kubeflow/profile-owner', { ...profile({ kind: 'User', name: 'a@b.co' }), apiVersion: 'kubeflow.org/v1beta1' })).toEqual([]);
  });
});
