import { Duration, Size, Testing } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { renderPodTemplate } from './pod';
import { LifecycleHandler, Probe } from './probes';
import { Gpu } from './quantities';
import { Release } from './release';
import { SeccompProfile } from './security-context';
import { Stack } from './stack';
import { Volume } from './volumes';

describe('renderPodTemplate', () => {
  test('collects volumes from mounts once, adds GPU tolerations and pod settings', () => {
    const shm = Volume.sharedMemory(Size.gibibytes(2));
    const t = renderPodTemplate(testStack(), 'pod', {
      containers: [
        { name: 'main', field: '', props: { image: 'busybox', resources: { gpu: Gpu.nvidia(2) }, mounts: [{ volume: shm, path: '/dev/shm' }] } },
        { name: 'sidecar', field: 'sidecar', props: { image: 'busybox', mounts: [{ volume: shm, path: '/dev/shm' }] } },
      ],
      pod: { nodeSelector: { pool: 'gpu' }, tolerations: [{ key: 'dedicated', value: 'ml', effect: 'NoSchedule' }], serviceAccountName: 'trainer', imagePullSecrets: ['regcred'], securityContext: { fsGroup: 100 } },
      labels: { app: 'x' },
      restartPolicy: 'OnFailure',
    });
    expect(t.spec.volumes).toEqual([{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } }]);
    expect(t.spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'dedicated', value: 'ml', effect: 'NoSchedule', operator: 'Equal' },
    ]);
    expect(t.spec).toMatchObject({ nodeSelector: { pool: 'gpu' }, serviceAccountName: 'trainer', imagePullSecrets: [{ name: 'regcred' }], securityContext: { fsGroup: 100 }, restartPolicy: 'OnFailure' });
    expect(t.metadata).toEqual({ labels: { app: 'x' }, annotations: undefined });
  });

  test('two different volumes with one name are an error', () => {
    const e = constructError(() => renderPodTemplate(testStack(), 'pod', {
      containers: [{ name: 'main', field: '', props: { image: 'busybox', mounts: [
        { volume: Volume.fromPersistentVolumeClaim('a', { name: 'data' }), path: '/a' },
        { volume: Volume.fromPersistentVolumeClaim('b', { name: 'data' }), path: '/b' },
      ] } }],
    }));
    expect(e.field).toBe('pod.volumes');
    expect(e.problem).toBe('two different volumes are named "data"');
  });

  test('duplicate container names and no containers are errors', () => {
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: [] })).problem).toContain('at least one container');
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', {
      containers: [{ name: 'a', field: '', props: { image: 'x' } }, { name: 'a', field: 's', props: { image: 'x' } }],
    })).problem).toBe('two containers are named "a"');
  });

  test.each([
    [{ key: 'k', operator: 'Exists' as const, value: 'v' }, 'toleration "k" has operator Exists and a value'],
    [{ operator: 'Equal' as const, value: 'v' }, 'a toleration without a key must use operator Exists'],
    [{ key: 'k', tolerationSeconds: 30 }, 'toleration "k" has tolerationSeconds but effect (all)'],
  ])('toleration %o is an error, as the API server would say', (toleration, problem) => {
    const e = constructError(() => renderPodTemplate(testStack(), 'pod', { containers: [{ name: 'a', field: '', props: { image: 'x' } }], pod: { tolerations: [toleration] } }));
    expect(e.field).toBe('pod.tolerations');
    expect(e.problem).toBe(problem);
  });

  test('invalid service account and pull secret names are errors', () => {
    const c = [{ name: 'a', field: '', props: { image: 'x' } }];
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: c, pod: { serviceAccountName: 'Bad SA' } })).field).toBe('pod.serviceAccountName');
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: c, pod: { imagePullSecrets: ['_x'] } })).field).toBe('pod.imagePullSecrets');
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: c, pod: { labels: { team: 'a b' } } })).field).toBe('pod.labels.team');
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: c, pod: { annotations: { 'x y': '' } } })).field).toBe('pod.annotations.x y');
  });
});

