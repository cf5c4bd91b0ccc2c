import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { collectWarnings, Gpu, Size } from '../core';
import { ElasticMetric, MetricTarget } from './elastic-metric';
import { NprocPerNode, PyTorchJob, PyTorchJobProps, RendezvousBackend } from './pytorch-job';
import { Scheduler } from './scheduling';

const image = 'ghcr.io/org/trainer:1.2.0';
const gpuNode = { image, resources: { gpu: Gpu.nvidia(8) } };

describe('PyTorchJob', () => {
  test('multi-node GPU job with gang scheduling: container "pytorch", nprocPerNode, schedulerName, schema-valid', () => {
    const stack = testStack();
    const job = new PyTorchJob(stack, 'LlmFinetune', {
      master: { ...gpuNode, sharedMemory: Size.gibibytes(16) },
      worker: { ...gpuNode, replicas: 3 },
      nprocPerNode: NprocPerNode.count(8),
      scheduler: Scheduler.coscheduling({ scheduleTimeout: Duration.minutes(10), minAvailable: 4 }),
    });
    const m = manifest(stack, 'PyTorchJob');
    expect(m.apiVersion).toBe('kubeflow.org/v1');
    expect(m.metadata).toMatchObject({ name: 'llm-finetune', namespace: 'team' });
    expect(m.spec.nprocPerNode).toBe('8');
    expect(m.spec.runPolicy).toEqual({ schedulingPolicy: { minAvailable: 4, scheduleTimeoutSeconds: 600 } });
    const { Master, Worker } = m.spec.pytorchReplicaSpecs;
    expect(Master).toMatchObject({ replicas: 1, restartPolicy: 'OnFailure' });
    expect(Worker).toMatchObject({ replicas: 3, restartPolicy: 'OnFailure' });
    for (const spec of [Master, Worker]) {
      expect(spec.template.spec.containers.map((c: any) => c.name)).toEqual(['pytorch']);
      expect(spec.template.spec.schedulerName).toBe('scheduler-plugins-scheduler');
      expect(spec.template.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe('8');
      expect(spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    }
    expect(Master.template.spec.volumes).toEqual([{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '16Gi' } }]);
    expect(job.primaryContainerName).toBe('pytorch');
    expect(job.primaryPodLabels).toEqual({ 'training.kubeflow.org/replica-type': 'master' });
    expect(job.totalReplicas()).toBe(4);
    expectSchemaValid(stack);
  });

  test('elastic policy renders its fields, sorted rdzvConf and the c10d default', () => {
    const stack = testStack();
    new PyTorchJob(stack, 'elastic', {
      worker: { image, replicas: 2 },
      elasticPolicy: { minReplicas: 1, maxReplicas: 4, maxRestarts: 3, rdzvConf: { z: '1', a: '2' } },
      nprocPerNode: NprocPerNode.auto(),
    });
    const spec = manifest(stack, 'PyTorchJob').spec;
    expect(spec.elasticPolicy).toEqual({ minReplicas: 1, maxReplicas: 4, maxRestarts: 3, rdzvBackend: 'c10d', rdzvConf: [{ key: 'a', value: '2' }, { key: 'z', value: '1' }] });
    expect(spec.nprocPerNode).toBe('auto');
    expectSchemaValid(stack);
  });

  test('an elastic bound left out is rendered as the worker replicas, not left to the operator\'s default (the other bound)', () => {
    const stack = testStack();
    new PyTorchJob(stack, 'elastic', { worker: { image, replicas: 2 }, elasticPolicy: { maxReplicas: 4 } });
    expect(manifest(stack, 'PyTorchJob').spec.elasticPolicy).toEqual({ minReplicas: 2, maxReplicas: 4, rdzvBackend: 'c10d' });
    expect(policyFindings(stack, 'training-operator/')).toEqual([]);
  });

  test('the deprecated elasticPolicy.nProcPerNode is rendered; synth warns of it', () => {
    const stack = testStack();
    const job = new PyTorchJob(stack, 'old', { worker: { image, replicas: 2 }, elasticPolicy: { nProcPerNode: 2, rdzvBackend: RendezvousBackend.ETCD, rdzvHost: 'etcd', rdzvPort: 2379 } });
    expect(manifest(stack, 'PyTorchJob').spec.elasticPolicy).toMatchObject({ nProcPerNode: 2, rdzvBackend: 'etcd', rdzvHost: 'etcd', rdzvPort: 2379 });
    expect(collectWarnings(job)).toEqual([]);
    expect(policyFindings(stack, 'training-operator/')).toEqual([expect.objectContaining({
      severity: 'warning', rule: 'training-operator/pytorchjob-elastic-nproc-deprecated', construct: 'test/old', path: '.spec.elasticPolicy.nProcPerNode', message: 'is deprecated by the training operator',
    })]);
  });

  test.each<[string, Partial<PyTorchJobProps>, string, string]>([
    ['neither master nor worker', {}, 'worker', 'a PyTorchJob needs a master or workers, and has neither'],
    ['negative replicas', { master: { image }, worker: { image, replicas: -1 } }, 'worker.replicas', 'must be a whole number ≥ 0, got -1'],
    ['zero minReplicas', { worker: { image }, elasticPolicy: { minReplicas: 0 } }, 'elasticPolicy.minReplicas', 'must be a whole number ≥ 1, got 0'],
    ['negative maxRestarts', { worker: { image }, elasticPolicy: { maxRestarts: -1 } }, 'elasticPolicy.maxRestarts', 'must be a whole number ≥ 0'],
    ['bad rdzv port', { worker: { image }, elasticPolicy: { rdzvPort: 0 } }, 'elasticPolicy.rdzvPort', 'port 0 is out of range'],
    ['zero nprocPerNode', { worker: { image }, nprocPerNode: NprocPerNode.count(0) }, 'nprocPerNode', 'must be a whole number ≥ 1, got 0'],
    ['fractional GPU', { worker: { image, resources: { gpu: Gpu.nvidia(0.5) } } }, 'worker.resources.gpu', 'GPU count must be a whole number'],
    ['bad image', { worker: { image: 'Not An Image' } }, 'worker.image', 'is not a valid image reference'],
    ['bad pod service account', { worker: { image, pod: { serviceAccountName: 'Bad SA' } } }, 'worker.pod.serviceAccountName', 'is not a valid'],
  ])('rejects %s at construction', (_what, props, field, problem) => {
    const e = constructError(() => new PyTorchJob(testStack(), 'job', props as PyTorchJobProps));
    expect(e.constructPath).toBe('test/job');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  const workerGpus = '.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources.limits["nvidia.com/gpu"]';
  test.each<[string, PyTorchJobProps, string, string, string]>([
    ['two masters', { master: { image, replicas: 2 } }, 'master-replicas', '.spec.pytorchReplicaSpecs.Master.replicas', 'must be 1, got 2: the operator runs exactly one Master'],
    ['zero workers', { worker: { image, replicas: 0 } }, 'pytorchjob-worker-replicas', '.spec.pytorchReplicaSpecs.Worker.replicas', 'must be at least 1, got 0'],
    ['elastic without workers', { master: { image }, elasticPolicy: {} }, 'pytorchjob-elastic-worker', '.spec.pytorchReplicaSpecs.Worker', 'is required with an elastic policy: elastic training scales the workers'],
    ['min above max', { worker: { image, replicas: 2 }, elasticPolicy: { minReplicas: 3, maxReplicas: 2 } }, 'elastic-range', '.spec.elasticPolicy.maxReplicas', 'is 2, less than minReplicas 3'],
    ['replicas above max', { worker: { image, replicas: 5 }, elasticPolicy: { minReplicas: 1, maxReplicas: 4 } }, 'elastic-range', '.spec.pytorchReplicaSpecs.Worker.replicas', 'is 5, outside the elastic range 1–4'],
    ['replicas below min', { worker: { image, replicas: 1 }, elasticPolicy: { minReplicas: 2, maxReplicas: 4 } }, 'elastic-range', '.spec.pytorchReplicaSpecs.Worker.replicas', 'is 1, outside the elastic range 2–4'],
    ['etcd without host', { worker: { image }, elasticPolicy: { rdzvBackend: RendezvousBackend.ETCD_V2 } }, 'pytorchjob-etcd-rendezvous-host', '.spec.elasticPolicy.rdzvHost',
      'is required with the etcd-v2 rendezvous backend: without it torchrun looks for etcd on worker 0'],
    ['more processes than GPUs', { master: gpuNode, worker: { image, resources: { gpu: Gpu.nvidia(4) } }, nprocPerNode: NprocPerNode.count(8) }, 'processes-fit-gpus', workerGpus,
      'nprocPerNode starts 8 processes per worker pod, but each pod has only 4 GPUs'],
    ['one process per GPU without GPUs', { master: gpuNode, worker: { image }, nprocPerNode: NprocPerNode.gpu() }, 'processes-fit-gpus', '.spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].resources',
      'request no GPUs, but nprocPerNode is "gpu" (one process per GPU): torchrun finds no GPU in the worker pod and fails'],
  ])('synth reports %s', (_what, props, rule, path, message) => {
    const stack = testStack();
    new PyTorchJob(stack, 'job', props);
    expect(policyFindings(stack, 'training-operator/')).toEqual([expect.objectContaining({ rule: `training-operator/${rule}`, construct: 'test/job', path, message })]);
  });

  test('synth reports both nproc fields, and the deprecated one above the GPUs', () => {
    const stack = testStack();
    new PyTorchJob(stack, 'both', { worker: { image }, nprocPerNode: NprocPerNode.count(1), elasticPolicy: { nProcPerNode: 1 } });
    new PyTorchJob(stack, 'old', { worker: { image, resources: { gpu: Gpu.nvidia(1) } }, elasticPolicy: { nProcPerNode: 2 } });
    expect(policyFindings(stack, 'training-operator/').filter((f) => f.severity === 'error').map((f) => `${f.construct}: ${f.rule}: ${f.path}: ${f.message}`)).toEqual([
      'test/both: training-operator/pytorchjob-nproc-per-node: .spec.elasticPolicy.nProcPerNode: must not be used together with nprocPerNode (the webhook rejects both)',
      `test/old: training-operator/processes-fit-gpus: ${workerGpus}: elasticPolicy.nProcPerNode starts 2 processes per worker pod, but each pod has only 1 GPU`,
    ]);
  });

  test('elastic metrics: the operator\'s HPA scales the workers by autoscaling/v2 metric specs; schema-valid', () => {
    const stack = testStack();
    new PyTorchJob(stack, 'elastic', {
      worker: { image, replicas: 2 },
      elasticPolicy: {
        minReplicas: 1, maxReplicas: 8,
        metrics: [
          ElasticMetric.cpuUtilization(80),
          ElasticMetric.memoryUtilization(70),
          ElasticMetric.resource('memory', MetricTarget.averageValue('12Gi')),
          ElasticMetric.containerResource('pytorch', 'cpu', MetricTarget.utilization(90)),
          ElasticMetric.pods('samples_per_second', MetricTarget.averageValue(2000), { selector: { model: 'llama' } }),
          ElasticMetric.object('queue_depth', { apiVersion: 'v1', kind: 'Service', name: 'queue' }, MetricTarget.value('30')),
          ElasticMetric.external('pubsub_backlog', MetricTarget.averageValue('500m')),
        ],
      },
    });
    expect(manifest(stack, 'PyTorchJob').spec.elasticPolicy.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '12Gi' } } },
      { type: 'ContainerResource', containerResource: { container: 'pytorch', name: 'cpu', target: { type: 'Utilization', averageUtilization: 90 } } },
      { type: 'Pods', pods: { metric: { name: 'samples_per_second', selector: { matchLabels: { model: 'llama' } } }, target: { type: 'AverageValue', averageValue: '2000' } } },
      { type: 'Object', object: { describedObject: { apiVersion: 'v1', kind: 'Service', name: 'queue' }, metric: { name: 'queue_depth' }, target: { type: 'Value', value: '30' } } },
      { type: 'External', external: { metric: { name: 'pubsub_backlog' }, target: { type: 'AverageValue', averageValue: '500m' } } },
    ]);
    expectSchemaValid(stack);
  });

  test.each<[string, ElasticMetric[], string, string]>([
    ['no metrics', [], 'elasticPolicy.metrics', 'is empty, and the autoscaler would then scale by CPU'],
    ['utilization 0', [ElasticMetric.cpuUtilization(0)], 'elasticPolicy.metrics[0].target', 'whole percentage ≥ 1, got 0'],
    ['fractional utilization', [ElasticMetric.cpuUtilization(7.5)], 'elasticPolicy.metrics[0].target', 'got 7.5'],
    ['a value target on a resource', [ElasticMetric.resource('cpu', MetricTarget.value('2'))], 'elasticPolicy.metrics[0].target', 'a Resource metric cannot target Value'],
    ['utilization of a pods metric', [ElasticMetric.pods('qps', MetricTarget.utilization(50))], 'elasticPolicy.metrics[0].target', 'a Pods metric cannot target Utilization'],
    ['a zero quantity', [ElasticMetric.external('backlog', MetricTarget.value(0))], 'elasticPolicy.metrics[0].target', '"0" is not a positive quantity'],
    ['a malformed quantity', [ElasticMetric.pods('qps', MetricTarget.averageValue('10 per second'))], 'elasticPolicy.metrics[0].target', 'is not a positive quantity'],
    ['an empty metric name', [ElasticMetric.external(' ', MetricTarget.value(1))], 'elasticPolicy.metrics[0].name', 'the metric name is empty'],
    ['a bad container name', [ElasticMetric.containerResource('PyTorch', 'cpu', MetricTarget.utilization(50))], 'elasticPolicy.metrics[0].container', 'is not a valid DNS-1123 label'],
    ['a bad selector', [ElasticMetric.pods('qps', MetricTarget.averageValue(1), { selector: { 'a b': 'c' } })], 'elasticPolicy.metrics[0].selector.a b', 'is not a valid label key'],
  ])('rejects elastic metrics with %s', (_what, metrics, field, problem) => {
    const e = constructError(() => new PyTorchJob(testStack(), 'job', { worker: { image, replicas: 2 }, elasticPolicy: { maxReplicas: 4, metrics } }));
    expect(e.constructPath).toBe('test/job');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('the name must leave room for the pod names of the largest elastic size', () => {
    const name = 'n'.repeat(54); // + "-worker-9" = 63
    expect(() => new PyTorchJob(testStack(), 'ok', { name, worker: { image, replicas: 2 }, elasticPolicy: { maxReplicas: 10 } })).not.toThrow();
    const e = constructError(() => new PyTorchJob(testStack(), 'long', { name, worker: { image, replicas: 2 }, elasticPolicy: { maxReplicas: 11 } }));
    expect(e.field).toBe('name');
    expect(e.problem).toContain(`the operator names a pod and Service "${name}-worker-10" (64 characters)`);
  });
});
