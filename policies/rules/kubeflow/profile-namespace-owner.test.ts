import { Manifest } from '../../../manifest';
import { ruleFindings } from '../../../test/policy';

const profile: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' }, spec: { owner: { kind: 'User', name: 'alice@example.com' } } };
const namespace = (name: string, owner?: string): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: owner === undefined ? undefined : { owner } } });
const findings = (...objects: Manifest[]) => ruleFindings('kubeflow/profile-namespace-owner', ...objects).map((f) => [f.resource, f.path, f.message, f.fix]);

describe('kubeflow/profile-namespace-owner', () => {
  test('rejects a profile\'s Namespace without the owner annotation, or with another owner', () => {
    expect(findings(profile, namespace('team'))).toEqual([['v1 Namespace team', '.metadata.annotations.owner', 'the namespace of Profile "team" has no owner annotation: the profile controller refuses to adopt it', 'annotate the Namespace owner: "alice@example.com"']]);
    expect(findings(profile, namespace('team', 'bob@example.com'))[0][2]).toBe('the namespace of Profile "team" is annotated owner: "bob@example.com", but the profile\'s owner is "alice@example.com": the profile controller refuses to adopt it');
  });

  test('accepts the owner\'s annotation, and Namespaces of no Profile', () => {
    expect(findings(profile, namespace('team', 'alice@example.com'), namespace('other'))).toEqual([]);
  });
});
