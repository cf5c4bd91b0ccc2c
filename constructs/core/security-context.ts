import { IConstruct } from 'constructs';
import * as wire from '../wire/core';
import { fail, field as join } from './errors';
import { requireRelease } from './release';

/** The Linux capabilities (capabilities(7), without the `CAP_` prefix Kubernetes also accepts). */
const CAPABILITIES = new Set([
  'AUDIT_CONTROL', 'AUDIT_READ', 'AUDIT_WRITE', 'BLOCK_SUSPEND', 'BPF', 'CHECKPOINT_RESTORE', 'CHOWN', 'DAC_OVERRIDE',
  'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'IPC_LOCK', 'IPC_OWNER', 'KILL', 'LEASE', 'LINUX_IMMUTABLE', 'MAC_ADMIN', 'MAC_OVERRIDE',
  'MKNOD', 'NET_ADMIN', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_RAW', 'PERFMON', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID',
  'SYSLOG', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_CHROOT', 'SYS_MODULE', 'SYS_NICE', 'SYS_PACCT', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_RESOURCE',
  'SYS_TIME', 'SYS_TTY_CONFIG', 'WAKE_ALARM',
]);

/** The largest user or group id Kubernetes accepts (a 32-bit signed integer). */
const MAX_ID = 2147483647;

/**
 * A seccomp profile: which system calls a container may make. Containers get
 * `SeccompProfile.runtimeDefault()` unless the pod or the container says otherwise.
 */
export class SeccompProfile {
  /** The container runtime's default profile, which blocks system calls containers rarely need (the restricted Pod Security Standard's choice). */
  static runtimeDefault(): SeccompProfile {
    return new SeccompProfile('RuntimeDefault');
  }
  /** No seccomp filtering, for a program that needs a system call the default profile blocks. */
  static unconfined(): SeccompProfile {
    return new SeccompProfile('Unconfined');
  }
  /** A profile file on the node, relative to the kubelet's seccomp directory (`<kubelet root>/seccomp/`), e.g. `profiles/fine-grained.json`. */
  static localhost(path: string): SeccompProfile {
    return new SeccompProfile('Localhost', path);
  }
  private constructor(public readonly type: 'RuntimeDefault' | 'Unconfined' | 'Localhost', public readonly localhostProfile?: string) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): wire.SeccompProfile {
    if (this.localhostProfile !== undefined) checkDescendingPath(scope, field, this.localhostProfile, 'profile path', 'profiles/fine-grained.json');
    return { type: this.type, localhostProfile: this.localhostProfile };
  }
}

/** An AppArmor profile (the `appArmorProfile` field, Kubernetes 1.30 and later). */
export class AppArmorProfile {
  /** The container runtime's default profile. */
  static runtimeDefault(): AppArmorProfile {
    return new AppArmorProfile('RuntimeDefault');
  }
  /** No AppArmor confinement. */
  static unconfined(): AppArmorProfile {
    return new AppArmorProfile('Unconfined');
  }
  /** A profile loaded on the node, by the name it was loaded under, e.g. `k8s-apparmor-example-deny-write`. */
  static localhost(profileName: string): AppArmorProfile {
    return new AppArmorProfile('Localhost', profileName);
  }
  private constructor(public readonly type: 'RuntimeDefault' | 'Unconfined' | 'Localhost', public readonly localhostProfile?: string) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): wire.AppArmorProfile {
    requireRelease(scope, field, 'kubernetes', '1.30', 'the appArmorProfile field');
    if (this.localhostProfile !== undefined && !this.localhostProfile.trim()) {
      fail(scope, field, 'the Localhost profile name is empty', 'give the name the profile was loaded under on the nodes');
    }
    return { type: this.type, localhostProfile: this.localhostProfile };
  }
}

/** SELinux labels (`seLinuxOptions`); each part left out takes the runtime's default. */
export interface SeLinuxOptions {
  /** @default - the runtime's */
  readonly user?: string;
  /** @default - the runtime's */
  readonly role?: string;
  /** @default - the runtime's */
  readonly type?: string;
  /** The MCS level, e.g. `s0:c123,c456`. @default - the runtime's */
  readonly level?: string;
}

/** Linux capabilities to add and drop. */
export interface CapabilitiesProps {
  /**
   * Capabilities to add back, without or with the `CAP_` prefix, e.g. `['NET_BIND_SERVICE',
   * 'SYS_CHROOT', 'SETUID', 'SETGID']` for an sshd in an MPI or DeepSpeed image.
   * @default - none
   */
  readonly add?: string[];
  /** Capabilities to drop; `[]` keeps the runtime's default set. @default ['ALL'] */
  readonly drop?: string[];
}

