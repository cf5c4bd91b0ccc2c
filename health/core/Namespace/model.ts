import { HealthModel, p } from '../../model';

/**
 * Namespace: status.phase Active or Terminating. Argo CD has no check and shows no health (a
 * terminating one is "Pending deletion" by Argo CD's own rule); an argocd-cm key for a core kind
 * would change every Namespace of every app on the cluster, so it is not emitted.
 */
export const MODEL: HealthModel = {
  group: '',
  kind: 'Namespace',
  argocd: 'none',
  notes: 'Namespace: phase Active → Healthy, Terminating → Progressing (no phase: Healthy, as Argo CD). Not emitted: a core kind, Argo CD shows no health.',
  rules: [
    { when: { field: p('status.phase'), equals: 'Terminating' }, status: 'Progressing', message: ['terminating'] },
    { when: { field: p('status.phase'), equals: 'Active' }, status: 'Healthy', message: ['active'] },
  ],
  // The API server sets phase Active when it creates the namespace: a live one always has a phase.
  otherwise: { status: 'Healthy', message: ['exists'] },
};
