import { HealthModel, p } from '../../model';

/**
 * KServe v1alpha1 ServingRuntime: its status is empty (nothing reports on it); `spec.disabled` takes it
 * out of model placement, which Argo CD (no check of its own) would not show: emitted.
 */
export const MODEL: HealthModel = {
  group: 'serving.kserve.io',
  kind: 'ServingRuntime',
  argocd: 'lua',
  notes: 'ServingRuntime: spec.disabled → Suspended; else Healthy once it exists.',
  rules: [{ when: { field: p('spec.disabled'), equals: true }, status: 'Suspended', message: ['disabled (spec.disabled)'] }],
  otherwise: { status: 'Healthy', message: ['ServingRuntime exists'] },
};
