export { PodDefault } from './pod-default';
export type { ExistingPodDefaultOptions, IPodDefault, PodDefaultProps } from './pod-default';
export { Tenant, TenantRole } from './tenant';
export type { Contributor, ITenant, TenantProps, TenantQuota } from './tenant';
