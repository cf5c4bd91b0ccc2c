import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

describe('training-operator/replica-types', () => {
  test('rejects a misspelt or foreign replica type', () => {
    const findings = ruleFindings('training-operator/replica-types', job('PyTorchJob', { worker: replica(2, 'pytorch'), Chief: replica(1, 'pytorch') }));
    expect(findings.map((f) => [f.path, f.message, f.fix])).toEqual([
      ['.spec.pytorchReplicaSpecs.worker', 'replica type "worker" is not one of PyTorchJob\'s: Master and Worker', 'spell it "Worker" (replica types are case-sensitive)'],
      ['.spec.pytorchReplicaSpecs.Chief', 'replica type "Chief" is not one of PyTorchJob\'s: Master and Worker', 'use Master or Worker, or remove it'],
    ]);
    expect(ruleFindings('training-operator/replica-types', job('JAXJob', { Master: replica(1, 'jax') }))[0].message).toBe('replica type "Master" is not one of JAXJob\'s: Worker');
  });

  test('accepts the framework\'s types; the TFJob webhook checks none', () => {
    expect(ruleFindings('training-operator/replica-types', job('XGBoostJob', { Master: replica(1, 'xgboost'), Worker: replica(2, 'xgboost') }))).toEqual([]);
    expect(ruleFindings('training-operator/replica-types', job('TFJob', { Trainer: replica(1, 'tensorflow') }))).toEqual([]);
  });
});
