import { constructError, testStack } from '../../test/util';
import { ImagePullPolicy, renderContainer } from './container';
import { EnvValue } from './env';
import { Cpu, Gpu } from './quantities';
import { Volume } from './volumes';

describe('renderContainer', () => {
  test('renders image, command, sorted env from all sources, resources, mounts and a safe security context', () => {
    const data = Volume.fromPersistentVolumeClaim('data');
    const c = renderContainer(testStack(), 'container', 'main', {
      image: 'ghcr.io/org/trainer:1.2.0',
      command: ['python', '-m', 'train'],
      args: ['--epochs', '3'],
      env: {
        ZED: 'z',
        TOKEN: EnvValue.fromSecret('creds', 'token'),
        MODE: EnvValue.fromConfigMap('settings', 'mode', { optional: true }),
        POD: EnvValue.fromFieldPath('metadata.name'),
      },
      resources: { cpu: { request: Cpu.units(1) }, gpu: Gpu.nvidia(1) },
      mounts: [{ volume: data, path: '/data', readOnly: true }],
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    });
    expect(c.env).toEqual([
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: true } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
      { name: 'ZED', value: 'z' },
    ]);
    expect(c.volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true, subPath: undefined }]);
    expect(c.resources).toEqual({ requests: { 'cpu': '1', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } });
    expect(c.securityContext).toMatchObject({
      allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('accepts digests, registry ports and nested repositories', () => {
    for (const image of ['busybox', 'localhost:5000/a/b/c:tag', `ghcr.io/org/img@sha256:${'a'.repeat(64)}`, 'nvcr.io/nvidia/pytorch:24.05-py3']) {
      expect(() => renderContainer(testStack(), 'c', 'main', { image })).not.toThrow();
    }
  });

  test.each([
    [{ image: 'Not An Image' }, 'c.image', 'is not a valid image reference'],
    [{ image: 'busybox', env: { '1BAD': 'x' } }, 'c.env.1BAD', 'is not a valid environment variable name'],
    [{ image: 'busybox', mounts: [{ volume: Volume.emptyDir('scratch'), path: 'relative' }] }, 'c.mounts', 'is not absolute'],
    [{ image: 'busybox', mounts: [{ volume: Volume.emptyDir('a'), path: '/x' }, { volume: Volume.emptyDir('b'), path: '/x' }] }, 'c.mounts', 'two volumes are mounted at "/x"'],
    [{ image: 'busybox', ports: [{ containerPort: 70000 }] }, 'c.ports', 'port 70000 is out of range'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => renderContainer(testStack(), 'c', 'main', props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('rejects an invalid container name', () => {
    expect(constructError(() => renderContainer(testStack(), 'c', 'Main', { image: 'busybox' })).field).toBe('c.name');
  });
});
