import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { collectWarnings, Cpu, Gpu, Volume } from '../core';
import { Tenant } from '../tenancy';
import { MXNET_DEFAULT_PORT, MXNetClusterTrainingRuntime, MXNetRuntimeBaseProps, MXNetTrainingRuntime } from './mxnet-runtime';
import { TrainJob } from './train-job';

const image = 'mxnet/python:1.9.1_cpu_py3';
const worker = { image, command: ['python3', '/mxnet/example/image-classification/train_mnist.py', '--kv-store', 'dist_sync'] };
const JOBSET_NAME_LABEL = "metadata.labels['jobset.sigs.k8s.io/jobset-name']";

/** A replicated job's single container. */
const containerOf = (job: any) => job.template.spec.template.spec.containers[0];

/**
 * The env a container of a TrainJob's pods ends up with, as the kubelet builds it: in list order,
 * each `$(NAME)` expanded from the variables before it, field references read from the pod
 * (JobSet labels every pod with its JobSet's name, which is the TrainJob's).
 */
function podEnv(container: any, trainJobName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of container.env) {
    if (e.valueFrom) {
      expect(e.valueFrom).toEqual({ fieldRef: { fieldPath: JOBSET_NAME_LABEL } });
      env[e.name] = trainJobName;
    } else {
      env[e.name] = e.value.replace(/\$\(([^)]+)\)/g, (ref: string, name: string) => env[name] ?? ref);
    }
  }
  return env;
}

