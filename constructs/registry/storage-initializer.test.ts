import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Release, Size } from '../core';
import { RegistryDatabase } from './database';
import { ModelRegistry } from './model-registry';
import { ModelRegistryStorageInitializer, ModelRegistryStorageInitializerProps } from './storage-initializer';

describe('ModelRegistryStorageInitializer', () => {
  test.each(Release.presets().map((r) => [r.name, r] as const))('upstream\'s ClusterStorageContainer, cluster-scoped, addressing registries by namespace; valid for %s', (_, release) => {
    const stack = testStack({ namespace: 'team', release });
    const csi = new ModelRegistryStorageInitializer(stack, 'Csi');
    expect([csi.name, csi.kind, csi.apiVersion]).toEqual(['model-registry-storage-initializer', 'ClusterStorageContainer', 'serving.kserve.io/v1alpha1']);
    const csc = manifest(stack, 'ClusterStorageContainer');
    expect(csc.metadata.name).toBe('model-registry-storage-initializer');
    expect(csc.metadata.namespace).toBeUndefined();
    expect(csc.disabled).toBeUndefined();
    expect(csc.spec).toEqual({
      container: {
        name: 'storage-initializer',
        image: 'ghcr.io/kubeflow/model-registry/storage-initializer:v0.3.8',
        env: [
          { name: 'MODEL_REGISTRY_CLUSTER_DOMAIN', value: 'svc.cluster.local' },
          { name: 'MODEL_REGISTRY_SCHEME', value: 'http' },
          { name: 'MODEL_REGISTRY_SERVICE_NAME', value: 'model-registry-service' },
        ],
        // Merged over KServe's own init container: no security context of ours to override its.
        resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { memory: '1Gi' } },
      },
      supportedUriFormats: [{ prefix: 'model-registry://' }],
    });
    expectSchemaValid(stack);
  });

  test('a default registry (MODEL_REGISTRY_BASE_URL), another service name and cluster domain, version, resources', () => {
    const stack = testStack();
    const registry = new ModelRegistry(stack, 'Registry', {
      namespace: 'kubeflow', name: 'registry', database: RegistryDatabase.external({ type: 'mysql', dsnSecret: { name: 'dsn', key: 'dsn' } }),
    });
    new ModelRegistryStorageInitializer(stack, 'Csi', {
      name: 'mr-initializer', version: '0.3.7', serviceName: 'registry', clusterDomain: 'svc.example.internal', defaultRegistry: registry,
      resources: { memory: { request: Size.mebibytes(200), limit: Size.gibibytes(2) } },
    });
    const container = manifest(stack, 'ClusterStorageContainer').spec.container;
    expect(container.image).toBe('ghcr.io/kubeflow/model-registry/storage-initializer:v0.3.7');
    expect(container.env).toEqual([
      { name: 'MODEL_REGISTRY_BASE_URL', value: 'registry.kubeflow.svc.example.internal:8080' },
      { name: 'MODEL_REGISTRY_CLUSTER_DOMAIN', value: 'svc.example.internal' },
      { name: 'MODEL_REGISTRY_SCHEME', value: 'http' },
      { name: 'MODEL_REGISTRY_SERVICE_NAME', value: 'registry' },
    ]);
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '2Gi' } });
    new ModelRegistryStorageInitializer(stack, 'Other', { name: 'other', defaultRegistry: { namespace: 'team-a' } });
    expect(manifest(stack, 'ClusterStorageContainer', 'other').spec.container.env[0]).toEqual({ name: 'MODEL_REGISTRY_BASE_URL', value: 'model-registry-service.team-a.svc.cluster.local:8080' });
    expectSchemaValid(stack);
  });

  test.each<[string, ModelRegistryStorageInitializerProps, string, string]>([
    ['a bad name', { name: 'Initializer' }, 'name', 'is not a valid DNS-1123 subdomain'],
    ['a bad service name', { serviceName: 'model.registry' }, 'serviceName', 'is not a valid DNS-1035 label'],
    ['a bad cluster domain', { clusterDomain: 'svc..local' }, 'clusterDomain', 'is not a valid DNS-1123 subdomain'],
    ['a bad default registry namespace', { defaultRegistry: { namespace: 'Team_A' } }, 'defaultRegistry.namespace', 'is not a valid DNS-1123 label'],
    ['a version with a "v"', { version: 'v0.3.8' }, 'version', 'is not a release version'],
    ['both version and image', { version: '0.3.8', image: 'ghcr.io/x/csi:1' }, 'version', 'is set beside image'],
    ['a zero memory limit', { resources: { memory: { limit: Size.mebibytes(0) } } }, 'resources.memory.limit', 'must be greater than zero'],
  ])('rejects %s', (_, props, field, problem) => {
    const e = constructError(() => new ModelRegistryStorageInitializer(testStack(), 'Csi', props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
