import { constructError, testStack } from '../../test/util';
import { Size, Volume } from '../core';
import { checkElasticBounds, checkElasticRange, mergePodProps, renderReplicaSpecs, RestartPolicy, RoleInput } from './replica';

const image = 'busybox:1.36';
const worker = (replicas?: number): RoleInput => ({ def: { key: 'worker', type: 'Worker' }, props: { image, replicas } });

describe('renderReplicaSpecs', () => {
  test('one entry per role, keyed by type, with the framework container name, restart policy and scheduler', () => {
    const specs = renderReplicaSpecs(testStack(), [
      { def: { key: 'launcher', type: 'Launcher', rankZero: true }, props: { image, restartPolicy: RestartPolicy.ON_FAILURE } },
      { def: { key: 'worker', type: 'Worker' }, props: { image, replicas: 2, sharedMemory: Size.gibibytes(1) } },
    ], { containerName: 'mpi', restartPolicy: RestartPolicy.NEVER, schedulerName: 'volcano', podLabels: { a: 'b' } });
    expect(Object.keys(specs)).toEqual(['Launcher', 'Worker']);
    expect(specs.Launcher).toMatchObject({ replicas: 1, restartPolicy: 'OnFailure' });
    expect(specs.Worker).toMatchObject({ replicas: 2, restartPolicy: 'Never' });
    expect(specs.Worker.template.spec!.containers[0]).toMatchObject({ name: 'mpi', volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }] });
    expect(specs.Worker.template.spec!.schedulerName).toBe('volcano');
    expect(specs.Worker.template.metadata).toEqual({ labels: { a: 'b' }, annotations: undefined });
  });

  test('errors name the role: `worker.replicas`, `worker.env.…`', () => {
    expect(constructError(() => renderReplicaSpecs(testStack(), [worker(1.5)], { containerName: 'x', restartPolicy: RestartPolicy.NEVER })).field).toBe('worker.replicas');
    const e = constructError(() => renderReplicaSpecs(testStack(), [{ def: { key: 'worker', type: 'Worker' }, props: { image, env: { '1X': 'y' } } }],
      { containerName: 'x', restartPolicy: RestartPolicy.NEVER }));
    expect(e.field).toBe('worker.env.1X');
  });
});

describe('mergePodProps', () => {
  test('maps merge key by key, lists concatenate, scalars are replaced', () => {
    const a = Volume.emptyDir('a');
    const b = Volume.emptyDir('b');
    expect(mergePodProps(
      { nodeSelector: { x: '1' }, labels: { l: '1' }, volumes: [a], serviceAccountName: 'job', priorityClassName: 'p' },
      { nodeSelector: { y: '2' }, labels: { l: '2' }, volumes: [b], serviceAccountName: 'role' },
      { 'sidecar.istio.io/inject': 'false' },
    )).toEqual({
      nodeSelector: { x: '1', y: '2' }, labels: { l: '2' }, volumes: [a, b], serviceAccountName: 'role', priorityClassName: 'p',
      annotations: { 'sidecar.istio.io/inject': 'false' }, tolerations: undefined, imagePullSecrets: undefined,
      initContainers: undefined, sidecars: undefined, securityContext: undefined,
    });
  });

  test('security contexts merge key by key; init containers and sidecars concatenate', () => {
    const init = { name: 'fetch', image };
    const logs = { name: 'logs', image };
    const metrics = { name: 'metrics', image };
    expect(mergePodProps(
      { securityContext: { fsGroup: 100, runAsUser: 1000 }, initContainers: [init], sidecars: [logs] },
      { securityContext: { runAsUser: 0 }, sidecars: [metrics] },
    )).toMatchObject({ securityContext: { fsGroup: 100, runAsUser: 0 }, initContainers: [init], sidecars: [logs, metrics] });
  });
});

describe('checkElasticBounds and checkElasticRange', () => {
  test('accept whole bounds and a consistent range', () => {
    expect(() => checkElasticBounds(testStack(), 'elasticPolicy', { minReplicas: 3, maxReplicas: 1 })).not.toThrow(); // the range is a rule's
    expect(() => checkElasticRange(testStack(), 'elasticPolicy', worker(2), { minReplicas: 1, maxReplicas: 3, maxRestarts: 0 })).not.toThrow();
    expect(constructError(() => checkElasticBounds(testStack(), 'elasticPolicy', { maxReplicas: 1.5 })).field).toBe('elasticPolicy.maxReplicas');
  });

  test('default min and max are the worker replicas', () => {
    const e = constructError(() => checkElasticRange(testStack(), 'elasticPolicy', worker(5), { maxReplicas: 4 }));
    expect(e.field).toBe('elasticPolicy.maxReplicas');
    expect(e.problem).toBe('is 4, less than minReplicas 5');
  });
});
