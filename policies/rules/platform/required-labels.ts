import { Rule } from '../rule';
import { POD_KINDS } from './pod-templates';

export interface RequiredLabelsParams {
  /** Label keys every workload, claim and tenant carries. */
  readonly labels: readonly string[];
}

/** Templates others instantiate: the platform team's, not a team's spending. */
const TEMPLATES = new Set(['PodTemplate', 'PodDefault', 'TrainingRuntime', 'ClusterTrainingRuntime', 'ServingRuntime', 'ClusterServingRuntime']);

/**
 * Ownership labels on what costs money and on who owns it: everything that runs pods or claims
 * storage, and the tenants (Profile, Namespace). Configuration (RoleBindings, PodDefaults,
 * runtimes, Argo CD objects) belongs to the platform and is left out.
 */
export const requiredLabels: Rule<RequiredLabelsParams> = {
  id: 'platform/required-labels',
  category: 'platform',
  severity: 'error',
  appliesTo: [
    ...POD_KINDS.filter((k) => !TEMPLATES.has(k.kind)),
    { group: '', kind: 'PersistentVolumeClaim' },
    { group: '', kind: 'Namespace' },
    { group: 'kubeflow.org', kind: 'Profile' },
  ],
  summary: 'Every workload (pods, jobs, training jobs, TrainJobs, experiments, notebooks, InferenceServices), PersistentVolumeClaim, Profile and Namespace carries the configured labels (default team and cost-centre).',
  why: 'Cost reports, quotas and incident routing group by these labels: an unlabelled notebook or training job is spending nobody is accountable for, and cannot be found when its GPUs are needed back.',
  defaults: { labels: ['team', 'cost-centre'] },
  *check(object, { params }) {
    const labels = object.metadata?.labels ?? {};
    const missing = params.labels.filter((l) => typeof labels[l] !== 'string' || labels[l] === '');
    if (!missing.length) return;
    yield {
      path: '.metadata.labels',
      message: `has no ${missing.map((l) => `"${l}"`).join(', ')} label${missing.length > 1 ? 's' : ''}`,
      fix: `add ${missing.map((l) => `${l}: <value>`).join(', ')} to metadata.labels (in an app: the construct's \`metadata.labels\`, or the Stack's \`labels\` for every object of the stack)`,
    };
  },
};
