import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const messages = (rule: string, ...objects: Parameters<typeof ruleFindings>[1][]) => ruleFindings(rule, ...objects).map((f) => `${f.path}: ${f.message}`);

describe('training-operator/master-replicas', () => {
  test('rejects a Master of more than one replica, or of none given', () => {
    expect(messages('training-operator/master-replicas', job('PyTorchJob', { Master: replica(2, 'pytorch') }), job('XGBoostJob', { Master: replica(undefined, 'xgboost') }))).toEqual([
      '.spec.pytorchReplicaSpecs.Master.replicas: must be 1, got 2: the operator runs exactly one Master',
      '.spec.xgbReplicaSpecs.Master.replicas: is not set, and the webhook requires 1 (it checks before replicas are defaulted)',
    ]);
  });

  test('accepts one Master', () => {
    expect(messages('training-operator/master-replicas', job('PyTorchJob', { Master: replica(1, 'pytorch'), Worker: replica(3, 'pytorch') }))).toEqual([]);
  });
});

describe('training-operator/pytorchjob-worker-replicas', () => {
  test('rejects zero workers', () => {
    expect(ruleFindings('training-operator/pytorchjob-worker-replicas', job('PyTorchJob', { Worker: replica(0, 'pytorch') }))).toEqual([expect.objectContaining({
      path: '.spec.pytorchReplicaSpecs.Worker.replicas', message: 'must be at least 1, got 0', fix: 'run at least 1 worker, or remove the Worker replica spec',
    })]);
  });

  test('accepts workers, or their count left to the default', () => {
    expect(messages('training-operator/pytorchjob-worker-replicas', job('PyTorchJob', { Worker: replica(undefined, 'pytorch') }), job('PyTorchJob', { Worker: replica(1, 'pytorch') }))).toEqual([]);
  });
});

describe('training-operator/xgboostjob-master', () => {
  test('rejects an XGBoostJob without a Master', () => {
    expect(messages('training-operator/xgboostjob-master', job('XGBoostJob', { Worker: replica(2, 'xgboost') }))).toEqual(['.spec.xgbReplicaSpecs: has no Master: an XGBoostJob needs one (the tracker)']);
  });

  test('accepts one with a Master', () => {
    expect(messages('training-operator/xgboostjob-master', job('XGBoostJob', { Master: replica(1, 'xgboost') }))).toEqual([]);
  });
});

describe('training-operator/tfjob-chief', () => {
  test('rejects a TFJob with both Chief and Master', () => {
    expect(messages('training-operator/tfjob-chief', job('TFJob', { Chief: replica(1, 'tensorflow'), Master: replica(1, 'tensorflow') }))).toEqual([
      '.spec.tfReplicaSpecs: has both Chief and Master: a TFJob has one coordinating task',
    ]);
  });

  test('accepts one of them', () => {
    expect(messages('training-operator/tfjob-chief', job('TFJob', { Chief: replica(1, 'tensorflow'), Worker: replica(2, 'tensorflow') }))).toEqual([]);
  });
});

describe('training-operator/tfjob-single-replicas', () => {
  test('rejects two chiefs, two evaluators and a chief of no replicas', () => {
    expect(messages('training-operator/tfjob-single-replicas',
      job('TFJob', { Chief: replica(2, 'tensorflow'), Evaluator: replica(2, 'tensorflow') }),
      job('TFJob', { Master: replica(0, 'tensorflow'), Worker: replica(2, 'tensorflow') }),
    )).toEqual([
      '.spec.tfReplicaSpecs.Chief.replicas: must be at most 1, got 2: TensorFlow allows one chief task',
      '.spec.tfReplicaSpecs.Evaluator.replicas: must be at most 1, got 2: TensorFlow allows one evaluator task',
      '.spec.tfReplicaSpecs.Master.replicas: is 0: the operator follows the Master, and with none to run it marks the job succeeded without training',
    ]);
  });

  test('accepts one chief (by default) and one evaluator, and any number of workers and parameter servers', () => {
    expect(messages('training-operator/tfjob-single-replicas', job('TFJob', { Chief: replica(undefined, 'tensorflow'), PS: replica(2, 'tensorflow'), Worker: replica(8, 'tensorflow'), Evaluator: replica(1, 'tensorflow') }))).toEqual([]);
  });
});
