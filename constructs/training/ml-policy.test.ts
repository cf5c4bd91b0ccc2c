import { Duration } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { MlFramework, MlPolicy, MpiImplementation, NetworkTopologyMode, PodGroupPolicy } from './ml-policy';

describe('MlPolicy', () => {
  test('torch, jax and xgboost render their (empty) plugin section and the node count', () => {
    expect(MlPolicy.torch({ numNodes: 2 })._render()).toEqual({ numNodes: 2, torch: {} });
    expect(MlPolicy.jax()._render()).toEqual({ numNodes: undefined, jax: {} });
    expect(MlPolicy.xgboost().framework).toBe(MlFramework.XGBOOST);
    expect(MlPolicy.plain({ numNodes: 3 })._render()).toEqual({ numNodes: 3 });
  });

  test('mpi renders slots, implementation (Open MPI by default), SSH path and launcher-as-node', () => {
    const p = MlPolicy.mpi({ numNodes: 2, numProcPerNode: 4, sshAuthMountPath: '/home/mpiuser/.ssh', runLauncherAsNode: true, implementation: MpiImplementation.OPEN_MPI });
    expect(p._render()).toEqual({
      numNodes: 2, mpi: { numProcPerNode: 4, mpiImplementation: 'OpenMPI', sshAuthMountPath: '/home/mpiuser/.ssh', runLauncherAsNode: true },
    });
    expect(p.numProcPerNode).toBe(4);
    expect(p.runLauncherAsNode).toBe(true);
    expect(MlPolicy.mpi()._render()).toEqual({ numNodes: undefined, mpi: { mpiImplementation: 'OpenMPI' } });
  });

  test.each([
    [MlPolicy.torch({ numNodes: 0 }), 'mlPolicy.numNodes', 'must be a whole number ≥ 1, got 0'],
    [MlPolicy.mpi({ numProcPerNode: 1.5 }), 'mlPolicy.numProcPerNode', 'got 1.5'],
    [MlPolicy.mpi({ sshAuthMountPath: '.ssh' }), 'mlPolicy.sshAuthMountPath', 'is not absolute'],
  ])('rejects %#', (policy, field, problem) => {
    const e = constructError(() => policy._validate(testStack(), 'mlPolicy'));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});

describe('PodGroupPolicy', () => {
  test('coscheduling with a timeout, volcano with a network topology', () => {
    expect(PodGroupPolicy.coscheduling({ scheduleTimeout: Duration.minutes(5) })._render()).toEqual({ coscheduling: { scheduleTimeoutSeconds: 300 } });
    expect(PodGroupPolicy.volcano({ networkTopology: { mode: NetworkTopologyMode.HARD, highestTierAllowed: 2 } })._render())
      .toEqual({ volcano: { networkTopology: { mode: 'hard', highestTierAllowed: 2 } } });
  });

  test('rejects a zero tier and a sub-second timeout', () => {
    expect(constructError(() => PodGroupPolicy.volcano({ networkTopology: { highestTierAllowed: 0 } })._validate(testStack(), 'p')).field).toBe('p.networkTopology.highestTierAllowed');
    expect(constructError(() => PodGroupPolicy.coscheduling({ scheduleTimeout: Duration.millis(10) })._validate(testStack(), 'p')).field).toBe('p.scheduleTimeout');
  });
});
