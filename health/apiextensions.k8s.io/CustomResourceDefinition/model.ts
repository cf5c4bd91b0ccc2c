import { HealthModel, p } from '../../model';

const msg = (type: string) => ({ conditionField: 'message' as const, type });

/**
 * CustomResourceDefinition: Argo CD's built-in check (the health.lua Argo CD embeds,
 * resource_customizations/apiextensions.k8s.io/CustomResourceDefinition) is used: Terminating →
 * Progressing; names not accepted or a non-structural schema → Degraded; Established → Healthy;
 * anything else (no conditions yet, Installing) → Progressing. Ours says the same. The API
 * server writes a CRD's status when it creates it (storedVersions, acceptedNames), so "no status
 * yet" means no conditions yet; Argo CD's script fails on a CRD with no status at all, which a
 * live one never is.
 */
export const MODEL: HealthModel = {
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  argocd: 'builtin',
  notes: 'CustomResourceDefinition: Argo CD built-in (names not accepted or non-structural → Degraded, Established → Healthy, else Progressing).',
  rules: [
    { when: { condition: 'Terminating', status: 'True' }, status: 'Progressing', message: ['terminating: ', msg('Terminating')] },
    { when: { condition: 'NamesAccepted', status: 'False' }, status: 'Degraded', message: ['names not accepted: ', msg('NamesAccepted')] },
    { when: { condition: 'NonStructuralSchema', status: 'True' }, status: 'Degraded', message: ['schema violations: ', msg('NonStructuralSchema')] },
    { when: { condition: 'Established', status: 'True' }, status: 'Healthy', message: ['established'] },
    { when: { condition: 'Established', reasonIn: ['InvalidCABundle'] }, status: 'Degraded', message: ['not established: ', msg('Established')] },
    { when: { absent: p('status.conditions') }, status: 'Progressing', message: ['waiting for the API server to establish it'] },
  ],
  otherwise: { status: 'Progressing', message: ['not established yet'] },
};
