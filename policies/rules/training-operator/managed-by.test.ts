import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const withManager = (managedBy: string) => job('PyTorchJob', { Worker: replica(2, 'pytorch') }, { runPolicy: { managedBy } });

describe('training-operator/managed-by', () => {
  test('rejects a controller the operator does not know', () => {
    expect(ruleFindings('training-operator/managed-by', withManager('example.com/my-controller'))).toEqual([expect.objectContaining({
      path: '.spec.runPolicy.managedBy',
      message: '"example.com/my-controller" is not a controller the operator supports (kubeflow.org/training-operator, kueue.x-k8s.io/multikueue)',
    })]);
  });

  test('accepts the operator and MultiKueue', () => {
    expect(ruleFindings('training-operator/managed-by', withManager('kueue.x-k8s.io/multikueue'), withManager('kubeflow.org/training-operator'))).toEqual([]);
  });
});
