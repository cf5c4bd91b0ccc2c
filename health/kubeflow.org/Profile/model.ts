import { f, HealthModel, p } from '../../model';

/**
 * Kubeflow Profile (kubeflow/kubeflow profile-controller). The controller writes no success
 * status: it creates the namespace named after the profile (then its service accounts, role
 * bindings and plugins) and, as the last step of a successful reconcile, adds its finalizer
 * `profile-finalizer`. On failure (namespace not created in time, or owned by someone else) it
 * appends a condition `{type: Failed, message}` and returns before the finalizer. So: finalizer
 * → Healthy (the namespace exists); Failed → Degraded; else Progressing. Argo CD's default
 * (no check) would treat a new Profile as healthy at once and apply the objects of the next
 * sync wave into a namespace that does not exist yet: emitted.
 */
export const MODEL: HealthModel = {
  group: 'kubeflow.org',
  kind: 'Profile',
  argocd: 'lua',
  notes: 'Profile: profile-finalizer present → Healthy (namespace created); a Failed condition → Degraded; else Progressing, so sync waves wait for the namespace.',
  rules: [
    { when: { field: p('metadata.finalizers'), contains: 'profile-finalizer' }, status: 'Healthy', message: ['namespace ', f('metadata.name'), ' is ready'] },
    { when: { condition: 'Failed' }, status: 'Degraded', message: [{ conditionField: 'message', type: 'Failed' }] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for the profile controller to create namespace ', f('metadata.name')] },
};
