import { ApiObject } from 'cdk8s';
import { manifest, manifests, testStack } from '../../test/util';
import { ARGOCD_SYNC_OPTIONS, protectNamespaces } from './sync-options';

describe('protectNamespaces', () => {
  test('marks every Namespace of the stack Prune=false,Delete=false, keeping its own options, and nothing else', () => {
    const stack = testStack();
    new ApiObject(stack, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', annotations: { [ARGOCD_SYNC_OPTIONS]: 'ServerSideApply=true' } } });
    new ApiObject(stack, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    protectNamespaces(stack);
    expect(manifest(stack, 'Namespace').metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBe('ServerSideApply=true,Prune=false,Delete=false');
    expect(manifest(stack, 'ConfigMap').metadata.annotations[ARGOCD_SYNC_OPTIONS]).toBeUndefined();
  });

  test('protects kubeflow.org Profiles too (their namespace is garbage-collected with them), not a same-named kind of another group', () => {
    const stack = testStack();
    new ApiObject(stack, 'profile', { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'team' }, spec: { owner: { kind: 'User', name: 'alice@example.com' } } });
    new ApiObject(stack, 'other', { apiVersion: 'example.com/v1', kind: 'Profile', metadata: { name: 'x' } });
    protectNamespaces(stack);
    expect(manifests(stack).map((o: any) => [o.apiVersion, o.metadata.annotations?.[ARGOCD_SYNC_OPTIONS]])).toEqual([
      ['kubeflow.org/v1', 'Prune=false,Delete=false'],
      ['example.com/v1', undefined],
    ]);
  });
});
