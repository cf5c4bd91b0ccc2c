import { App } from 'cdk8s';
import {
  Cpu, FeastAuthorization, FeatureRegistry, FeatureRepository, FeatureStore, InferenceService, ModelFormat, ModelRegistry, ModelRegistryStorageInitializer,
  Notebook, OfflineStore, OnlineStore, PyTorchJob, RegistryDatabase, Size, Stack, StorageCredentials, StorageUri, Tenant,
} from 'cdk8s-kubeflow';

/** The registered model and the version this revision of the platform serves. */
export const MODEL = { name: 'fraud-detector', version: 'v3' } as const;

/**
 * A team's lifecycle end to end: its feature store feeds a notebook and a training job (one
 * grantAccess call), the job registers what it trained in the team's model registry, and an
 * InferenceService serves the registered version, which KServe fetches through the registry.
 */
export function buildApp(): App {
  const app = new App();
  const stack = new Stack(app, 'fraud-example');
  const fraud = new Tenant(stack, 'Fraud', { name: 'fraud', owner: 'erin@example.com' });

  // Features: definitions from git; Redis, Postgres and a SQL registry whose settings are in the Secret feast-stores.
  const features = new FeatureStore(stack, 'Features', {
    tenant: fraud,
    project: 'fraud_detection',
    repository: FeatureRepository.git('https://github.com/example/fraud-features.git', { ref: 'v2.0.1' }),
    onlineStore: OnlineStore.database('redis', { secretName: 'feast-stores' }),
    offlineStore: OfflineStore.database('postgres', { secretName: 'feast-stores' }),
    registry: FeatureRegistry.database('sql', { secretName: 'feast-stores' }),
    servers: { offline: {}, registry: {} },
    authorization: FeastAuthorization.kubernetes(['feast-reader']),
    materialization: { schedule: '0 * * * *' },
  });

  // Models: the team's registry, on a development MySQL whose password is in the Secret registry-db.
  const registry = new ModelRegistry(stack, 'Registry', {
    tenant: fraud,
    displayName: 'Fraud models',
    database: RegistryDatabase.mysql({ passwordSecret: { name: 'registry-db', key: 'password' }, storage: Size.gibibytes(20) }),
  });

  // Explore in a notebook; train with historical features, upload the model to S3 and register it (rank 0).
  const lab = new Notebook(stack, 'FraudLab', { tenant: fraud });
  const resources = { cpu: { request: Cpu.units(4) }, memory: { request: Size.gibibytes(16), limit: Size.gibibytes(16) } };
  const train = new PyTorchJob(stack, 'TrainFraud', {
    tenant: fraud,
    worker: {
      image: 'ghcr.io/example/fraud-train:2.0.1',
      replicas: 2,
      resources,
      command: ['torchrun', 'train.py', '--upload=s3://fraud-models/detector', `--register=${MODEL.name}`, `--version=${MODEL.version}`],
    },
    env: { MODEL_REGISTRY_URL: registry.url },
  });
  features.grantAccess([lab, train]);

  // Serve the registered version: KServe asks the registry for its artifact URI, then downloads it
  // with the S3 credentials of the Secret fraud-models-s3.
  new ModelRegistryStorageInitializer(stack, 'RegistryInitializer');
  const credentials = new StorageCredentials(stack, 'ModelStorage', { tenant: fraud, name: 'fraud-models', secretNames: ['fraud-models-s3'] });
  new InferenceService(stack, 'FraudDetector', {
    tenant: fraud,
    predictor: { model: { format: ModelFormat.pytorch(), storageUri: StorageUri.modelRegistry(registry, MODEL.name, MODEL.version) }, credentials },
  });
  return app;
}
