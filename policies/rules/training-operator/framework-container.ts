import { asObject } from '../json';
import { Rule } from '../rule';
import { containersOf, containersPath, JOB_KINDS, jobKinds, replicasOf, WEBHOOK_KINDS } from './jobs';
import { namesOf } from './wording';

export const frameworkContainerRule: Rule = {
  id: 'training-operator/framework-container',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds(...WEBHOOK_KINDS),
  summary: 'Every replica of a v1 job has a container named for its framework: `pytorch`, `tensorflow`, `xgboost`, `paddle` or `jax`.',
  why: 'The operator sets the framework\'s environment and ports (MASTER_ADDR, TF_CONFIG, …) in that container only and reads its exit code; the webhook rejects a replica without it.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validatePyTorchReplicaSpecs, and the same check of the tensorflow, xgboost, paddlepaddle and jax webhooks',
  *check(job) {
    const name = JOB_KINDS[job.kind].container;
    for (const r of replicasOf(job)) {
      const containers = containersOf(r);
      if (containers.length === 0) {
        yield { path: containersPath(r), message: `${r.type} has no containers`, fix: `add the training container, named "${name}"` };
      } else if (!containers.some((c) => asObject(c)?.name === name)) {
        yield {
          path: containersPath(r),
          message: `no container of ${r.type} is named "${name}" (it has ${namesOf(containers)})`,
          fix: `name the training container "${name}": the operator configures ${job.kind}s through it`,
        };
      }
    }
  },
};