/**
 * Container security settings. Unset fields take safe defaults: no privilege escalation, not
 * privileged, all capabilities dropped, the runtime's default seccomp profile (unless the pod
 * sets one), a writable root filesystem (most ML images write to it).
 */
export interface SecurityContextProps {
  /** Refuse to start a container whose user is root. @default - as the image says, unless the construct requires non-root (a Notebook does) */
  readonly runAsNonRoot?: boolean;
  /** @default - the pod's, else the image's user */
  readonly runAsUser?: number;
  /** @default - the pod's, else the image's group */
  readonly runAsGroup?: number;
  /** @default false */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Whether a process may gain more privileges than its parent (setuid binaries such as `sudo`).
   * Kubernetes requires it for a privileged container or one that adds SYS_ADMIN.
   * @default false, except true when `privileged` or when SYS_ADMIN is added
   */
  readonly allowPrivilegeEscalation?: boolean;
  /** Run with the host's full privileges. @default false */
  readonly privileged?: boolean;
  /** @default { drop: ['ALL'] } */
  readonly capabilities?: CapabilitiesProps;
  /** @default - the pod's profile when the pod sets one, else SeccompProfile.runtimeDefault() */
  readonly seccompProfile?: SeccompProfile;
  /** @default - the pod's, else the runtime's */
  readonly seLinuxOptions?: SeLinuxOptions;
  /** @default - the pod's, else the runtime's */
  readonly appArmorProfile?: AppArmorProfile;
}

/** What to change on a pod's `fsGroup` volumes' ownership (`fsGroupChangePolicy`). */
export enum FsGroupChangePolicy {
  /** Change ownership and permissions only when the volume's root does not already match: fast for large volumes. */
  ON_ROOT_MISMATCH = 'OnRootMismatch',
  /** Always change ownership and permissions of every file when the volume is mounted (Kubernetes' default). */
  ALWAYS = 'Always',
}

/** Pod-level security settings: the defaults of every container of the pod, and the pod's volumes' group. */
export interface PodSecurityContextProps {
  /** Refuse to start any container whose user is root. @default - as each image says */
  readonly runAsNonRoot?: boolean;
  /** @default - each image's user */
  readonly runAsUser?: number;
  /** @default - each image's group */
  readonly runAsGroup?: number;
  /** Group that owns mounted volumes, so that a non-root user can write them. @default - none */
  readonly fsGroup?: number;
  /** @default - Kubernetes' default (FsGroupChangePolicy.ALWAYS) */
  readonly fsGroupChangePolicy?: FsGroupChangePolicy;
  /** Extra groups of every container's first process. @default - none */
  readonly supplementalGroups?: number[];
  /** The seccomp profile of every container that sets none. @default - none: each container gets SeccompProfile.runtimeDefault() */
  readonly seccompProfile?: SeccompProfile;
  /** @default - the runtime's */
  readonly seLinuxOptions?: SeLinuxOptions;
  /** @default - the runtime's */
  readonly appArmorProfile?: AppArmorProfile;
  /**
   * Namespaced kernel parameters, e.g. `{ 'net.ipv4.tcp_keepalive_time': '600' }`. The kubelet
   * allows only the safe set unless the node's `--allowed-unsafe-sysctls` lists more.
   * @default - none
   */
  readonly sysctls?: Record<string, string>;
}

/** What the pod's security context decides for its containers. @internal */
export interface InheritedSecurity {
  /** The pod sets a seccomp profile, so containers that set none inherit it instead of getting RuntimeDefault. */
  readonly seccompProfile?: boolean;
}

/**
 * Validates a container's security settings as the API server and the kubelet do and renders
 * them with the safe defaults made explicit.
 * @internal
 */
export function renderSecurityContext(scope: IConstruct, field: string, props: SecurityContextProps = {}, inherited: InheritedSecurity = {}): wire.SecurityContext {
  const { add, drop, escalation } = checkSecurityContext(scope, field, props);
  const seccomp = props.seccompProfile ?? (inherited.seccompProfile ? undefined : SeccompProfile.runtimeDefault());
  return {
    allowPrivilegeEscalation: escalation,
    privileged: props.privileged ?? false,
    readOnlyRootFilesystem: props.readOnlyRootFilesystem ?? false,
    runAsNonRoot: props.runAsNonRoot,
    runAsUser: props.runAsUser,
    runAsGroup: props.runAsGroup,
    capabilities: add.length || drop.length ? { add: add.length ? add : undefined, drop: drop.length ? drop : undefined } : undefined,
    seccompProfile: seccomp?._render(scope, join(field, 'seccompProfile')),
    seLinuxOptions: renderSeLinux(props.seLinuxOptions),
    appArmorProfile: props.appArmorProfile?._render(scope, join(field, 'appArmorProfile')),
  };
}

