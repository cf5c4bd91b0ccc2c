import { Testing } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { Release } from './release';
import {
  AppArmorProfile, FsGroupChangePolicy, PodSecurityContextProps, renderPodSecurityContext, renderSecurityContext, renderSecurityOverrides, SeccompProfile,
  SecurityContextProps,
} from './security-context';
import { Stack } from './stack';

describe('container security context', () => {
  test('the hardened defaults, every field explicit', () => {
    expect(renderSecurityContext(testStack(), 'c.securityContext')).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: false,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('every default can be changed: an sshd in an MPI image keeps the capabilities it needs', () => {
    const sc = renderSecurityContext(testStack(), 'sc', {
      runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, readOnlyRootFilesystem: true,
      capabilities: { add: ['NET_BIND_SERVICE', 'SYS_CHROOT', 'SETUID', 'SETGID', 'CAP_CHOWN'] },
      seccompProfile: SeccompProfile.localhost('profiles/sshd.json'),
      seLinuxOptions: { level: 's0:c123,c456' },
      appArmorProfile: AppArmorProfile.localhost('sshd'),
    });
    expect(sc).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsUser: 0, runAsGroup: 0, runAsNonRoot: false,
      capabilities: { add: ['NET_BIND_SERVICE', 'SYS_CHROOT', 'SETUID', 'SETGID', 'CAP_CHOWN'], drop: ['ALL'] },
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/sshd.json' },
      seLinuxOptions: { level: 's0:c123,c456', user: undefined, role: undefined, type: undefined },
      appArmorProfile: { type: 'Localhost', localhostProfile: 'sshd' },
    });
  });

  test('drop: [] keeps the runtime\'s default capabilities; Unconfined seccomp', () => {
    const sc = renderSecurityContext(testStack(), 'sc', { capabilities: { drop: [] }, seccompProfile: SeccompProfile.unconfined() });
    expect(sc.capabilities).toBeUndefined();
    expect(sc.seccompProfile).toEqual({ type: 'Unconfined' });
  });

  test('privileged and SYS_ADMIN allow escalation by default, as Kubernetes requires', () => {
    expect(renderSecurityContext(testStack(), 'sc', { privileged: true })).toMatchObject({ privileged: true, allowPrivilegeEscalation: true });
    expect(renderSecurityContext(testStack(), 'sc', { capabilities: { add: ['SYS_ADMIN'] } }).allowPrivilegeEscalation).toBe(true);
  });

  test('a container inherits the pod\'s seccomp profile instead of getting RuntimeDefault', () => {
    expect(renderSecurityContext(testStack(), 'sc', {}, { seccompProfile: true }).seccompProfile).toBeUndefined();
    expect(renderSecurityContext(testStack(), 'sc', { seccompProfile: SeccompProfile.runtimeDefault() }, { seccompProfile: true }).seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test.each(([
    [{ privileged: true, allowPrivilegeEscalation: false }, 'sc.allowPrivilegeEscalation', 'is false, but the container is privileged'],
    [{ capabilities: { add: ['CAP_SYS_ADMIN'] }, allowPrivilegeEscalation: false }, 'sc.allowPrivilegeEscalation', 'adds SYS_ADMIN'],
    [{ runAsNonRoot: true, runAsUser: 0 }, 'sc.runAsUser', 'is 0 (root), but runAsNonRoot is true'],
    [{ runAsUser: -1 }, 'sc.runAsUser', 'must be a whole number between 0 and 2147483647, got -1'],
    [{ runAsGroup: 1.5 }, 'sc.runAsGroup', 'must be a whole number'],
    [{ capabilities: { add: ['net_bind_service'] } }, 'sc.capabilities.add', '"net_bind_service" is not a Linux capability'],
    [{ capabilities: { add: ['NET_BIND'] } }, 'sc.capabilities.add', '"NET_BIND" is not a Linux capability'],
    [{ capabilities: { drop: ['ALL', 'ALL'] } }, 'sc.capabilities.drop', 'lists a capability twice'],
    [{ seccompProfile: SeccompProfile.localhost('/var/lib/kubelet/seccomp/x.json') }, 'sc.seccompProfile', 'is absolute'],
    [{ seccompProfile: SeccompProfile.localhost('../x.json') }, 'sc.seccompProfile', 'contains ".."'],
    [{ appArmorProfile: AppArmorProfile.localhost(' ') }, 'sc.appArmorProfile', 'the Localhost profile name is empty'],
  ] as Array<[SecurityContextProps, string, string]>).map(([props, field, problem]) => [field, problem, props] as [string, string, SecurityContextProps]))('%s: %s', (field, problem, props) => {
    // A merged container's overrides are checked as a whole container's settings are.
    for (const render of [renderSecurityContext, renderSecurityOverrides]) {
      const e = constructError(() => render(testStack(), 'sc', props));
      expect(e.field).toBe(field);
      expect(e.problem).toContain(problem);
    }
  });

  test('the fix for a lower-case capability names the right spelling', () => {
    expect(constructError(() => renderSecurityContext(testStack(), 'sc', { capabilities: { add: ['net_bind_service'] } })).fix).toBe('write it in capitals: "NET_BIND_SERVICE"');
  });

  test('appArmorProfile needs Kubernetes 1.30', () => {
    const stack = new Stack(Testing.app(), 'old', { namespace: 'team', release: Release.NEWEST.withComponents({ kubernetes: '1.29' }) });
    const e = constructError(() => renderSecurityContext(stack, 'sc', { appArmorProfile: AppArmorProfile.runtimeDefault() }));
    expect(e.field).toBe('sc.appArmorProfile');
    expect(e.problem).toContain('the appArmorProfile field needs Kubernetes 1.30 or later');
  });
});

describe('security overrides of a container merged into another (KServe model and worker containers)', () => {
  test('nothing set renders nothing: the other container\'s settings stay in force', () => {
    expect(renderSecurityOverrides(testStack(), 'sc', undefined)).toBeUndefined();
    expect(renderSecurityOverrides(testStack(), 'sc', {})).toBeUndefined();
  });

  test('only the fields set, with no hardened defaults beside them', () => {
    expect(renderSecurityOverrides(testStack(), 'sc', { readOnlyRootFilesystem: true })).toEqual({ readOnlyRootFilesystem: true });
    expect(renderSecurityOverrides(testStack(), 'sc', { runAsUser: 1000, privileged: false, capabilities: { add: ['NET_BIND_SERVICE'] } }))
      .toEqual({ runAsUser: 1000, privileged: false, capabilities: { add: ['NET_BIND_SERVICE'] } });
    expect(renderSecurityOverrides(testStack(), 'sc', { capabilities: { drop: ['ALL'] }, seccompProfile: SeccompProfile.localhost('profiles/srv.json') }))
      .toEqual({ capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/srv.json' } });
  });

  test('privileged or SYS_ADMIN write allowPrivilegeEscalation: true, which a hardened other container\'s false would contradict', () => {
    expect(renderSecurityOverrides(testStack(), 'sc', { privileged: true })).toEqual({ privileged: true, allowPrivilegeEscalation: true });
    expect(renderSecurityOverrides(testStack(), 'sc', { capabilities: { add: ['SYS_ADMIN'] } })).toEqual({ capabilities: { add: ['SYS_ADMIN'] }, allowPrivilegeEscalation: true });
    expect(renderSecurityOverrides(testStack(), 'sc', { allowPrivilegeEscalation: false })).toEqual({ allowPrivilegeEscalation: false });
  });
});

describe('pod security context', () => {
  test('nothing set renders nothing', () => {
    expect(renderPodSecurityContext(testStack(), 'pod.securityContext', undefined)).toBeUndefined();
    expect(renderPodSecurityContext(testStack(), 'pod.securityContext', {})).toBeUndefined();
  });

  test('every field, sysctls sorted by name', () => {
    expect(renderPodSecurityContext(testStack(), 'pod.securityContext', {
      runAsUser: 1000, runAsGroup: 100, runAsNonRoot: true, fsGroup: 100, fsGroupChangePolicy: FsGroupChangePolicy.ON_ROOT_MISMATCH,
      supplementalGroups: [2000], seccompProfile: SeccompProfile.runtimeDefault(), appArmorProfile: AppArmorProfile.runtimeDefault(),
      seLinuxOptions: { type: 'spc_t' }, sysctls: { 'net.ipv4.tcp_keepalive_time': '600', 'kernel.shm_rmid_forced': '1' },
    })).toMatchObject({
      runAsUser: 1000, runAsGroup: 100, runAsNonRoot: true, fsGroup: 100, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [2000],
      seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' }, seLinuxOptions: { type: 'spc_t' },
      sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net.ipv4.tcp_keepalive_time', value: '600' }],
    });
  });

  test.each(([
    [{ fsGroup: -5 }, 'pod.securityContext.fsGroup', 'must be a whole number between 0 and 2147483647'],
    [{ supplementalGroups: [1, 2 ** 40] }, 'pod.securityContext.supplementalGroups', 'must be a whole number'],
    [{ runAsNonRoot: true, runAsUser: 0 }, 'pod.securityContext.runAsUser', 'runAsNonRoot is true'],
    [{ sysctls: { 'Net.IPv4': '1' } }, 'pod.securityContext.sysctls.Net.IPv4', 'is not a sysctl name'],
    [{ fsGroupChangePolicy: 'Sometimes' as FsGroupChangePolicy }, 'pod.securityContext.fsGroupChangePolicy', 'is not a policy'],
  ] as Array<[PodSecurityContextProps, string, string]>).map(([props, field, problem]) => [field, problem, props] as [string, string, PodSecurityContextProps]))('%s: %s', (field, problem, props) => {
    const e = constructError(() => renderPodSecurityContext(testStack(), 'pod.securityContext', props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
