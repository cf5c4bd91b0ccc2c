import { path } from '../json';
import { Rule } from '../rule';
import { JOB_KINDS, jobKinds, replicasOf } from './jobs';
import { oneOf } from './wording';

export const replicaTypesRule: Rule = {
  id: 'training-operator/replica-types',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob', 'XGBoostJob', 'PaddleJob', 'JAXJob'),
  summary: 'A v1 job\'s replica specs are keyed by the framework\'s replica types, spelled exactly: Master and Worker (PyTorchJob, XGBoostJob, PaddleJob), Worker (JAXJob).',
  why: 'The webhook rejects any other key, including a lowercase `worker`: the operator knows the role of a replica only by its type.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validatePyTorchReplicaSpecs, and the same check of the xgboost, paddlepaddle and jax webhooks',
  *check(job) {
    const allowed = JOB_KINDS[job.kind].replicaTypes!;
    for (const r of replicasOf(job)) {
      if (allowed.includes(r.type)) continue;
      const same = allowed.find((t) => t.toLowerCase() === r.type.toLowerCase());
      yield {
        path: path(...r.at),
        message: `replica type "${r.type}" is not one of ${job.kind}'s: ${oneOf(allowed, 'and')}`,
        fix: same ? `spell it "${same}" (replica types are case-sensitive)` : `use ${oneOf(allowed)}, or remove it`,
      };
    }
  },
};
