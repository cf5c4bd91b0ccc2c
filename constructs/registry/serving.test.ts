// Serving a registered model version: StorageUri.modelRegistry and an InferenceService that uses it.
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Release } from '../core';
import { InferenceService, ModelFormat, StorageUri } from '../serving';
import { RegistryDatabase } from './database';
import { ModelRegistry } from './model-registry';
import { ModelRegistryStorageInitializer } from './storage-initializer';

const database = RegistryDatabase.mysql({ passwordSecret: { name: 'registry-db', key: 'password' } });

describe('StorageUri.modelRegistry', () => {
  test('a version, or the newest, of a model in the registry of a namespace', () => {
    const stack = testStack();
    const registry = new ModelRegistry(stack, 'Registry', { database });
    const cases: Array<[StorageUri, string]> = [
      [StorageUri.modelRegistry(registry, 'iris', 'v1'), 'model-registry://iris/v1?namespace=team'],
      [StorageUri.modelRegistry(registry, 'iris'), 'model-registry://iris?namespace=team'],
      [StorageUri.modelRegistry({ namespace: 'kubeflow' }, 'fraud_model', '2024.1'), 'model-registry://fraud_model/2024.1?namespace=kubeflow'],
      [StorageUri.parse('model-registry://iris/v1?namespace=team'), 'model-registry://iris/v1?namespace=team'],
    ];
    for (const [uri, text] of cases) {
      expect(uri.scheme).toBe('model-registry');
      expect(uri._validate(stack, 'storageUri')).toBe(text);
    }
  });

  test.each([
    [StorageUri.modelRegistry({ namespace: 'team' }, 'fraud/detector', 'v1'), 'the model name "fraud/detector" contains "/" or "?"'],
    [StorageUri.modelRegistry({ namespace: 'team' }, 'iris?', 'v1'), 'the model name "iris?" contains "/" or "?"'],
    [StorageUri.modelRegistry({ namespace: 'team' }, 'iris', 'v1/final'), 'the version name "v1/final" contains "/" or "?"'],
    [StorageUri.modelRegistry({ namespace: 'team' }, '', 'v1'), 'the model name is empty'],
    [StorageUri.modelRegistry({ namespace: 'team' }, 'iris', ''), 'the version name is empty'],
    [StorageUri.modelRegistry({ namespace: 'team.a' }, 'iris', 'v1'), '"team.a" is not a namespace the registry\'s storage initializer accepts'],
  ])('rejects %o', (uri, problem) => {
    const e = constructError(() => uri._validate(testStack(), 'predictor.model.storageUri'));
    expect(e.field).toBe('predictor.model.storageUri');
    expect(e.problem).toContain(problem);
    expect(e.fix).toContain('names as the registry shows them');
  });
});

describe('an InferenceService serving a registered model version', () => {
  test.each(Release.presets().map((r) => [r.name, r] as const))('renders the model-registry:// storageUri; valid for %s', (_, release) => {
    const stack = testStack({ namespace: 'team', release });
    const registry = new ModelRegistry(stack, 'Registry', { database });
    new ModelRegistryStorageInitializer(stack, 'Csi');
    new InferenceService(stack, 'Iris', { predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.modelRegistry(registry, 'iris', 'v1') } } });
    expect(manifest(stack, 'InferenceService').spec.predictor.model.storageUri).toBe('model-registry://iris/v1?namespace=team');
    expectSchemaValid(stack);
    // The stack's ClusterStorageContainer serves the scheme.
    expect(policyFindings(stack, 'kserve/')).toEqual([]);
  });

  test('without the storage initializer in the stack, synth warns that KServe may not serve the scheme', () => {
    const stack = testStack();
    new InferenceService(stack, 'Iris', { predictor: { model: { format: ModelFormat.sklearn(), storageUri: StorageUri.modelRegistry({ namespace: 'team' }, 'iris') } } });
    expect(policyFindings(stack, 'kserve/storage-uri-scheme')).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('no ClusterStorageContainer here handles it') })]);
  });

  test('a custom predictor container gets it as STORAGE_URI', () => {
    const stack = testStack();
    new InferenceService(stack, 'Custom', { predictor: { container: { image: 'ghcr.io/org/server:1', storageUri: StorageUri.modelRegistry({ namespace: 'team' }, 'iris', 'v2') } } });
    const env = manifest(stack, 'InferenceService').spec.predictor.containers[0].env;
    expect(env).toContainEqual({ name: 'STORAGE_URI', value: 'model-registry://iris/v2?namespace=team' });
  });
});
