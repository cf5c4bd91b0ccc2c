import { IConstruct } from 'constructs';
import { checkName, fail, field as join, isDataKey, Size, sizeQuantity } from '../core';
import * as wire from '../wire/feast-dev';

/** Database online stores the Feast operator configures (the FeatureStore CRD's enum). */
export type OnlineDatabase = wire.FeatureStoreOnlineStorePersistenceStore['type'];
/** Database and warehouse offline stores the Feast operator configures. */
export type OfflineDatabase = wire.FeatureStoreOfflineStorePersistenceStore['type'];
/** Databases a Feast registry can live in. */
export type FeatureRegistryDatabase = wire.FeatureStoreLocalPersistenceStore['type'];
/** File formats of a file offline store. */
export type OfflineFileFormat = NonNullable<wire.FeatureStoreOfflineStorePersistenceFile['type']>;

/**
 * Where a store's connection settings live: a key of a Secret in the store's namespace whose
 * value is that store's section of `feature_store.yaml` without its `type` (e.g. for
 * Postgres `host`, `port`, `database`, `user`, `password`). `${VAR}` in it is expanded from the
 * servers' environment.
 */
export interface StoreCredentials {
  readonly secretName: string;
  /**
   * The key holding the settings. Set it when two stores of one Secret have the same type
   * (an online and an offline `postgres`): both would read the same key.
   * @default - the store's type, e.g. `postgres` (the operator's default)
   */
  readonly key?: string;
}

/** A PersistentVolumeClaim the Feast servers keep a file store on. */
export interface FeastClaimOptions {
  /** An existing claim; without it the operator creates `feast-<store>-<online|offline|registry>`. @default - a claim the operator creates */
  readonly claimName?: string;
  /** The size of the claim the operator creates (it cannot be changed later: the CRD makes it immutable). @default - 5 GiB (online, registry), 20 GiB (offline) */
  readonly size?: Size;
  /** The storage class of the claim the operator creates. @default - the cluster's default */
  readonly storageClass?: string;
  /** Where the servers mount it. */
  readonly mountPath: string;
}

/** Options of a file online store (SQLite). */
export interface OnlineFileOptions {
  /**
   * The database file: an absolute path in the pod, or with `claim` a file name on it.
   * @default - `/feast-data/online_store.db` (an emptyDir: lost when the pod restarts), or `online_store.db` on the claim
   */
  readonly path?: string;
  /** Keep the file on a claim, so it outlives the pod. @default - none */
  readonly claim?: FeastClaimOptions;
}

/** Where the online store (low-latency feature serving) keeps its data. */
export class OnlineStore {
  /** A SQLite file in the servers' pod: for development (one replica). */
  static file(options: OnlineFileOptions = {}): OnlineStore {
    return new OnlineStore(false, (scope, field) => {
      const { path, claim } = options;
      if (path !== undefined) {
        if (/^(s3|gs):\/\//.test(path)) fail(scope, join(field, 'path'), `"${path}" is an object store URI; the online store cannot live in a bucket`, 'use a database online store (OnlineStore.database(…)), or a file');
        if (claim && path.includes('/')) fail(scope, join(field, 'path'), `"${path}" has a slash; on a claim the path is a file name`, "give a file name such as 'online_store.db'");
        if (!claim && !path.startsWith('/')) fail(scope, join(field, 'path'), `"${path}" is relative; without a claim the path is absolute`, "give an absolute path such as '/feast-data/online_store.db', or add a claim");
      }
      return { file: { path, pvc: renderClaim(scope, join(field, 'claim'), claim) } };
    });
  }

  /** A database (Redis, Postgres, DynamoDB, …) whose settings are in a Secret: what several replicas need. */
  static database(type: OnlineDatabase, credentials: StoreCredentials): OnlineStore {
    return new OnlineStore(true, (scope, field) => ({ store: renderStore(scope, field, type, credentials) }));
  }

  private constructor(
    /** @internal */ public readonly _shared: boolean,
    private readonly render: (scope: IConstruct, field: string) => wire.FeatureStoreOnlineStorePersistence) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): wire.FeatureStoreOnlineStorePersistence {
    return this.render(scope, field);
  }
}

