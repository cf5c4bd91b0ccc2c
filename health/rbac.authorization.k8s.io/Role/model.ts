import { presentIsHealthy } from '../../model';

/** Role has no status: present is healthy. Argo CD shows no health (the same); not emitted. */
export const MODEL = presentIsHealthy('rbac.authorization.k8s.io', 'Role', 'none', 'Role: no status; healthy once it exists. Not emitted: a Kubernetes kind.');
