export { RegistryDatabase } from './database';
export type { ExternalDatabaseOptions, InClusterDatabaseOptions, RegistryDatabaseType, SecretKeyRef } from './database';
export { ModelRegistry } from './model-registry';
export type { ModelRegistryProps } from './model-registry';
export { ModelRegistryStorageInitializer } from './storage-initializer';
export type { ModelRegistryStorageInitializerProps } from './storage-initializer';
