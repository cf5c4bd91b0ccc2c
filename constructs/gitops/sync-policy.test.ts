import { constructError, manifest, testStack } from '../../test/util';
import { ArgoCdApplication } from './application';
import { SyncOption, SyncPolicyProps, PropagationPolicy } from './sync-policy';

const app = (syncPolicy: SyncPolicyProps) => {
  const stack = testStack();
  new ArgoCdApplication(stack, 'App', { source: { repoURL: 'https://git.example.com/r.git', path: 'dist/dev' }, destination: { server: 'https://kubernetes.default.svc' }, syncPolicy });
  return manifest(stack, 'Application').spec.syncPolicy;
};

describe('sync policy', () => {
  test('defaults to manual sync, as Argo CD does, with 5 retries backing off from 5s, doubling, up to 3m', () => {
    expect(app({})).toEqual({ retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } });
    expect(app({ automated: true }).automated).toEqual({ prune: true, selfHeal: true });
  });

  test('an Application with no syncPolicy at all syncs manually', () => {
    const stack = testStack();
    new ArgoCdApplication(stack, 'App', { source: { repoURL: 'https://git.example.com/r.git', path: 'dist/dev' }, destination: { server: 'https://kubernetes.default.svc' } });
    expect(manifest(stack, 'Application').spec.syncPolicy.automated).toBeUndefined();
  });

  test('manual sync, no retries, typed options and the escape for newer ones', () => {
    expect(app({
      automated: false, retry: false,
      syncOptions: [SyncOption.serverSideApply(), SyncOption.prunePropagationPolicy(PropagationPolicy.FOREGROUND), SyncOption.of('PruneLast=true'), SyncOption.unchecked('FutureOption=yes')],
    })).toEqual({ syncOptions: ['ServerSideApply=true', 'PrunePropagationPolicy=foreground', 'PruneLast=true', 'FutureOption=yes'] });
    expect(app({ automated: { prune: false, selfHeal: false }, retry: { limit: -1, backoffDuration: '10', backoffMaxDuration: '1h30m' } }))
      .toEqual({ automated: { prune: false, selfHeal: false }, retry: { limit: -1, backoff: { duration: '10', factor: 2, maxDuration: '1h30m' } } });
  });

  test.each([
    [{ syncOptions: [SyncOption.of('ServerSideApply=yes')] }, 'syncOptions[0]', '"ServerSideApply=yes": ServerSideApply takes true or false'],
    [{ syncOptions: [SyncOption.of('NoSuchOption=true')] }, 'syncOptions[0]', '"NoSuchOption=true" is not a sync option Argo CD v3 knows'],
    [{ syncOptions: [SyncOption.of('serverSideApply=true')] }, 'syncOptions[0]', 'is not a sync option Argo CD v3 knows'],
    [{ syncOptions: [SyncOption.unchecked('Bad Option')] }, 'syncOptions[0]', 'is not a sync option: Argo CD expects Key=value'],
    [{ syncOptions: [SyncOption.replace(), SyncOption.of('Replace=false')] }, 'syncOptions', 'sets Replace twice'],
    [{ retry: { backoffDuration: '5 seconds' } }, 'retry.backoffDuration', '"5 seconds" is not a positive Go duration'],
    [{ retry: { backoffMaxDuration: '0s' } }, 'retry.backoffMaxDuration', '"0s" is not a positive Go duration'],
    [{ retry: { backoffDuration: '5m', backoffMaxDuration: '1m' } }, 'retry.backoffMaxDuration', '1m is shorter than the first wait 5m'],
    [{ retry: { backoffFactor: 1.5 } }, 'retry.backoffFactor', 'must be a whole number ≥ 1'],
    [{ retry: { limit: 0 } }, 'retry.limit', 'must be a whole number ≥ 1'],
    [{ automated: { prune: false, allowEmpty: true } }, 'syncPolicy.automated.allowEmpty', 'has no effect without prune'],
  ] as Array<[SyncPolicyProps, string, string]>)('rejects %j at %s', (policy, field, problem) => {
    const e = constructError(() => app(policy));
    expect(e.constructPath).toBe('test/App');
    expect(e.field).toBe(field.startsWith('syncPolicy') ? field : `syncPolicy.${field}`);
    expect(e.problem).toContain(problem);
    expect(e.fix).not.toBe('');
  });

  test('a key in the wrong case is answered with the right one', () => {
    expect(constructError(() => app({ syncOptions: [SyncOption.of('serverSideApply=true')] })).fix).toContain('did you mean "ServerSideApply=true"');
  });
});
