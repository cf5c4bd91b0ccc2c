import { f, HealthModel, Message, MessagePart, noStatusYet, p, Path, Rule } from '../../model';

/**
 * Progressing while `a < b`, where an absent `a` reads as 0 (the API server omits zero counts,
 * Argo CD's Go types read them as 0) and `b` is a count ≥ 1.
 */
const fewer = (a: Path, b: Path, message: (count: MessagePart) => Message): Rule[] => [
  { when: { field: a, lessThan: b }, status: 'Progressing', message: message(f(a)) },
  { when: { all: [{ absent: a }, { exists: b }, { not: { field: b, lessThan: 1 } }] }, status: 'Progressing', message: message('0') },
];

/**
 * apps/v1 Deployment: Argo CD's built-in check (gitops-engine getDeploymentHealth, after
 * kubectl's rollout status) is used: paused → Suspended; generation not yet observed →
 * Progressing; Progressing condition ProgressDeadlineExceeded → Degraded; fewer updated
 * replicas than wanted, old replicas left, or updated ones not yet available → Progressing;
 * else Healthy. Ours says the same, with messages.
 */
export const MODEL: HealthModel = {
  group: 'apps',
  kind: 'Deployment',
  argocd: 'builtin',
  notes: 'Deployment: Argo CD built-in (paused → Suspended, ProgressDeadlineExceeded → Degraded, rollout not finished → Progressing).',
  rules: [
    { when: { field: p('spec.paused'), equals: true }, status: 'Suspended', message: ['paused'] },
    noStatusYet('deployment controller'),
    ...fewer(p('status.observedGeneration'), p('metadata.generation'), (n) => ['waiting for the deployment controller to observe generation ', f('metadata.generation'), ' (observed ', n, ')']),
    { when: { condition: 'Progressing', reasonIn: ['ProgressDeadlineExceeded'] }, status: 'Degraded', message: ['exceeded its progress deadline: ', { conditionField: 'message', type: 'Progressing' }] },
    ...fewer(p('status.updatedReplicas'), p('spec.replicas'), (n) => ['waiting for rollout: ', n, ' of ', f('spec.replicas'), ' new replicas updated']),
    ...fewer(p('status.updatedReplicas'), p('status.replicas'), () => ['waiting for rollout: old replicas pending termination']),
    ...fewer(p('status.availableReplicas'), p('status.updatedReplicas'), (n) => ['waiting for rollout: ', n, ' of ', f('status.updatedReplicas'), ' updated replicas available']),
    { when: { field: p('spec.replicas'), equals: 0 }, status: 'Healthy', message: ['scaled to zero'] },
  ],
  otherwise: { status: 'Healthy', message: ['rolled out: ', f('status.availableReplicas'), ' replica(s) available'] },
};
