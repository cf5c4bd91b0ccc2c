import { ruleFindings } from '../../../test/policy';

const messages = (name: string) => ruleFindings('kubeflow/profile-name', { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name }, spec: { owner: { kind: 'User', name: 'a@b.co' } } }).map((f) => f.message);

describe('kubeflow/profile-name', () => {
  test('rejects names that are not namespace names, and namespaces every cluster has', () => {
    expect(messages('team.a')).toEqual(['"team.a" is not a valid namespace name (a DNS-1123 label), and the profile controller creates a namespace of that name']);
    expect(messages('kubeflow')).toEqual(['namespace "kubeflow" already exists in a Kubeflow cluster and is not owned by the profile: the controller refuses to take it over']);
  });

  test('accepts a DNS-1123 label', () => {
    expect(messages('team-a')).toEqual([]);
  });
});
