import { ApiObject } from 'cdk8s';
import { manifest, testStack } from '../../test/util';
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
});