/** Where the offline store (historical features for training) keeps its data. */
export class OfflineStore {
  /** Files (Parquet) read with Dask or DuckDB, in the pod or on a claim. */
  static file(options: { readonly format?: OfflineFileFormat; readonly claim?: FeastClaimOptions } = {}): OfflineStore {
    return new OfflineStore(false, (scope, field) => ({ file: { type: options.format, pvc: renderClaim(scope, join(field, 'claim'), options.claim) } }));
  }

  /** A database or warehouse (Postgres, BigQuery, Snowflake, Spark, …) whose settings are in a Secret. */
  static database(type: OfflineDatabase, credentials: StoreCredentials): OfflineStore {
    return new OfflineStore(true, (scope, field) => ({ store: renderStore(scope, field, type, credentials) }));
  }

  private constructor(
    /** @internal */ public readonly _shared: boolean,
    private readonly render: (scope: IConstruct, field: string) => wire.FeatureStoreOfflineStorePersistence) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): wire.FeatureStoreOfflineStorePersistence {
    return this.render(scope, field);
  }
}

/** Options of a file registry. */
export interface FeatureRegistryFileOptions {
  /**
   * The registry file: an absolute path in the pod, an `s3://` or `gs://` object, or with
   * `claim` a file name on it.
   * @default - `/feast-data/registry.db`, or `registry.db` on the claim
   */
  readonly path?: string;
  /** Keep the file on a claim. @default - none */
  readonly claim?: FeastClaimOptions;
  /** How long clients cache the registry, in seconds. @default - Feast's (600) */
  readonly cacheTtlSeconds?: number;
}

/** Where a store's own registry (the catalogue of feature definitions) is kept. */
export class FeatureRegistry {
  /** A file in the pod, on a claim, or in S3/GCS. */
  static file(options: FeatureRegistryFileOptions = {}): FeatureRegistry {
    const bucket = options.path !== undefined && /^(s3|gs):\/\//.test(options.path);
    return new FeatureRegistry(bucket, (scope, field) => {
      const { path, claim, cacheTtlSeconds } = options;
      if (path !== undefined && !bucket) {
        if (claim && path.includes('/')) fail(scope, join(field, 'path'), `"${path}" has a slash; on a claim the path is a file name`, "give a file name such as 'registry.db'");
        if (!claim && !path.startsWith('/')) fail(scope, join(field, 'path'), `"${path}" is neither absolute nor an s3:// or gs:// URI`, "give an absolute path such as '/feast-data/registry.db', a bucket URI, or add a claim");
      }
      if (bucket && claim) fail(scope, join(field, 'claim'), `is set, and the path "${path}" is a bucket`, 'keep the registry either in the bucket or on the claim');
      if (cacheTtlSeconds !== undefined && (!Number.isInteger(cacheTtlSeconds) || cacheTtlSeconds < 0)) {
        fail(scope, join(field, 'cacheTtlSeconds'), `must be a whole number ≥ 0, got ${cacheTtlSeconds}`, 'give seconds, or 0 to never expire the cache');
      }
      return { file: { path, pvc: renderClaim(scope, join(field, 'claim'), claim), cache_ttl_seconds: cacheTtlSeconds } };
    });
  }

  /** A SQL database (or Snowflake) whose settings (`path: postgresql+psycopg://…`) are in a Secret. */
  static database(type: FeatureRegistryDatabase, credentials: StoreCredentials): FeatureRegistry {
    return new FeatureRegistry(true, (scope, field) => ({ store: renderStore(scope, field, type, credentials) }));
  }

