import { Size } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { renderPodTemplate } from './pod';
import { Gpu } from './quantities';
import { Volume } from './volumes';

describe('renderPodTemplate', () => {
  test('collects volumes from mounts once, adds GPU tolerations and pod settings', () => {
    const shm = Volume.sharedMemory(Size.gibibytes(2));
    const t = renderPodTemplate(testStack(), 'pod', {
      containers: [
        { name: 'main', field: '', props: { image: 'busybox', resources: { gpu: Gpu.nvidia(2) }, mounts: [{ volume: shm, path: '/dev/shm' }] } },
        { name: 'sidecar', field: 'sidecar', props: { image: 'busybox', mounts: [{ volume: shm, path: '/dev/shm' }] } },
      ],
      pod: { nodeSelector: { pool: 'gpu' }, tolerations: [{ key: 'dedicated', value: 'ml', effect: 'NoSchedule' }], serviceAccountName: 'trainer', imagePullSecrets: ['regcred'], fsGroup: 100 },
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
