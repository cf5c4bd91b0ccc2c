import { presentIsHealthy } from '../../model';

/** ClusterRoleBinding has no status: present is healthy. Argo CD shows no health (the same); not emitted. */
export const MODEL = presentIsHealthy('rbac.authorization.k8s.io', 'ClusterRoleBinding', 'none', 'ClusterRoleBinding: no status; healthy once it exists. Not emitted: a Kubernetes kind.');
