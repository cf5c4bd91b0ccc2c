import { HealthModel, p } from '../../model';

/**
 * PersistentVolumeClaim: Argo CD's built-in check (gitops-engine getPVCHealth) is used: phase
 * Bound → Healthy, Pending → Progressing (also while a WaitForFirstConsumer class waits for its
 * pod), Lost → Degraded, no phase → Unknown. Ours says the same, with messages.
 */
export const MODEL: HealthModel = {
  group: '',
  kind: 'PersistentVolumeClaim',
  argocd: 'builtin',
  notes: 'PersistentVolumeClaim: Argo CD built-in (Bound → Healthy, Pending → Progressing, Lost → Degraded).',
  rules: [
    { when: { field: p('status.phase'), equals: 'Bound' }, status: 'Healthy', message: ['bound to ', { field: p('spec.volumeName') }] },
    { when: { field: p('status.phase'), equals: 'Pending' }, status: 'Progressing', message: ['waiting for a volume (Pending)'] },
    { when: { field: p('status.phase'), equals: 'Lost' }, status: 'Degraded', message: ['its volume is lost'] },
  ],
  otherwise: { status: 'Unknown', message: ['no phase reported'] },
};