/**
 * Validates a container's security settings like {@link renderSecurityContext}, but renders only
 * the fields `props` sets (undefined when none): for a container that its controller merges field
 * by field into another container (KServe strategic-merges an InferenceService's model and worker
 * containers into the ServingRuntime's). There a default would override the other container's own
 * setting: `readOnlyRootFilesystem: false` relaxes a read-only runtime, `allowPrivilegeEscalation:
 * false` beside the runtime's SYS_ADMIN, or `seccompProfile: RuntimeDefault` beside its Localhost
 * profile path, makes a pod the API server rejects. The one value written that `props` does not
 * set is `allowPrivilegeEscalation: true` for a container it makes privileged or gives SYS_ADMIN,
 * which the API server requires and the other container's hardened `false` would contradict.
 * @internal
 */
export function renderSecurityOverrides(scope: IConstruct, field: string, props: SecurityContextProps | undefined): wire.SecurityContext | undefined {
  if (!props) return undefined;
  const { add, drop, escalation } = checkSecurityContext(scope, field, props);
  const dropped = props.capabilities?.drop?.length ? drop : undefined;
  const rendered: wire.SecurityContext = {
    allowPrivilegeEscalation: props.allowPrivilegeEscalation ?? (escalation || undefined),
    privileged: props.privileged,
    readOnlyRootFilesystem: props.readOnlyRootFilesystem,
    runAsNonRoot: props.runAsNonRoot,
    runAsUser: props.runAsUser,
    runAsGroup: props.runAsGroup,
    capabilities: add.length || dropped ? { add: add.length ? add : undefined, drop: dropped } : undefined,
    seccompProfile: props.seccompProfile?._render(scope, join(field, 'seccompProfile')),
    seLinuxOptions: renderSeLinux(props.seLinuxOptions),
    appArmorProfile: props.appArmorProfile?._render(scope, join(field, 'appArmorProfile')),
  };
  return Object.values(rendered).some((v) => v !== undefined) ? rendered : undefined;
}

/** The checks both renderings share; returns the capabilities (drop defaulting to ALL) and whether escalation is allowed. */
function checkSecurityContext(scope: IConstruct, field: string, props: SecurityContextProps): { add: string[]; drop: string[]; escalation: boolean } {
  checkIds(scope, field, props);
  const add = checkCapabilities(scope, join(field, 'capabilities', 'add'), props.capabilities?.add ?? []);
  const drop = checkCapabilities(scope, join(field, 'capabilities', 'drop'), props.capabilities?.drop ?? ['ALL']);
  const sysAdmin = add.some((c) => c.replace(/^CAP_/, '') === 'SYS_ADMIN');
  const escalation = props.allowPrivilegeEscalation ?? (props.privileged === true || sysAdmin);
  if (!escalation && props.privileged) {
    // The API server: "cannot set `allowPrivilegeEscalation` to false and `privileged` to true".
    fail(scope, join(field, 'allowPrivilegeEscalation'), 'is false, but the container is privileged, which always allows escalation (the API server rejects it)',
      'drop allowPrivilegeEscalation (it defaults to true for a privileged container), or drop privileged');
  }
  if (!escalation && sysAdmin) {
    fail(scope, join(field, 'allowPrivilegeEscalation'), 'is false, but the container adds SYS_ADMIN, which allows escalation (the API server rejects it for CAP_SYS_ADMIN)',
      'drop allowPrivilegeEscalation (it defaults to true with SYS_ADMIN), or do not add SYS_ADMIN');
  }
  return { add, drop, escalation };
}

