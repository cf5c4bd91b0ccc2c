import { HealthModel, p } from '../../model';

/**
 * v1 Service: Argo CD's built-in check (gitops-engine getServiceHealth) is used: a LoadBalancer
 * is Progressing until it has an ingress, every other type is Healthy. Ours says the same (the
 * API server omits an empty ingress list, so its presence is the test).
 */
export const MODEL: HealthModel = {
  group: '',
  kind: 'Service',
  argocd: 'builtin',
  notes: 'Service: Argo CD built-in (a LoadBalancer without an ingress → Progressing, else Healthy).',
  rules: [
    {
      when: { all: [{ field: p('spec.type'), equals: 'LoadBalancer' }, { absent: p('status.loadBalancer.ingress') }] },
      status: 'Progressing',
      message: ['waiting for a load balancer'],
    },
    { when: { field: p('spec.type'), equals: 'LoadBalancer' }, status: 'Healthy', message: ['load balancer ready'] },
  ],
  otherwise: { status: 'Healthy', message: ['Service exists'] },
};
