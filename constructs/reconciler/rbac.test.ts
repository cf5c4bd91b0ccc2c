import { ApiObject, Testing } from 'cdk8s';
import { Stack } from '../core';
import { labelSelectorProblem } from './label-selector';
import { clusterRulesFor, leaseRules } from './rbac';

/** A stack holding bare ApiObjects of `kinds` (`apiVersion Kind`). */
function stackOf(app: ReturnType<typeof Testing.app>, id: string, kinds: string[]): Stack {
  const stack = new Stack(app, id, { namespace: 'team' });
  kinds.forEach((k, i) => {
    const [apiVersion, kind] = k.split(' ');
    new ApiObject(stack, `o${i}`, { apiVersion, kind, metadata: { name: `o${i}` } });
  });
  return stack;
}

describe('clusterRulesFor', () => {
  test('one read rule per group (sorted, resources sorted and deduplicated, versions merged), Inventories always; then the two writes', () => {
    const app = Testing.app();
    const a = stackOf(app, 'a', ['kubeflow.org/v1 PyTorchJob', 'v1 ConfigMap', 'kubeflow.org/v1beta1 Experiment', 'v1 ConfigMap']);
    const b = stackOf(app, 'b', ['serving.kserve.io/v1beta1 InferenceService', 'kubeflow.org/v1 PyTorchJob', 'networking.k8s.io/v1 NetworkPolicy']);
    expect(clusterRulesFor([a, b])).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['cdk8s-kubeflow.io'], resources: ['inventories'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['kubeflow.org'], resources: ['experiments', 'pytorchjobs'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['cdk8s-kubeflow.io'], resources: ['inventories/status'], verbs: ['patch'] },
      { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
    ]);
  });

  test('only the stacks given: another stack of the app adds nothing', () => {
    const app = Testing.app();
    const a = stackOf(app, 'a', ['v1 ConfigMap']);
    stackOf(app, 'b', ['v1 Secret', 'apps/v1 Deployment']);
    const resources = clusterRulesFor([a]).flatMap((r) => r.resources);
    expect(resources).toEqual(['configmaps', 'inventories', 'inventories/status', 'events']);
  });

  test('an empty stack reads Inventories only', () => {
    const app = Testing.app();
    expect(clusterRulesFor([stackOf(app, 'a', [])]).map((r) => [r.resources, r.verbs])).toEqual([
      [['inventories'], ['get', 'list', 'watch']],
      [['inventories/status'], ['patch']],
      [['events'], ['create', 'patch']],
    ]);
  });

  test('reads the tree when called: an object added to a stack after it was built counts', () => {
    const app = Testing.app();
    const a = stackOf(app, 'a', []);
    new ApiObject(a, 'late', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'late' } });
    expect(clusterRulesFor([a])[0]).toEqual({ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] });
  });
});

test('leaseRules: create any Lease (create cannot be limited by name), get and update only its own', () => {
  expect(leaseRules('r')).toEqual([
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['r'], verbs: ['get', 'update'] },
  ]);
});

describe('labelSelectorProblem', () => {
  test.each(['team=research', 'team==research', 'team!=research', 'team=', 'team', '!team', 'tier in (ml,dl)', 'tier notin ( ml , dl )', 'example.com/team=a,env!=dev,!legacy'])('accepts %j', (s) => {
    expect(labelSelectorProblem(s)).toBeUndefined();
  });

  test.each([
    ['', 'it is empty (an empty selector selects every stack)'],
    ['tier in (ml', 'its parentheses are unbalanced'],
    ['tier in ml)', 'its parentheses are unbalanced'],
    ['team=a,', 'requirement "" is empty'],
    ['team=a b', 'requirement "team=a b" is not key, !key, key=value, key!=value, key in (…) or key notin (…)'],
    ['team=-a', 'requirement "team=-a" has an invalid label value "-a"'],
    ['Bad_/x=1', 'requirement "Bad_/x=1" has an invalid label key "Bad_/x"'],
    ['tier in (ml,-x)', 'requirement "tier in (ml,-x)" has an invalid label value "-x"'],
    [`${'a'.repeat(64)}=1`, `requirement "${'a'.repeat(64)}=1" has an invalid label key "${'a'.repeat(64)}"`],
  ])('rejects %j: %s', (s, problem) => {
    expect(labelSelectorProblem(s)).toBe(problem);
  });
});
