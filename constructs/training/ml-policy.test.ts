import { Duration } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { Release } from '../core';
import { MlFramework, MlPolicy, MpiImplementation, NetworkTopologyMode, PodGroupPolicy } from './ml-policy';
import { NprocPerNode } from './pytorch-job';

/** A stack whose platform runs Kubeflow Trainer `trainer`. */
const trainerAt = (trainer: string) => testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ trainer }) });

describe('MlPolicy', () => {
  test('torch, jax and xgboost render their (empty) plugin section and the node count', () => {
    expect(MlPolicy.torch({ numNodes: 2 })._render()).toEqual({ numNodes: 2, torch: {} });
    expect(MlPolicy.jax()._render()).toEqual({ numNodes: undefined, jax: {} });
    expect(MlPolicy.xgboost().framework).toBe(MlFramework.XGBOOST);
    expect(MlPolicy.plain({ numNodes: 3 })._render()).toEqual({ numNodes: 3 });
  });

  test('mpi renders slots, implementation, SSH path and launcher-as-node when given; the trainer\'s defaults (Open MPI, …) are not rendered', () => {
    const p = MlPolicy.mpi({ numNodes: 2, numProcPerNode: 4, sshAuthMountPath: '/home/mpiuser/.ssh', runLauncherAsNode: true, implementation: MpiImplementation.OPEN_MPI });
    expect(p._render()).toEqual({
      numNodes: 2, mpi: { numProcPerNode: 4, mpiImplementation: 'OpenMPI', sshAuthMountPath: '/home/mpiuser/.ssh', runLauncherAsNode: true },
    });
    expect(p.numProcPerNode).toBe(4);
    expect(p.runLauncherAsNode).toBe(true);
    expect(JSON.parse(JSON.stringify(MlPolicy.mpi()._render()))).toEqual({ mpi: {} });
  });

  describe('torch numProcPerNode: the runtime\'s before Trainer 2.2.0 (int or auto/gpu/cpu), gone since', () => {
    test('before 2.2.0 it renders a count as an int and the others as their names', () => {
      for (const version of ['2.0.0', '2.1.0']) {
        const stack = trainerAt(version);
        const count = MlPolicy.torch({ numProcPerNode: 4 });
        count._validate(stack, 'mlPolicy');
        expect(count._render()).toEqual({ numNodes: undefined, torch: { numProcPerNode: 4 } });
        expect(count.numProcPerNode).toBe(4);
        expect(MlPolicy.torch({ numProcPerNode: NprocPerNode.count(8) })._render().torch).toEqual({ numProcPerNode: 8 });
        const auto = MlPolicy.torch({ numProcPerNode: NprocPerNode.auto() });
        auto._validate(stack, 'mlPolicy');
        expect(auto._render().torch).toEqual({ numProcPerNode: 'auto' });
        expect(auto.numProcPerNode).toBeUndefined();
        expect(MlPolicy.torch({ numProcPerNode: NprocPerNode.gpu() })._render().torch).toEqual({ numProcPerNode: 'gpu' });
      }
    });

    test.each(['2.2.0', '2.3.0'])('with Trainer %s it is an error that points to the TrainJob', (version) => {
      const e = constructError(() => MlPolicy.torch({ numProcPerNode: 4 })._validate(trainerAt(version), 'mlPolicy'));
      expect(e.field).toBe('mlPolicy.numProcPerNode');
      expect(e.problem).toContain('is gone from the torch policy since Kubeflow Trainer 2.2.0');
      expect(e.problem).toContain(`Kubeflow Trainer ${version}`);
      expect(e.fix).toContain('trainer.numProcPerNode');
    });

    test('the default release (Trainer 2.2.0) has none', () => {
      expect(constructError(() => MlPolicy.torch({ numProcPerNode: NprocPerNode.auto() })._validate(testStack(), 'mlPolicy')).field).toBe('mlPolicy.numProcPerNode');
    });
  });

  describe('torch envInjection (Trainer 2.3.0)', () => {
    test('renders the targets by step', () => {
      const p = MlPolicy.torch({ envInjection: [{ step: 'node', containers: ['preflight', 'metrics'] }] });
      p._validate(trainerAt('2.3.0'), 'mlPolicy');
      expect(p._render().torch).toEqual({ envInjection: { targets: [{ jobName: 'node', containerNames: ['preflight', 'metrics'] }] } });
    });

    test('needs Trainer 2.3.0: the error names the version and the preset that has it', () => {
      const e = constructError(() => MlPolicy.torch({ envInjection: [{ step: 'node', containers: ['x'] }] })._validate(testStack(), 'mlPolicy'));
      expect(e.field).toBe('mlPolicy.envInjection');
      expect(e.problem).toContain('needs Kubeflow Trainer 2.3.0 or later');
      expect(e.fix).toContain('newest');
    });

    test.each<[object[], string, string]>([
      [[], 'mlPolicy.envInjection', 'has 0 targets'],
      [[{ step: 'node', containers: ['node'] }], 'mlPolicy.envInjection.node.containers', 'always gets the PET_* variables'],
      [[{ step: 'node', containers: [] }], 'mlPolicy.envInjection.node.containers', 'has 0 containers'],
      [[{ step: 'node', containers: ['a'] }, { step: 'node', containers: ['b'] }], 'mlPolicy.envInjection.node', 'listed twice'],
      [[{ step: 'node', containers: ['a', 'a'] }], 'mlPolicy.envInjection.node.containers', 'lists a container twice'],
      [[{ step: 'Node', containers: ['a'] }], 'mlPolicy.envInjection.Node', 'not a valid DNS-1123 label'],
    ])('rejects %j', (envInjection, field, problem) => {
      const e = constructError(() => MlPolicy.torch({ envInjection: envInjection as never })._validate(trainerAt('2.3.0'), 'mlPolicy'));
      expect(e.field).toBe(field);
      expect(e.problem).toContain(problem);
    });
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
