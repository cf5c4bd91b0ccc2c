import { f, HealthModel, HealthStatus, noStatusYet, p, Rule } from '../../model';

const reported = (status: HealthStatus): Rule => ({ when: { field: p('status.health.status'), equals: status }, status, message: [f('status.health.message')] });

/**
 * Argo CD Application, as a child of the root app-of-apps: its health is what Argo CD itself
 * reports in status.health. Argo CD removed its built-in Application check (1.8), so without
 * this key a parent app counts its child apps healthy at once and a sync wave of apps does not
 * wait for the previous wave's apps. Emitted (Argo CD's documented app-of-apps setting); a
 * self-managing root app never counts itself (controller/health.go), and a child's Missing or
 * Unknown does not affect its parent.
 */
export const MODEL: HealthModel = {
  group: 'argoproj.io',
  kind: 'Application',
  argocd: 'lua',
  notes: "Application: the health Argo CD reports in status.health, so app-of-apps sync waves wait for the previous wave's apps.",
  rules: [
    noStatusYet('Argo CD application controller'),
    reported('Healthy'),
    reported('Progressing'),
    reported('Degraded'),
    reported('Suspended'),
    reported('Missing'),
    reported('Unknown'),
  ],
  otherwise: { status: 'Progressing', message: ['waiting for Argo CD to assess the application'] },
};