  /**
   * The registry server of another feature store (a FeatureStore of this app, which must run a
   * gRPC registry server, or one elsewhere by name and namespace): projects share definitions.
   */
  static of(store: { readonly name: string; readonly namespace: string }, options: RemoteRegistryOptions = {}): FeatureRegistry {
    return new FeatureRegistry(true, (scope, field) => ({ feastRef: { name: store.name, namespace: store.namespace }, tls: renderRemoteTls(scope, field, options.tls) }), true, store);
  }

  /** A registry server elsewhere, as `host:port` (e.g. `feast-shared-registry.features.svc.cluster.local:80`). */
  static remote(hostname: string, options: RemoteRegistryOptions = {}): FeatureRegistry {
    return new FeatureRegistry(true, (scope, field) => {
      if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?:\d{1,5}$/.test(hostname)) fail(scope, join(field, 'hostname'), `"${hostname}" is not host:port`, "give e.g. 'feast-shared-registry.features.svc.cluster.local:80'");
      return { hostname, tls: renderRemoteTls(scope, field, options.tls) };
    }, true);
  }

  private constructor(
    /** @internal */ public readonly _shared: boolean,
    private readonly render: (scope: IConstruct, field: string) => wire.FeatureStoreLocalPersistence | wire.Remote,
    /** @internal */ public readonly _remote = false,
    /** The store whose registry this is (FeatureRegistry.of). @internal */ public readonly _store?: { readonly name: string; readonly namespace: string }) {}

  /** Its `registry.local.persistence`, or for a remote registry `registry.remote`. @internal */
  public _render(scope: IConstruct, field: string): wire.FeatureStoreLocalPersistence | wire.Remote {
    return this.render(scope, field);
  }
}

/** Options of a remote registry. */
export interface RemoteRegistryOptions {
  /** The registry server's TLS: the CA certificate that verifies it, a key of a ConfigMap in this store's namespace. @default - plain gRPC */
  readonly tls?: { readonly configMapName: string; readonly certName: string };
}

function renderRemoteTls(scope: IConstruct, field: string, tls: RemoteRegistryOptions['tls']): wire.FeatureStoreRemoteTls | undefined {
  if (!tls) return undefined;
  checkName(scope, join(field, 'tls.configMapName'), tls.configMapName);
  if (!isDataKey(tls.certName)) fail(scope, join(field, 'tls.certName'), `"${tls.certName}" is not a ConfigMap key`, 'use letters, digits, "-", "_" and "."');
  return { configMapRef: { name: tls.configMapName }, certName: tls.certName };
}

function renderStore<T extends string>(scope: IConstruct, field: string, type: T, credentials: StoreCredentials) {
  checkName(scope, join(field, 'secretName'), credentials.secretName);
  if (credentials.key !== undefined && !isDataKey(credentials.key)) {
    fail(scope, join(field, 'key'), `"${credentials.key}" is not a Secret key`, 'use letters, digits, "-", "_" and "."');
  }
  return { type, secretRef: { name: credentials.secretName }, secretKeyName: credentials.key };
}

function renderClaim(scope: IConstruct, field: string, claim: FeastClaimOptions | undefined): wire.Pvc | undefined {
  if (!claim) return undefined;
  if (!/^\/[^:]*$/.test(claim.mountPath)) fail(scope, join(field, 'mountPath'), `"${claim.mountPath}" is not an absolute path without ':'`, "give e.g. '/data/online'");
  if (claim.claimName !== undefined) {
    if (claim.size !== undefined || claim.storageClass !== undefined) {
      fail(scope, join(field, claim.size !== undefined ? 'size' : 'storageClass'), 'is set for an existing claim', 'drop it, or drop claimName to have the operator create the claim');
    }
    checkName(scope, join(field, 'claimName'), claim.claimName);
    return { ref: { name: claim.claimName }, mountPath: claim.mountPath };
  }
  if (claim.storageClass !== undefined) checkName(scope, join(field, 'storageClass'), claim.storageClass);
  const create = { storageClassName: claim.storageClass, resources: claim.size ? { requests: { storage: sizeQuantity(claim.size) } } : undefined };
  return { create, mountPath: claim.mountPath };
}
