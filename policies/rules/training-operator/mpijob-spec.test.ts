import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

describe('training-operator/mpijob-spec', () => {
  test('rejects what the MPIJob controller refuses to run', () => {
    const findings = ruleFindings('training-operator/mpijob-spec',
      job('MPIJob', { launcher: replica(1, 'mpi'), Worker: replica(2, { name: 'mpi' }, { image: 'x' }) }),
      job('MPIJob', { Launcher: replica(2, 'mpi'), Worker: replica(2) }));
    expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.mpiReplicaSpecs: has no Launcher: an MPIJob needs one (it runs mpirun)',
      '.spec.mpiReplicaSpecs.launcher: replica type "launcher" is not one of MPIJob\'s: Launcher and Worker',
      '.spec.mpiReplicaSpecs.Worker.template.spec.containers[0].image: container "mpi" of Worker has no image',
      '.spec.mpiReplicaSpecs.Worker.template.spec.containers[1].name: container 1 of Worker has no name',
      '.spec.mpiReplicaSpecs.Launcher.replicas: must be 1, got 2: the operator runs exactly one Launcher',
      '.spec.mpiReplicaSpecs.Worker.template.spec.containers: Worker has no containers',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  test('accepts a launcher (its replicas defaulted) and workers', () => {
    expect(ruleFindings('training-operator/mpijob-spec', job('MPIJob', { Launcher: replica(undefined, 'mpi'), Worker: replica(4, 'mpi') }))).toEqual([]);
  });
});
