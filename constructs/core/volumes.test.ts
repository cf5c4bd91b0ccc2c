import { Duration, Size, Testing } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { collectVolumes } from './pod';
import { Release } from './release';
import { Stack } from './stack';
import { DownwardApiField, HostPathType, ProjectedSource, Volume, VolumeAccessMode } from './volumes';

const render = (...volumes: Volume[]) => collectVolumes(testStack(), 'pod', volumes);
const error = (volume: Volume, stack = testStack()) => constructError(() => collectVolumes(stack, 'pod', [volume]));

describe('volume sources', () => {
  test('ConfigMap and Secret keys: items sorted by key, optional, modes', () => {
    expect(render(
      Volume.fromConfigMap('settings', { items: { 'b.yaml': { path: 'conf/b.yaml' }, 'a.yaml': { path: 'conf/a.yaml', mode: 0o444 } }, optional: true }),
      Volume.fromSecret('creds', { name: 'credentials', defaultMode: 0o400, items: { token: { path: 'token' } } }),
    )).toEqual([
      { name: 'settings', configMap: { name: 'settings', items: [{ key: 'a.yaml', path: 'conf/a.yaml', mode: 0o444 }, { key: 'b.yaml', path: 'conf/b.yaml' }], optional: true } },
      { name: 'credentials', secret: { secretName: 'creds', defaultMode: 0o400, items: [{ key: 'token', path: 'token' }] } },
    ]);
  });

  test('a projected service-account token for another audience, beside ConfigMap, Secret, downward API and CA bundles', () => {
    const [v] = render(Volume.projected('aws-token', [
      ProjectedSource.serviceAccountToken({ path: 'token', audience: 'sts.amazonaws.com', expiration: Duration.hours(24) }),
      ProjectedSource.configMap('aws-config', { items: { config: { path: 'config' } } }),
      ProjectedSource.secret('extra', { optional: true }),
      ProjectedSource.downwardApi({ 'pod-name': DownwardApiField.fieldPath('metadata.name') }),
      ProjectedSource.clusterTrustBundle({ path: 'ca.crt', signerName: 'example.com/ca', labels: { trust: 'ml' } }),
    ], { defaultMode: 0o440 }));
    expect(v).toEqual({
      name: 'aws-token',
      projected: {
        defaultMode: 0o440,
        sources: [
          { serviceAccountToken: { path: 'token', audience: 'sts.amazonaws.com', expirationSeconds: 86400 } },
          { configMap: { name: 'aws-config', items: [{ key: 'config', path: 'config' }] } },
          { secret: { name: 'extra', optional: true } },
          { downwardAPI: { items: [{ path: 'pod-name', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { clusterTrustBundle: { path: 'ca.crt', signerName: 'example.com/ca', labelSelector: { matchLabels: { trust: 'ml' } } } },
        ],
      },
    });
  });

  test('downward API, hostPath, NFS, CSI, generic ephemeral, image and any other source', () => {
    expect(render(
      Volume.downwardApi('podinfo', {
        labels: DownwardApiField.fieldPath('metadata.labels'),
        'team': DownwardApiField.fieldPath('metadata.labels[\'team\']'),
        'mem-limit': DownwardApiField.resource('limits.memory', 'main', { divisor: '1Mi' }),
      }),
      Volume.hostPath('devices', '/dev/infiniband', { type: HostPathType.DIRECTORY }),
      Volume.nfs('datasets', { server: 'nfs.example.com', path: '/exports/datasets', readOnly: true }),
      Volume.csi('secrets', 'secrets-store.csi.k8s.io', { readOnly: true, attributes: { secretProviderClass: 'vault-db' }, nodePublishSecretName: 'csi-creds' }),
      Volume.ephemeral('scratch', { storage: Size.gibibytes(200), storageClass: 'fast-nvme', labels: { app: 'trainer' } }),
      Volume.image('weights', 'ghcr.io/example/llama-weights:3.1', { pullPolicy: 'IfNotPresent' }),
      Volume.fromSource('iscsi', { iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } }),
    )).toEqual([
      {
        name: 'podinfo',
        downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'mem-limit', resourceFieldRef: { resource: 'limits.memory', containerName: 'main', divisor: '1Mi' } },
            { path: 'team', fieldRef: { fieldPath: 'metadata.labels[\'team\']' } },
          ],
        },
      },
      { name: 'devices', hostPath: { path: '/dev/infiniband', type: 'Directory' } },
      { name: 'datasets', nfs: { server: 'nfs.example.com', path: '/exports/datasets', readOnly: true } },
      { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault-db' }, nodePublishSecretRef: { name: 'csi-creds' } } },
      {
        name: 'scratch',
        ephemeral: {
          volumeClaimTemplate: {
            metadata: { labels: { app: 'trainer' } },
            spec: { accessModes: [VolumeAccessMode.READ_WRITE_ONCE], resources: { requests: { storage: '200Gi' } }, storageClassName: 'fast-nvme' },
          },
        },
      },
      { name: 'weights', image: { reference: 'ghcr.io/example/llama-weights:3.1', pullPolicy: 'IfNotPresent' } },
      { name: 'iscsi', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } },
    ]);
  });

  test.each<[string, Volume, string, string]>([
    ['an item path that climbs out', Volume.fromConfigMap('c', { items: { a: { path: '../a' } } }), 'pod.volumes.c.items.a.path', 'contains ".."'],
    ['an absolute item path', Volume.fromSecret('s', { items: { a: { path: '/a' } } }), 'pod.volumes.s.items.a.path', 'is absolute'],
    ['two keys at one path', Volume.fromSecret('s', { items: { a: { path: 'x' }, b: { path: 'x' } } }), 'pod.volumes.s.items.b.path', 'is the path of another key too'],
    ['a mode above 0o777', Volume.fromSecret('s', { defaultMode: 0o1000 }), 'pod.volumes.s.defaultMode', '512 is not a file mode'],
    ['an invalid ConfigMap name', Volume.fromConfigMap('Bad_Name', { name: 'ok' }), 'pod.volumes.ok.configMapName', 'is not a valid DNS-1123 subdomain'],
    ['an invalid volume name', Volume.emptyDir('Scratch'), 'pod.volumes.Scratch', 'is not a valid DNS-1123 label'],
    ['a short-lived token', Volume.projected('t', [ProjectedSource.serviceAccountToken({ path: 'token', expiration: Duration.minutes(5) })]), 'pod.volumes.t.sources[0].expiration', 'between 10 minutes and 2^32 seconds, got 300s'],
    ['two sources writing one file', Volume.projected('t', [ProjectedSource.serviceAccountToken({ path: 'token' }), ProjectedSource.secret('s', { items: { k: { path: 'token' } } })]), 'pod.volumes.t.sources[1]', 'writes "token", which another source writes too'],
    ['no sources', Volume.projected('t', []), 'pod.volumes.t.sources', 'is empty'],
    ['a trust bundle by name and signer', Volume.projected('t', [ProjectedSource.clusterTrustBundle({ path: 'ca', name: 'a', signerName: 'b' })]), 'pod.volumes.t.sources[0]', 'needs exactly one of name and signerName'],
    ['a field a volume cannot show', Volume.downwardApi('d', { node: DownwardApiField.fieldPath('spec.nodeName') }), 'pod.volumes.d.items.node', 'is not a pod field a volume can show'],
    ['an unknown resource', Volume.downwardApi('d', { gpu: DownwardApiField.resource('limits.nvidia.com/gpu', 'main') }), 'pod.volumes.d.items.gpu', 'is not a container resource'],
    ['a relative host path', Volume.hostPath('h', 'var/lib'), 'pod.volumes.h.path', 'is not an absolute path'],
    ['a relative NFS path', Volume.nfs('n', { server: 'nfs', path: 'exports' }), 'pod.volumes.n.path', 'is not an absolute path'],
    ['an invalid CSI driver', Volume.csi('c', 'not a driver'), 'pod.volumes.c.driver', 'is not a CSI driver name'],
    ['an empty ephemeral claim', Volume.ephemeral('e', { storage: Size.gibibytes(0) }), 'pod.volumes.e.storage', 'must be greater than zero'],
    ['an invalid image', Volume.image('i', 'Not An Image'), 'pod.volumes.i.reference', 'is not a valid image reference'],
    ['a raw source with two sources', Volume.fromSource('x', { emptyDir: {}, nfs: { server: 's', path: '/p' } }), 'pod.volumes.x', 'gives 2 sources (emptyDir, nfs)'],
    ['a raw source with none', Volume.fromSource('x', {}), 'pod.volumes.x', 'gives no source'],
  ])('%s is an error', (_what, volume, field, problem) => {
    const e = error(volume);
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('image volumes and trust bundles need Kubernetes 1.33', () => {
    const old = () => new Stack(Testing.app(), 'old', { namespace: 'team', release: Release.NEWEST.withComponents({ kubernetes: '1.32' }) });
    expect(error(Volume.image('w', 'ghcr.io/example/w:1'), old()).problem).toContain('an image volume needs Kubernetes 1.33 or later');
    expect(error(Volume.projected('t', [ProjectedSource.clusterTrustBundle({ path: 'ca', name: 'a' })]), old()).problem).toContain('needs Kubernetes 1.33 or later');
  });
});
