import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Gpu } from '../core';
import { MPIJob, MPIJobProps } from './mpi-job';
import { RestartPolicy } from './replica';

const image = 'mpioperator/tensorflow-benchmarks:latest';

describe('MPIJob', () => {
  test('launcher and GPU workers in container "mpi", slots per worker; schema-valid', () => {
    const stack = testStack();
    new MPIJob(stack, 'horovod', {
      launcher: { image, command: ['mpirun', '-np', '8', 'python', 'train.py'] },
      worker: { image, replicas: 2, resources: { gpu: Gpu.nvidia(4) } },
      slotsPerWorker: 4,
    });
    const spec = manifest(stack, 'MPIJob').spec;
    expect(spec.slotsPerWorker).toBe(4);
    expect(spec.mpiReplicaSpecs.Launcher).toMatchObject({ replicas: 1, restartPolicy: 'Never' });
    expect(spec.mpiReplicaSpecs.Launcher.template.spec.containers[0]).toMatchObject({ name: 'mpi', command: ['mpirun', '-np', '8', 'python', 'train.py'] });
    expect(spec.mpiReplicaSpecs.Worker.template.spec.containers[0].name).toBe('mpi');
    expectSchemaValid(stack);
  });

  test('the container name can be chosen (the MPI controller configures the first container), and is rendered as mainContainer', () => {
    const stack = testStack();
    new MPIJob(stack, 'deepspeed', {
      containerName: 'deepspeed',
      launcher: { image, command: ['mpirun', 'python', 'train.py'] },
      worker: {
        image, command: ['/usr/sbin/sshd', '-De'],
        securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'SYS_CHROOT', 'SETUID', 'SETGID', 'CHOWN', 'AUDIT_WRITE'] } },
      },
      pod: { sidecars: [{ name: 'dcgm-exporter', image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.5-3.4.0-ubuntu22.04' }] },
    });
    const spec = manifest(stack, 'MPIJob').spec;
    expect(spec.mainContainer).toBe('deepspeed');
    const worker = spec.mpiReplicaSpecs.Worker.template.spec;
    expect(worker.containers.map((c: any) => c.name)).toEqual(['deepspeed']);
    expect(worker.containers[0].securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE', 'SYS_CHROOT', 'SETUID', 'SETGID', 'CHOWN', 'AUDIT_WRITE'], drop: ['ALL'] });
    expect(worker.initContainers).toMatchObject([{ name: 'dcgm-exporter', restartPolicy: 'Always' }]);
    expectSchemaValid(stack);
    // The default name renders no mainContainer.
    const plain = testStack();
    new MPIJob(plain, 'plain', { launcher: { image }, worker: { image } });
    expect(manifest(plain, 'MPIJob').spec.mainContainer).toBeUndefined();
  });

  test('ExitCode restarts need the default container name: the operator reads only the exit code of "mpi"', () => {
    const e = constructError(() => new MPIJob(testStack(), 'x', { containerName: 'ds', launcher: { image }, worker: { image, restartPolicy: RestartPolicy.EXIT_CODE } }));
    expect(e.field).toBe('worker.restartPolicy');
    expect(e.problem).toBe('is ExitCode, but the operator reads the exit code only of a container named "mpi", not "ds"');
    expect(constructError(() => new MPIJob(testStack(), 'y', { containerName: 'Bad_Name', launcher: { image }, worker: { image } })).field).toBe('containerName');
  });

  test.each<[string, Partial<MPIJobProps>, string, string]>([
    ['no launcher', { worker: { image } }, 'launcher', 'an MPIJob needs a launcher'],
    ['no workers', { launcher: { image } }, 'worker', 'an MPIJob needs workers'],
    ['zero workers', { launcher: { image }, worker: { image, replicas: 0 } }, 'worker.replicas', 'must be at least 1'],
    ['zero slots', { launcher: { image }, worker: { image }, slotsPerWorker: 0 }, 'slotsPerWorker', 'must be a whole number ≥ 1'],
  ])('rejects %s at construction', (_what, props, field, problem) => {
    const e = constructError(() => new MPIJob(testStack(), 'mpi', props as MPIJobProps));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('synth reports two launchers, and more slots than GPUs', () => {
    const stack = testStack();
    new MPIJob(stack, 'mpi', { launcher: { image, replicas: 2 }, worker: { image, resources: { gpu: Gpu.nvidia(2) } }, slotsPerWorker: 4 });
    expect(policyFindings(stack, 'training-operator/').map((f) => `${f.construct}: ${f.rule}: ${f.path}: ${f.message}`)).toEqual([
      'test/mpi: training-operator/mpijob-spec: .spec.mpiReplicaSpecs.Launcher.replicas: must be 1, got 2: the operator runs exactly one Launcher',
      'test/mpi: training-operator/processes-fit-gpus: .spec.mpiReplicaSpecs.Worker.template.spec.containers[0].resources.limits["nvidia.com/gpu"]: slotsPerWorker starts 4 processes per worker pod, but each pod has only 2 GPUs',
    ]);
  });
});
