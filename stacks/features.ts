import {
  FeastAuthorization, FeatureRepository, FeatureStore, IFeatureStoreClient, OfflineStore, OnlineStore, FeatureRegistry, Stack, Tenant,
} from 'cdk8s-kubeflow';

export interface FeaturesOptions {
  /** Feature-server pods. @default 1 */
  readonly replicas?: number;
}

/**
 * The research team's Feast feature store: definitions from git, Postgres (offline, registry)
 * and Redis (online) whose settings are in the Secret `feast-stores`, refreshed hourly; the
 * clients get their configuration from one grantAccess call.
 */
export function addFeatures(stack: Stack, tenant: Tenant, clients: IFeatureStoreClient[], options: FeaturesOptions = {}): FeatureStore {
  const store = new FeatureStore(stack, 'Features', {
    tenant,
    project: 'fraud_detection',
    repository: FeatureRepository.git('https://github.com/example/feature-repo.git', { ref: 'v1.2.0', path: 'fraud' }),
    onlineStore: OnlineStore.database('redis', { secretName: 'feast-stores' }),
    offlineStore: OfflineStore.database('postgres', { secretName: 'feast-stores' }),
    registry: FeatureRegistry.database('sql', { secretName: 'feast-stores' }),
    servers: { online: {}, offline: {}, registry: { restApi: true }, ui: {} },
    authorization: FeastAuthorization.kubernetes(['feast-reader']),
    replicas: options.replicas,
    materialization: { schedule: '@hourly' },
  });
  // Kubeflow Pipelines steps run as default-editor, like the notebooks.
  store.grantAccess(clients, { serviceAccounts: ['default-editor'] });
  return store;
}
