// The public API of cdk8s-kubeflow. Each domain's index lists what users need (constructs,
// their props and options, enums, static factories, value types and documented constants);
// rendering and validation helpers stay internal and are imported by file path.
// `public-api.test.ts` pins this list: an addition or removal there is deliberate.

// core/index.ts also serves the other domains' internal helpers (tagged internal in their
// JSDoc, so stripInternal drops them from the .d.ts), so its public part is listed here rather
// than re-exported wholesale. (Never write that tag in a comment above a public declaration:
// stripInternal drops a declaration when any comment before it contains the tag.)
export { ConstructError } from './core/errors';
export { collectWarnings } from './core/warnings';
export type { ConstructWarning } from './core/warnings';
export { Release, requireRelease } from './core/release';
export { Stack } from './core/stack';
export type { StackProps, StackTransform } from './core/stack';
export { Resource } from './core/resource';
export type { INamespacedResource, IResource, MetadataProps, ResourceProps } from './core/resource';
export { ANNOTATIONS, LABELS } from '../manifest';
export { Cpu, Gpu, Size } from './core/quantities';
export type { ResourceRange, ResourcesProps } from './core/quantities';
export { EnvValue } from './core/env';
export type { EnvMap } from './core/env';
export { DownwardApiField, HostPathType, ProjectedSource, Volume, VolumeAccessMode } from './core/volumes';
export type {
  ClusterTrustBundleOptions, CsiVolumeOptions, EphemeralVolumeOptions, KeysOptions, KeysVolumeOptions, PathMapping, ServiceAccountTokenOptions, VolumeMount,
} from './core/volumes';
export { ImagePullPolicy } from './core/container';
export type { ContainerPort, ContainerProps, NamedContainerProps } from './core/container';
export { AppArmorProfile, FsGroupChangePolicy, SeccompProfile } from './core/security-context';
export type { CapabilitiesProps, PodSecurityContextProps, SecurityContextProps, SeLinuxOptions } from './core/security-context';
export { LifecycleHandler, Probe } from './core/probes';
export type { GrpcOptions, HttpGetOptions, LifecycleProps, PortRef, ProbeTimings, TcpSocketOptions } from './core/probes';
export type { PodProps, SchedulingProps, Toleration } from './core/pod';

export * from './features';
export * from './gitops';
export * from './notebooks';
export * from './pipelines';
export * from './reconciler';
export * from './registry';
export * from './tenancy';
export * from './training';
export * from './serving';
export * from './tuning';