/** Validates and renders a pod's security context; undefined when nothing is set. @internal */
export function renderPodSecurityContext(scope: IConstruct, field: string, props: PodSecurityContextProps | undefined): wire.PodSecurityContext | undefined {
  if (!props) return undefined;
  checkIds(scope, field, props);
  if (props.fsGroup !== undefined) checkId(scope, join(field, 'fsGroup'), props.fsGroup);
  for (const g of props.supplementalGroups ?? []) checkId(scope, join(field, 'supplementalGroups'), g);
  if (props.fsGroupChangePolicy !== undefined && !Object.values(FsGroupChangePolicy).includes(props.fsGroupChangePolicy)) {
    fail(scope, join(field, 'fsGroupChangePolicy'), `"${props.fsGroupChangePolicy}" is not a policy`, 'use FsGroupChangePolicy.ON_ROOT_MISMATCH or ALWAYS');
  }
  const sysctls = Object.keys(props.sysctls ?? {}).sort().map((name) => {
    if (!SYSCTL.test(name) || name.length > 253) {
      fail(scope, join(field, 'sysctls', name), `"${name}" is not a sysctl name`, 'use the dotted (or slashed) kernel parameter name, e.g. "net.ipv4.tcp_keepalive_time"');
    }
    return { name, value: props.sysctls![name] };
  });
  const rendered: wire.PodSecurityContext = {
    runAsNonRoot: props.runAsNonRoot,
    runAsUser: props.runAsUser,
    runAsGroup: props.runAsGroup,
    fsGroup: props.fsGroup,
    fsGroupChangePolicy: props.fsGroupChangePolicy,
    supplementalGroups: props.supplementalGroups?.length ? [...props.supplementalGroups] : undefined,
    seccompProfile: props.seccompProfile?._render(scope, join(field, 'seccompProfile')),
    seLinuxOptions: renderSeLinux(props.seLinuxOptions),
    appArmorProfile: props.appArmorProfile?._render(scope, join(field, 'appArmorProfile')),
    sysctls: sysctls.length ? sysctls : undefined,
  };
  return Object.values(rendered).some((v) => v !== undefined) ? rendered : undefined;
}

// k8s.io/kubernetes pkg/apis/core/validation: SysctlContainSlashFmt.
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

function checkIds(scope: IConstruct, field: string, props: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean }): void {
  if (props.runAsUser !== undefined) checkId(scope, join(field, 'runAsUser'), props.runAsUser);
  if (props.runAsGroup !== undefined) checkId(scope, join(field, 'runAsGroup'), props.runAsGroup);
  if (props.runAsNonRoot && props.runAsUser === 0) {
    // The kubelet refuses to start it: "container's runAsUser breaks non-root policy".
    fail(scope, join(field, 'runAsUser'), 'is 0 (root), but runAsNonRoot is true: the kubelet would refuse to start the container', 'run as a non-zero user id, or set runAsNonRoot: false');
  }
}

function checkId(scope: IConstruct, field: string, id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > MAX_ID) fail(scope, field, `must be a whole number between 0 and ${MAX_ID}, got ${id}`, 'give a numeric user or group id, e.g. 1000');
}

function checkCapabilities(scope: IConstruct, field: string, caps: readonly string[]): string[] {
  for (const c of caps) {
    if (c === 'ALL') continue;
    if (!CAPABILITIES.has(c.replace(/^CAP_/, ''))) {
      const upper = c.toUpperCase().replace(/^CAP_/, '');
      fail(scope, field, `"${c}" is not a Linux capability`,
        CAPABILITIES.has(upper) ? `write it in capitals: "${upper}"` : 'use a name from capabilities(7), e.g. "NET_BIND_SERVICE" (Pod Security compares names as written: leave out the optional CAP_ prefix), or "ALL"');
    }
  }
  if (new Set(caps).size !== caps.length) fail(scope, field, 'lists a capability twice', 'list each capability once');
  return [...caps];
}

function renderSeLinux(o: SeLinuxOptions | undefined): wire.SELinuxOptions | undefined {
  return o ? { user: o.user, role: o.role, type: o.type, level: o.level } : undefined;
}

/**
 * Throws unless `path` is a relative path that stays below its directory (no `..` element), as
 * the API server checks file paths in volumes, projections and seccomp profiles.
 * @internal
 */
export function checkDescendingPath(scope: IConstruct, field: string, path: string, what: string, example: string): void {
  if (!path) fail(scope, field, `the ${what} is empty`, `give a relative path, e.g. "${example}"`);
  if (path.startsWith('/')) fail(scope, field, `the ${what} "${path}" is absolute`, `give a path relative to the directory, e.g. "${example}"`);
  if (path.split('/').includes('..')) fail(scope, field, `the ${what} "${path}" contains ".."`, `give a path below the directory, e.g. "${example}"`);
}
