import { asObject, asString } from '../json';
import { Rule } from '../rule';
import { containersOf, containersPath, jobKinds, replicasOf, WEBHOOK_KINDS } from './jobs';

export const containerImageRule: Rule = {
  id: 'training-operator/container-image',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds(...WEBHOOK_KINDS),
  summary: 'Every container of a v1 job\'s replicas names an image.',
  why: 'The webhook rejects a container without an image; the pod could not run it anyway.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validatePyTorchReplicaSpecs, and the same check of the tensorflow, xgboost, paddlepaddle and jax webhooks',
  *check(job) {
    for (const r of replicasOf(job)) {
      for (const [i, c] of containersOf(r).entries()) {
        if (asString(asObject(c)?.image)) continue;
        const name = asString(asObject(c)?.name);
        yield { path: containersPath(r, i, 'image'), message: `container ${name ? `"${name}"` : i} of ${r.type} has no image`, fix: 'set the image the replica runs, e.g. "nvcr.io/nvidia/pytorch:24.05-py3"' };
      }
    }
  },
};
