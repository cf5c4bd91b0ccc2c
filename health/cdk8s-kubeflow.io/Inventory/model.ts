import { HealthModel, noStatusYet, Rule, staleGeneration } from '../../model';

const when = (type: string, status: Rule['status'], prefix: string): Rule => ({
  when: { condition: type, status: 'True' }, status, message: [prefix, { conditionField: 'message', type }],
});

/**
 * Inventory (ours, manifest/inventory.ts): the reconciler's report on a stack, with kstatus
 * conditions. Read as kstatus does: Stalled=True → Degraded, Reconciling=True → Progressing,
 * Ready=True → Healthy, each with the condition's message. Argo CD has no check, so the key is
 * emitted: an app of the stack (or the app-of-apps) then shows the stack's health.
 */
export const MODEL: HealthModel = {
  group: 'cdk8s-kubeflow.io',
  kind: 'Inventory',
  argocd: 'lua',
  notes: "Inventory: the reconciler's kstatus conditions (Stalled → Degraded, Reconciling → Progressing, Ready → Healthy), so Argo CD shows a stack's health.",
  rules: [
    noStatusYet('reconciler'),
    staleGeneration(),
    when('Stalled', 'Degraded', 'stalled: '),
    when('Reconciling', 'Progressing', 'reconciling: '),
    when('Ready', 'Healthy', ''),
    { when: { condition: 'Ready', status: 'False' }, status: 'Progressing', message: ['not ready: ', { conditionField: 'message', type: 'Ready' }] },
  ],
  // kstatus: no Ready condition yet is still in progress.
  otherwise: { status: 'Progressing', message: ['waiting for the reconciler to report Ready'] },
};

