// The replica counts the webhooks check: a PyTorchJob's or XGBoostJob's one Master, a
// PyTorchJob's workers, an XGBoostJob's required Master, a TFJob's one Chief or Master.
import { asInt, path } from '../json';
import { Rule } from '../rule';
import { JOB_KINDS, jobKinds, replicasOf, specOf } from './jobs';

export const masterReplicasRule: Rule = {
  id: 'training-operator/master-replicas',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob', 'XGBoostJob'),
  summary: 'The Master of a PyTorchJob or XGBoostJob sets `replicas: 1`.',
  why: 'The Master is rank 0 (PyTorch) or the tracker (XGBoost), of which there is one. The webhook rejects any other count, and a missing one: it validates before the operator defaults replicas.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validatePyTorchReplicaSpecs; pkg/webhooks/xgboost/xgboostjob_webhook.go validateXGBReplicaSpecs',
  *check(job) {
    const master = replicasOf(job).find((r) => r.type === 'Master');
    if (!master) return;
    const n = master.spec.replicas;
    if (n === 1) return;
    yield {
      path: path(...master.at, 'replicas'),
      message: n === undefined ? 'is not set, and the webhook requires 1 (it checks before replicas are defaulted)' : `must be 1, got ${JSON.stringify(n)}: the operator runs exactly one Master`,
      fix: 'set replicas: 1, and add capacity through the workers',
    };
  },
};

export const pytorchWorkerReplicasRule: Rule = {
  id: 'training-operator/pytorchjob-worker-replicas',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob'),
  summary: 'A PyTorchJob\'s Worker runs at least one replica.',
  why: 'The webhook rejects a PyTorchJob whose workers are set to fewer than one.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validatePyTorchReplicaSpecs',
  *check(job) {
    for (const r of replicasOf(job)) {
      const n = asInt(r.spec.replicas);
      if (r.type === 'Master' || n === undefined || n >= 1) continue;
      yield { path: path(...r.at, 'replicas'), message: `must be at least 1, got ${n}`, fix: `run at least 1 ${r.type.toLowerCase()}, or remove the ${r.type} replica spec` };
    }
  },
};

export const xgboostMasterRule: Rule = {
  id: 'training-operator/xgboostjob-master',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('XGBoostJob'),
  summary: 'An XGBoostJob has a Master replica spec.',
  why: 'The Master is the tracker that the workers report to; the webhook rejects an XGBoostJob without one.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/xgboost/xgboostjob_webhook.go validateXGBReplicaSpecs',
  *check(job) {
    const specs = specOf(job)[JOB_KINDS.XGBoostJob.specsField];
    if (specs === undefined || replicasOf(job).some((r) => r.type === 'Master')) return;
    yield { path: path('spec', JOB_KINDS.XGBoostJob.specsField), message: 'has no Master: an XGBoostJob needs one (the tracker)', fix: 'add a Master replica spec with replicas: 1 (and Worker for more trainers)' };
  },
};

export const tfChiefRule: Rule = {
  id: 'training-operator/tfjob-chief',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('TFJob'),
  summary: 'A TFJob has at most one of the Chief and Master replica types.',
  why: 'Both name the coordinating task, of which TensorFlow has one; the webhook rejects a TFJob with both.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/tensorflow/tfjob_webhook.go validateTFReplicaSpecs',
  *check(job) {
    const chiefs = replicasOf(job).filter((r) => r.type === 'Chief' || r.type === 'Master');
    if (chiefs.length < 2) return;
    yield { path: path('spec', JOB_KINDS.TFJob.specsField), message: 'has both Chief and Master: a TFJob has one coordinating task', fix: 'keep the Chief, and remove the Master (or run its pods as workers)' };
  },
};

export const tfSingleReplicaRule: Rule = {
  id: 'training-operator/tfjob-single-replicas',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('TFJob'),
  summary: 'A TFJob runs at most one Chief and one Evaluator replica, and does not set its Chief or Master to 0 replicas.',
  why: 'TensorFlow allows one chief and one evaluator in TF_CONFIG, and fails every task otherwise ("There must be at most one \'chief\' job"); with 0 Chief replicas the operator marks the job succeeded at once, as it follows the Chief. The webhook checks neither.',
  source: 'tensorflow python/distribute/multi_worker_util.py _validate_cluster_spec; kubeflow/training-operator v1.9.4 pkg/controller.v1/tensorflow/tfjob_controller.go UpdateJobStatus',
  *check(job) {
    for (const r of replicasOf(job)) {
      const n = asInt(r.spec.replicas) ?? 1;
      const where = path(...r.at, 'replicas');
      if ((r.type === 'Chief' && n > 1) || (r.type === 'Evaluator' && n > 1)) {
        yield { path: where, message: `must be at most 1, got ${n}: TensorFlow allows one ${r.type.toLowerCase()} task`, fix: r.type === 'Chief' ? 'set replicas: 1, and add capacity through the workers' : 'set replicas: 1' };
      } else if ((r.type === 'Chief' || r.type === 'Master') && n === 0) {
        yield { path: where, message: `is 0: the operator follows the ${r.type}, and with none to run it marks the job succeeded without training`, fix: `set replicas: 1, or remove the ${r.type} (worker 0 then coordinates)` };
      }
    }
  },
};