describe('MXNetClusterTrainingRuntime', () => {
  test('scheduler, servers and workers as replicated jobs; the workers are the trainer step; schema-valid, no finding', () => {
    const stack = testStack();
    const rt = new MXNetClusterTrainingRuntime(stack, 'MxnetDistributed', { worker: { ...worker, replicas: 3 }, server: { replicas: 2 } });
    const m = manifest(stack, 'ClusterTrainingRuntime');
    expect(m.metadata.name).toBe('mxnet-distributed');
    expect(m.metadata.labels['trainer.kubeflow.org/framework']).toBe('mxnet');
    expect(m.spec.mlPolicy).toEqual({ numNodes: 3 });
    const spec = m.spec.template.spec;
    // As MXJob: done when the scheduler is, which exits once every worker has finished.
    expect(spec.successPolicy).toEqual({ operator: 'All', targetReplicatedJobs: ['scheduler'] });
    expect(spec.replicatedJobs.map((j: any) => [j.name, j.template.metadata?.labels, containerOf(j).name, j.template.spec.parallelism, j.template.spec.completions])).toEqual([
      ['scheduler', undefined, 'scheduler', 1, 1],
      ['server', undefined, 'server', 2, 2],
      // The trainer sets the workers' parallelism from numNodes.
      ['node', { 'trainer.kubeflow.org/trainjob-ancestor-step': 'trainer' }, 'node', undefined, undefined],
    ]);
    for (const j of spec.replicatedJobs) {
      expect([j.name, j.template.spec.backoffLimit, j.template.spec.template.spec.restartPolicy]).toEqual([j.name, 0, 'Never']);
      expect(j.template.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    }
    const [scheduler, server, node] = spec.replicatedJobs.map(containerOf);
    expect([scheduler.image, scheduler.command, server.image, server.command, node.image, node.command]).toEqual([
      image, ['python3', '-c', 'import mxnet'], image, ['python3', '-c', 'import mxnet'], image, worker.command,
    ]);
    expect(scheduler.ports).toEqual([{ name: 'mxjob-port', containerPort: 9091 }]);
    expect(server.ports).toBeUndefined();
    expect(rt.details).toEqual(expect.objectContaining({ framework: 'plain', numNodes: 3, steps: ['scheduler', 'server', 'node'] }));
    expect(rt.kind).toBe('ClusterTrainingRuntime');
    expect(collectWarnings(stack)).toEqual([]);
    expectSchemaValid(stack);
    expect(policyFindings(stack)).toEqual([]);
  });

  test('every role gets the DMLC_* wiring, the scheduler\'s address as JobSet\'s DNS name of its pod, derived from the TrainJob\'s name', () => {
    const stack = testStack();
    new MXNetClusterTrainingRuntime(stack, 'Mxnet', { worker: { ...worker, replicas: 2, env: { PS_VERBOSE: '1' } }, server: { replicas: 3 } });
    const jobs = manifest(stack, 'ClusterTrainingRuntime').spec.template.spec.replicatedJobs;
    // TRAIN_JOB_NAME first: the kubelet expands $(TRAIN_JOB_NAME) only when it is defined earlier.
    expect(containerOf(jobs[0]).env.map((e: any) => e.name)).toEqual([
      'DMLC_NUM_SERVER', 'DMLC_NUM_WORKER', 'DMLC_PS_ROOT_PORT', 'TRAIN_JOB_NAME', 'DMLC_PS_ROOT_URI', 'DMLC_ROLE', 'DMLC_USE_KUBERNETES',
    ]);
    const wiring = { DMLC_NUM_SERVER: '3', DMLC_NUM_WORKER: '2', DMLC_PS_ROOT_PORT: '9091', DMLC_USE_KUBERNETES: '1' };
    // `<jobset>-<replicated job>-<job index>-<pod index>.<subdomain>`: JobSet names both after the TrainJob (placement.GenPodName, GetSubdomain).
    const uri = { DMLC_PS_ROOT_URI: 'mnist-scheduler-0-0.mnist', TRAIN_JOB_NAME: 'mnist' };
    expect(jobs.map((j: any) => podEnv(containerOf(j), 'mnist'))).toEqual([
      { ...wiring, ...uri, DMLC_ROLE: 'scheduler' },
      { ...wiring, ...uri, DMLC_ROLE: 'server' },
      { ...wiring, ...uri, DMLC_ROLE: 'worker', PS_VERBOSE: '1' },
    ]);
    expect(podEnv(containerOf(jobs[1]), 'resnet-run-7').DMLC_PS_ROOT_URI).toBe('resnet-run-7-scheduler-0-0.resnet-run-7');
  });

  test('port, network interface and each role\'s own container', () => {
    const stack = testStack();
    new MXNetClusterTrainingRuntime(stack, 'Mxnet', {
      worker: { ...worker, resources: { gpu: Gpu.nvidia(1) } },
      server: { image: 'ghcr.io/example/mxnet-server:1.9.1', command: ['python3', 'server.py'], resources: { cpu: { request: Cpu.units(4) } } },
      scheduler: { ports: [{ name: 'metrics', containerPort: 8080 }], pod: { nodeSelector: { pool: 'cpu' } } },
      port: 9000,
      networkInterface: 'eth1',
    });
    const [scheduler, server, node] = manifest(stack, 'ClusterTrainingRuntime').spec.template.spec.replicatedJobs;
    expect(podEnv(containerOf(node), 'run')).toMatchObject({ DMLC_PS_ROOT_PORT: '9000', DMLC_INTERFACE: 'eth1' });
    expect(podEnv(containerOf(server), 'run')).toMatchObject({ DMLC_PS_ROOT_PORT: '9000', DMLC_INTERFACE: 'eth1' });
    expect(containerOf(scheduler).ports).toEqual([{ name: 'mxjob-port', containerPort: 9000 }, { name: 'metrics', containerPort: 8080 }]);
    expect(scheduler.template.spec.template.spec.nodeSelector).toEqual({ pool: 'cpu' });
    expect([containerOf(server).image, containerOf(server).command, containerOf(server).resources]).toEqual(['ghcr.io/example/mxnet-server:1.9.1', ['python3', 'server.py'], { requests: { cpu: '4' } }]);
    // Only the workers asked for a GPU (and tolerate the GPU taint).
    expect(containerOf(node).resources.limits['nvidia.com/gpu']).toBe('1');
    expect(server.template.spec.template.spec.tolerations).toBeUndefined();
  });

  test('with initializers: the roles start once the data is downloaded', () => {
    const stack = testStack();
    const workspace = Volume.fromPersistentVolumeClaim('workspace', { name: 'initializer' });
    const rt = new MXNetClusterTrainingRuntime(stack, 'Mxnet', {
      datasetInitializer: { image: 'ghcr.io/kubeflow/trainer/dataset-initializer:v2.2.0', mounts: [{ volume: workspace, path: '/workspace' }] },
      worker: { ...worker, mounts: [{ volume: workspace, path: '/workspace' }] },
    });
    const jobs = manifest(stack, 'ClusterTrainingRuntime').spec.template.spec.replicatedJobs;
    expect(jobs.map((j: any) => [j.name, j.dependsOn, j.template.spec.backoffLimit])).toEqual([
      ['dataset-initializer', undefined, undefined],
      ['scheduler', [{ name: 'dataset-initializer', status: 'Complete' }], 0],
      ['server', [{ name: 'dataset-initializer', status: 'Complete' }], 0],
      ['node', [{ name: 'dataset-initializer', status: 'Complete' }], 0],
    ]);
    expect(rt.details.steps).toEqual(['dataset-initializer', 'scheduler', 'server', 'node']);
    expectSchemaValid(stack);
  });

  test.each<[string, Partial<MXNetRuntimeBaseProps>, string, string]>([
    ['no workers', { worker: { ...worker, replicas: 0 } }, 'worker.replicas', 'must be a whole number ≥ 1, got 0'],
    ['a fraction of a worker', { worker: { ...worker, replicas: 1.5 } }, 'worker.replicas', 'must be a whole number ≥ 1, got 1.5'],
    ['no servers', { server: { replicas: 0 } }, 'server.replicas', 'must be a whole number ≥ 1, got 0'],
    ['port 0', { port: 0 }, 'port', '0 is not a port'],
    ['a port out of range', { port: 70000 }, 'port', '70000 is not a port'],
    ['a fractional port', { port: 9091.5 }, 'port', '9091.5 is not a port'],
    ['an interface with a space', { networkInterface: 'eth 0' }, 'networkInterface', '"eth 0" is not a network interface name'],
    ['an empty interface', { networkInterface: '' }, 'networkInterface', '"" is not a network interface name'],
    ['a bad worker image', { worker: { image: 'MXNet Latest' } }, 'worker.image', 'is not a valid image reference'],
    ['a bad server image', { server: { image: 'not an image' } }, 'server.image', 'is not a valid image reference'],
    ['the role set by hand', { worker: { ...worker, env: { DMLC_ROLE: 'server' } } }, 'worker.env.DMLC_ROLE', 'is set by the runtime from the role of the replicated job'],
    ['the worker count set by hand', { server: { env: { DMLC_NUM_WORKER: '4' } } }, 'server.env.DMLC_NUM_WORKER', 'is set by the runtime from `worker.replicas`'],
    ['the interface set by env', { scheduler: { env: { DMLC_INTERFACE: 'eth0' } } }, 'scheduler.env.DMLC_INTERFACE', 'is set by the runtime from `networkInterface`'],
    ['the scheduler port declared twice', { scheduler: { ports: [{ containerPort: 9091 }] } }, 'scheduler.ports', 'declares 9091 again'],
    ['the scheduler port name taken', { scheduler: { ports: [{ name: 'mxjob-port', containerPort: 9100 }] } }, 'scheduler.ports', 'declares mxjob-port again'],
    ['a priority class on the servers', { server: { pod: { priorityClassName: 'high' } } }, 'server.pod.priorityClassName', 'only the workers (the trainer step) may set a priority class'],
    ['a worker port out of range', { worker: { ...worker, ports: [{ containerPort: 0 }] } }, 'worker.ports', 'port 0 is out of range'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new MXNetClusterTrainingRuntime(testStack(), 'rt', { worker, ...props }));
    expect(e.constructPath).toBe('test/rt');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('the default port is MXJob\'s', () => {
    expect(MXNET_DEFAULT_PORT).toBe(9091);
  });
});

describe('MXNetTrainingRuntime', () => {
  test('namespaced in the tenant\'s namespace; a TrainJob of it overrides the workers and is checked against its worker count', () => {
    const stack = testStack();
    const team = new Tenant(stack, 'Vision', { name: 'vision', owner: 'alice@example.com' });
    const rt = new MXNetTrainingRuntime(stack, 'Mxnet', { tenant: team, worker: { ...worker, replicas: 2 } });
    expect(rt.kind).toBe('TrainingRuntime');
    expect(rt.namespace).toBe('vision');
    const job = new TrainJob(stack, 'Mnist', { tenant: team, runtime: rt, trainer: { image: 'ghcr.io/example/mnist-mxnet:1.0.0', args: ['--num-epochs', '10'] } });
    expect(manifest(stack, 'TrainJob').spec.runtimeRef).toEqual({ apiGroup: 'trainer.kubeflow.org', kind: 'TrainingRuntime', name: 'mxnet' });
    expect(job.numNodes).toBe(2);
    // Worker 0 prints the training metrics (Katib's metrics collector reads it).
    expect(job.primaryPodLabels).toEqual({ 'jobset.sigs.k8s.io/replicatedjob-name': 'node', 'batch.kubernetes.io/job-completion-index': '0' });
    expectSchemaValid(stack);
    expect(policyFindings(stack)).toEqual([]);

    new TrainJob(stack, 'Wider', { tenant: team, runtime: rt, trainer: { numNodes: 4 } });
    expect(policyFindings(stack, 'trainer/')).toEqual([expect.objectContaining({
      severity: 'error', rule: 'trainer/trainjob-parameter-server', construct: 'test/Wider', path: '.spec.trainer.numNodes',
      message: expect.stringContaining('runs 4 workers, but DMLC_NUM_WORKER of TrainingRuntime "mxnet" says otherwise'),
    })]);
  });

  test('a TrainJob name leaves room for the scheduler pod\'s name, the longest JobSet derives', () => {
    const stack = testStack();
    const rt = new MXNetTrainingRuntime(stack, 'Mxnet', { worker });
    // `<name>-scheduler-0-0-<5 random characters>` is at most 63 characters.
    expect(new TrainJob(stack, 'Job', { runtime: rt }).maxNameLength).toBe(63 - '-scheduler-0-0-abcde'.length);
    expect(constructError(() => new TrainJob(stack, 'Long', { runtime: rt, name: 'a'.repeat(44) })).field).toBe('name');
  });
});
