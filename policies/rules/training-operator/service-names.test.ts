import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const name = 'n'.repeat(54); // + "-worker-9" = 63

describe('training-operator/service-names', () => {
  test('rejects a name whose last worker Service would exceed 63 characters', () => {
    expect(ruleFindings('training-operator/service-names', job('JAXJob', { Worker: replica(11, 'jax') }, {}, name))).toEqual([expect.objectContaining({
      path: '.metadata.name',
      message: `"${name}" is too long: the operator names a pod and Service "${name}-worker-10" (64 characters), and at most 63 are allowed`,
      fix: 'shorten the name to at most 53 characters',
    })]);
  });

  test('counts the elastic maxReplicas of the workers', () => {
    const elastic = (max: number) => job('PyTorchJob', { Worker: replica(2, 'pytorch') }, { elasticPolicy: { minReplicas: 1, maxReplicas: max } }, name);
    expect(ruleFindings('training-operator/service-names', elastic(10))).toEqual([]);
    expect(ruleFindings('training-operator/service-names', elastic(11))).toHaveLength(1);
  });

  test('accepts names that leave room; the MPI operator creates no Services', () => {
    expect(ruleFindings('training-operator/service-names', job('JAXJob', { Worker: replica(10, 'jax') }, {}, name))).toEqual([]);
    expect(ruleFindings('training-operator/service-names', job('MPIJob', { Worker: replica(11, 'mpi') }, {}, name))).toEqual([]);
  });
});
