export { PodDefault } from './pod-default';
export type { PodDefaultProps } from './pod-default';
export { Tenant, TenantRole } from './tenant';
export type { Contributor, TenantProps, TenantQuota } from './tenant';
