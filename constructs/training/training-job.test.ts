import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { constructError, manifest, testStack } from '../../test/util';
import { EnvValue, Volume } from '../core';
import { PodDefault, Tenant } from '../tenancy';
import { JAXJob } from './jax-job';
import { MPIJob } from './mpi-job';
import { PaddleJob } from './paddle-job';
import { PyTorchJob } from './pytorch-job';
import { CleanPodPolicy } from './run-policy';
import { Scheduler } from './scheduling';
import { TFJob } from './tf-job';
import { TrainingJob } from './training-job';

const image = 'ghcr.io/org/trainer:1.2.0';

describe('TrainingJob (shared by every v1 kind)', () => {
  test('job-level pod settings, env and mounts reach every role; a role\'s own settings win or add', () => {
    const stack = testStack();
    const data = Volume.fromPersistentVolumeClaim('datasets', { readOnly: true });
    new PyTorchJob(stack, 'job', {
      pod: { nodeSelector: { pool: 'gpu' }, labels: { team: 'ml' }, tolerations: [{ key: 'dedicated', value: 'ml' }], serviceAccountName: 'trainer', imagePullSecrets: ['regcred'] },
      env: { MODE: 'train', LEVEL: 'info' },
      mounts: [{ volume: data, path: '/data', readOnly: true }],
      master: { image, env: { LEVEL: 'debug' } },
      worker: { image, replicas: 2, pod: { nodeSelector: { zone: 'a' }, tolerations: [{ key: 'spot' }], serviceAccountName: 'worker', imagePullSecrets: ['regcred', 'other'] } },
    });
    const { Master, Worker } = manifest(stack, 'PyTorchJob').spec.pytorchReplicaSpecs;
    expect(Master.template.spec.containers[0].env).toEqual([{ name: 'LEVEL', value: 'debug' }, { name: 'MODE', value: 'train' }]);
    expect(Worker.template.spec.containers[0].env).toEqual([{ name: 'LEVEL', value: 'info' }, { name: 'MODE', value: 'train' }]);
    for (const s of [Master, Worker]) {
      expect(s.template.spec.volumes).toEqual([{ name: 'datasets', persistentVolumeClaim: { claimName: 'datasets', readOnly: true } }]);
      expect(s.template.spec.containers[0].volumeMounts).toEqual([{ name: 'datasets', mountPath: '/data', readOnly: true }]);
      expect(s.template.metadata.labels).toEqual({ team: 'ml' });
    }
    expect(Master.template.spec).toMatchObject({ nodeSelector: { pool: 'gpu' }, serviceAccountName: 'trainer', imagePullSecrets: [{ name: 'regcred' }] });
    expect(Worker.template.spec).toMatchObject({
      nodeSelector: { pool: 'gpu', zone: 'a' },
      serviceAccountName: 'worker',
      imagePullSecrets: [{ name: 'regcred' }, { name: 'other' }],
      tolerations: [{ key: 'dedicated', value: 'ml', operator: 'Equal' }, { key: 'spot', operator: 'Exists' }],
    });
  });

  test('addEnv, addMount and addPodDefault after construction are honoured', () => {
    const stack = testStack();
    const pd = new PodDefault(stack, 'creds', { description: 'S3 credentials' });
    const job = new JAXJob(stack, 'jax', { worker: { image, replicas: 2 } });
    job.addEnv('TOKEN', EnvValue.fromSecret('hf', 'token'));
    job.addMount({ volume: Volume.emptyDir('scratch'), path: '/scratch' });
    job.addPodDefault(pd);
    const t = manifest(stack, 'JAXJob').spec.jaxReplicaSpecs.Worker.template;
    expect(t.spec.containers[0].env).toEqual([{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }]);
    expect(t.spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
    expect(t.metadata.labels).toEqual({ creds: 'true' });
    expect(constructError(() => job.addEnv('TOKEN', 'x')).field).toBe('env.TOKEN');
    expect(constructError(() => job.addMount({ volume: Volume.emptyDir('other'), path: 'relative' })).problem).toContain('is not absolute');
    expect(() => stack.toJson()).not.toThrow(); // the rejected mount was taken back
  });

  test('a tenant gives the namespace; Istio injection can be re-enabled; labels and annotations reach the job', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'research', { owner: 'a@b.co' });
    new JAXJob(stack, 'jax', { tenant, worker: { image }, istioSidecar: true, metadata: { labels: { team: 'ml' }, annotations: { note: 'x' } } });
    const m = manifest(stack, 'JAXJob');
    expect(m.metadata.namespace).toBe('research');
    expect(m.metadata.labels).toMatchObject({ 'team': 'ml', 'app.kubernetes.io/name': 'jaxjob', 'app.kubernetes.io/component': 'training' });
    expect(m.metadata.annotations).toMatchObject({ note: 'x' });
    expect(m.spec.jaxReplicaSpecs.Worker.template.metadata).toBeUndefined();
  });

  test('run policy: every field; synth warns of the TTL under GitOps', () => {
    const stack = testStack();
    new JAXJob(stack, 'jax', {
      worker: { image },
      runPolicy: { cleanPodPolicy: CleanPodPolicy.ALL, ttlAfterFinished: Duration.hours(1), activeDeadline: Duration.hours(12), backoffLimit: 2, suspend: true },
    });
    expect(manifest(stack, 'JAXJob').spec.runPolicy).toEqual({
      cleanPodPolicy: 'All', ttlSecondsAfterFinished: 3600, activeDeadlineSeconds: 43200, backoffLimit: 2, suspend: true,
    });
    const [ttl, ...others] = policyFindings(stack);
    expect(others).toEqual([]);
    expect(ttl).toMatchObject({ rule: 'platform/ttl-gitops', severity: 'warning', construct: 'test/jax', path: '.spec.runPolicy.ttlSecondsAfterFinished' });
    expect(ttl.message).toBe('the job is deleted 1 hour after it finishes; Argo CD then sees it missing and, with auto-sync, creates it again, so it runs again');
  });

  test('Kueue: queue and priority labels on the job, pods keep the default scheduler, no schedulingPolicy', () => {
    const stack = testStack();
    new JAXJob(stack, 'jax', { worker: { image, replicas: 4 }, scheduler: Scheduler.kueue('team-queue', { priorityClass: 'batch-low' }) });
    const m = manifest(stack, 'JAXJob');
    expect(m.metadata.labels).toMatchObject({ 'kueue.x-k8s.io/queue-name': 'team-queue', 'kueue.x-k8s.io/priority-class': 'batch-low' });
    // Nothing differs from the operator's defaults (cleanPodPolicy None), so there is no runPolicy.
    expect(m.spec.runPolicy).toBeUndefined();
    expect(m.spec.jaxReplicaSpecs.Worker.template.spec.schedulerName).toBeUndefined();
  });

  test('Volcano: queue, priority class and minAvailable in the scheduling policy, pods scheduled by volcano', () => {
    const stack = testStack();
    new JAXJob(stack, 'jax', { worker: { image, replicas: 4 }, scheduler: Scheduler.volcano({ queue: 'research', priorityClass: 'high', minAvailable: 2 }) });
    const m = manifest(stack, 'JAXJob');
    expect(m.spec.runPolicy.schedulingPolicy).toEqual({ queue: 'research', priorityClass: 'high', minAvailable: 2 });
    expect(m.spec.jaxReplicaSpecs.Worker.template.spec.schedulerName).toBe('volcano');
  });

  test.each([
    ['a name starting with a digit', { name: '1job' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name with dots', { name: 'my.job' }, 'name', 'is not a valid DNS-1035 label'],
    ['a name too long for its pods', { name: 'j'.repeat(55) }, 'name', 'the operator names a pod and Service'],
    ['Kueue with suspend', { scheduler: Scheduler.kueue('q'), runPolicy: { suspend: false } }, 'runPolicy.suspend', 'queued with Kueue'],
    ['a bad Kueue queue name', { scheduler: Scheduler.kueue('Team Queue') }, 'scheduler.queue', 'is not a valid'],
    ['minAvailable above the replicas', { scheduler: Scheduler.coscheduling({ minAvailable: 5 }) }, 'scheduler.minAvailable', "between 1 and the job's 4 replicas, got 5"],
    ['a negative backoffLimit', { runPolicy: { backoffLimit: -1 } }, 'runPolicy.backoffLimit', 'must be a whole number ≥ 0'],
    ['a zero active deadline', { runPolicy: { activeDeadline: Duration.seconds(0) } }, 'runPolicy.activeDeadline', 'whole number of seconds ≥ 1'],
    ['a fractional TTL', { runPolicy: { ttlAfterFinished: Duration.millis(1500) } }, 'runPolicy.ttlAfterFinished', 'whole number of seconds ≥ 0, got 1.5s'],
  ])('rejects %s', (_what, props, field, problem) => {
    const e = constructError(() => new JAXJob(testStack(), 'jax', { worker: { image, replicas: 4 }, ...props }));
    expect(e.constructPath).toBe('test/jax');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, (stack: ReturnType<typeof testStack>) => TrainingJob, Record<string, string>]>([
    // The operator labels the one launcher pod with its type only (no replica index).
    ['the MPI launcher', (s) => new MPIJob(s, 'j', { launcher: { image }, worker: { image, replicas: 2 } }), { 'training.kubeflow.org/replica-type': 'launcher' }],
    ['the PyTorch master', (s) => new PyTorchJob(s, 'j', { master: { image }, worker: { image } }), { 'training.kubeflow.org/replica-type': 'master' }],
    ['worker 0 of a PyTorchJob without master', (s) => new PyTorchJob(s, 'j', { worker: { image, replicas: 2 } }),
      { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' }],
    // Neither a parameter server nor the evaluator is rank 0.
    ['worker 0 of a TFJob with PS and evaluator but no chief', (s) => new TFJob(s, 'j', { ps: { image }, worker: { image, replicas: 2 }, evaluator: { image } }),
      { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' }],
    ['worker 0 of a parameter-server PaddleJob', (s) => new PaddleJob(s, 'j', { master: { image, replicas: 2 }, worker: { image, replicas: 2 } }),
      { 'training.kubeflow.org/replica-type': 'worker', 'training.kubeflow.org/replica-index': '0' }],
  ])('primaryPodLabels select %s', (_what, make, labels) => {
    expect(make(testStack()).primaryPodLabels).toEqual(labels);
  });

  test('a derived name is shortened to fit; a PodDefault of another namespace and a duplicate name are errors', () => {
    const stack = testStack();
    const job = new JAXJob(stack, 'A'.repeat(70), { worker: { image, replicas: 100 } });
    expect(`${job.name}-worker-99`).toHaveLength(63);
    expect(constructError(() => new JAXJob(stack, '1job', { worker: { image } })).problem).toBe('cannot derive a valid DNS-1035 label from the construct id "1job"');
    const pd = new PodDefault(stack, 'creds', { namespace: 'other', description: 'x' });
    expect(constructError(() => new JAXJob(stack, 'b', { worker: { image }, podDefaults: [pd] })).problem).toBe('PodDefault "creds" is in namespace "other", the job in "team"');
    const tenant = new Tenant(stack, 'research', { owner: 'a@b.co' });
    expect(constructError(() => new JAXJob(stack, 't', { tenant, namespace: 'other', worker: { image } })).problem).toBe('"other" differs from the tenant\'s namespace "research"');
    new JAXJob(stack, 'c', { name: 'same', worker: { image } });
    expect(constructError(() => new JAXJob(stack, 'd', { name: 'same', worker: { image } })).problem).toContain('already defined by test/c');
  });
});