describe('init containers, sidecars and pod-level security', () => {
  const main = [{ name: 'main', field: '', props: { image: 'ghcr.io/org/trainer:1.0.0' } }];
  const scratch = Volume.emptyDir('scratch');

  test('init containers run first, then native sidecars (restartPolicy Always); all are validated and hardened, and their volumes collected', () => {
    const t = renderPodTemplate(testStack(), 'pod', {
      containers: main,
      pod: {
        initContainers: [{ name: 'fetch', image: 'busybox:1.36', command: ['wget', '-O', '/data/x', 'http://x'], mounts: [{ volume: scratch, path: '/data' }] }],
        sidecars: [{ name: 'proxy', image: 'ghcr.io/org/proxy:1', readiness: Probe.fromTcpSocket({ port: 15000 }) }],
      },
    });
    expect(t.spec.initContainers!.map((c) => [c.name, c.restartPolicy])).toEqual([['fetch', undefined], ['proxy', 'Always']]);
    expect(t.spec.initContainers![1].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(t.spec.containers.map((c) => c.name)).toEqual(['main']);
    expect(t.spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
  });

  test('a kind without native sidecars runs them as containers after the main one', () => {
    const t = renderPodTemplate(testStack(), 'pod', { containers: main, pod: { sidecars: [{ name: 'exporter', image: 'ghcr.io/org/exporter:1' }] }, sidecars: 'containers' });
    expect(t.spec.containers.map((c) => [c.name, c.restartPolicy])).toEqual([['main', undefined], ['exporter', undefined]]);
    expect(t.spec.initContainers).toBeUndefined();
  });

  test('names are unique across main, init and sidecar containers; a kind without init containers refuses them', () => {
    const e = constructError(() => renderPodTemplate(testStack(), 'pod', { containers: main, pod: { sidecars: [{ name: 'main', image: 'x' }] } }));
    expect(e.field).toBe('pod.sidecars[0].name');
    expect(e.problem).toBe('two containers are named "main"');
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: main, pod: { initContainers: [{ name: 'i', image: 'x' }] }, initContainers: false })).field)
      .toBe('pod.initContainers');
    expect(constructError(() => renderPodTemplate(testStack(), 'pod', { containers: main, pod: { initContainers: [{ name: 'i', image: 'Bad Image' }] } })).field)
      .toBe('pod.initContainers[0].image');
  });

  test('native sidecars need Kubernetes 1.29', () => {
    const stack = new Stack(Testing.app(), 'old', { namespace: 'team', release: Release.NEWEST.withComponents({ kubernetes: '1.28' }) });
    const e = constructError(() => renderPodTemplate(stack, 'pod', { containers: main, pod: { sidecars: [{ name: 's', image: 'x' }] } }));
    expect(e.field).toBe('pod.sidecars');
    expect(e.problem).toContain('native sidecar containers needs Kubernetes 1.29 or later');
  });

  test('the pod\'s seccomp profile reaches containers that set none; the grace period is rendered and bounds preStop sleeps', () => {
    const t = renderPodTemplate(testStack(), 'pod', {
      containers: [{ name: 'main', field: '', props: { image: 'x', lifecycle: { preStop: LifecycleHandler.sleep(Duration.seconds(50)) } } }],
      pod: { securityContext: { seccompProfile: SeccompProfile.unconfined(), runAsUser: 1000 }, terminationGracePeriod: Duration.minutes(1) },
    });
    expect(t.spec.securityContext).toEqual({ seccompProfile: { type: 'Unconfined' }, runAsUser: 1000 });
    expect(t.spec.containers[0].securityContext!.seccompProfile).toBeUndefined();
    expect(t.spec.terminationGracePeriodSeconds).toBe(60);
  });
});
