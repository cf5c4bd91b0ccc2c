export { EnvFrom, PodDefault } from './pod-default';
export type { EnvFromOptions, ExistingPodDefaultOptions, IPodDefault, LabelRequirement, PodDefaultProps, PodDefaultSelector } from './pod-default';
export { Tenant, TenantPlugin, TenantRole } from './tenant';
export type { AwsIamForServiceAccountOptions, Contributor, ITenant, TenantProps, TenantQuota } from './tenant';
