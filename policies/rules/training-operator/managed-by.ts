import { asObject } from '../json';
import { Rule } from '../rule';
import { jobKinds, specOf, WEBHOOK_KINDS } from './jobs';

/** The job controllers the operator accepts in `runPolicy.managedBy` (KubeflowJobsController, MultiKueueController). */
const CONTROLLERS = ['kubeflow.org/training-operator', 'kueue.x-k8s.io/multikueue'];

export const managedByRule: Rule = {
  id: 'training-operator/managed-by',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds(...WEBHOOK_KINDS),
  summary: `A v1 job's \`runPolicy.managedBy\`, when set, is ${CONTROLLERS.map((c) => `\`${c}\``).join(' or ')}.`,
  why: 'It names the controller that runs the job; the webhook rejects any other value.',
  source: 'kubeflow/training-operator v1.9.4 pkg/common/util/webhooks.go ValidateRunPolicy',
  *check(job) {
    const value = asObject(specOf(job).runPolicy)?.managedBy;
    if (value === undefined || CONTROLLERS.includes(value as string)) return;
    yield {
      path: '.spec.runPolicy.managedBy',
      message: `${JSON.stringify(value)} is not a controller the operator supports (${CONTROLLERS.join(', ')})`,
      fix: 'leave managedBy unset (the training operator runs the job), or set kueue.x-k8s.io/multikueue to dispatch it through MultiKueue',
    };
  },
};
