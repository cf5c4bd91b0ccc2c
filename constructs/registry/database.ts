import { SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkImage, checkName, Cpu, fail, field as join, isDataKey, renderResources, ResourcesProps, Size, sizeQuantity } from '../core';
import { ResourceRequirements } from '../wire/core';

/** A key of a Secret in the registry's namespace. */
export interface SecretKeyRef {
  /** The Secret's name. */
  readonly name: string;
  /** The key in it. */
  readonly key: string;
}

/** The database engines the registry server speaks (its `--embedmd-database-type`). */
export type RegistryDatabaseType = 'mysql' | 'postgres';

/** A development database the registry runs beside itself: `RegistryDatabase.mysql(…)` or `RegistryDatabase.postgres(…)`. */
export interface InClusterDatabaseOptions {
  /**
   * The Secret key holding the database password; you create the Secret (no password is ever
   * written to the manifests). The database and the server both read it, and the server puts it
   * into its DSN as it is, so use only letters, digits and `-._~` (e.g. `openssl rand -hex 24`).
   */
  readonly passwordSecret: SecretKeyRef;
  /** The database's volume (a StatefulSet volumeClaimTemplate). @default Size.gibibytes(10) */
  readonly storage?: Size;
  /** @default - the cluster's default StorageClass */
  readonly storageClass?: string;
  /**
   * An image of the official `mysql` or `postgres` family: the pod runs as its database user
   * (uid 999 for mysql, 70 for postgres-alpine).
   * @default 'mysql:8.4' (the LTS; upstream's overlay runs 8.3, an innovation release past its end of life), 'postgres:16-alpine' (upstream's)
   */
  readonly image?: string;
  /** The database that holds the registry's tables (created on first start). @default 'metadb' */
  readonly database?: string;
  /**
   * Each of cpu and memory defaults separately. Upstream sets none; these let a tenant quota
   * (which requires them) admit the pod.
   * @default - mysql: 250m CPU (limit 1), 512 MiB memory (limit 1 GiB); postgres: 100m CPU (limit 1), 256 MiB (limit 512 MiB)
   */
  readonly resources?: ResourcesProps;
}

/** A database run outside the registry (a managed service, an operator's cluster): `RegistryDatabase.external(…)`. */
export interface ExternalDatabaseOptions {
  readonly type: RegistryDatabaseType;
  /**
   * The Secret key holding the whole DSN. mysql: `user:pass@tcp(host:3306)/db?charset=utf8mb4`
   * (go-sql-driver form, one `?`); postgres: `postgresql://user:pass@host:5432/db?sslmode=require`
   * (password URL-encoded) or libpq's `host=… user=… password=… dbname=…`.
   */
  readonly dsnSecret: SecretKeyRef;
}

/** How the in-cluster database of an engine runs. @internal */
export interface DatabaseEngine {
  readonly image: string;
  /** The image's database user, which the pod runs as and which owns the volume (`fsGroup`). */
  readonly uid: number;
  readonly port: number;
  /** Where the volume is mounted. */
  readonly dataPath: string;
  /** The database container's env var that takes the password. */
  readonly passwordEnv: string;
  /** Its other env, given the database name. */
  readonly env: (database: string) => Record<string, string>;
  readonly args?: string[];
  /** The readiness check, run in the database container. */
  readonly ready: (database: string) => string[];
  /** The server's DSN, with `$(<passwordVar>)` for the kubelet to expand from the server's env. */
  readonly dsn: (host: string, database: string, passwordVar: string) => string;
  readonly resources: ResourcesProps;
}

/**
 * The engines as upstream's overlays run them (manifests/kustomize/overlays/db and /postgres of
 * kubeflow/model-registry v0.3.8), as user root. Postgres gets the readiness probe upstream lacks.
 */
const ENGINES: Record<RegistryDatabaseType, DatabaseEngine> = {
  mysql: {
    image: 'mysql:8.4',
    uid: 999,
    port: 3306,
    dataPath: '/var/lib/mysql',
    passwordEnv: 'MYSQL_ROOT_PASSWORD',
    env: (database) => ({ MYSQL_DATABASE: database }),
    // A fresh volume's root holds lost+found, which mysqld refuses as its data directory.
    args: ['--datadir', '/var/lib/mysql/datadir'],
    // MYSQL_PWD keeps the password off the command line.
    ready: () => ['sh', '-c', 'MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql -h 127.0.0.1 -u root -D "$MYSQL_DATABASE" -e "SELECT 1"'],
    dsn: (host, database, password) => `root:$(${password})@tcp(${host}:3306)/${database}?charset=utf8mb4`,
    resources: { cpu: { request: Cpu.millis(250), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } },
  },
  postgres: {
    image: 'postgres:16-alpine',
    uid: 70,
    port: 5432,
    dataPath: '/var/lib/postgresql/data',
    passwordEnv: 'POSTGRES_PASSWORD',
    // A subdirectory, for the same reason as mysql's datadir.
    env: (database) => ({ POSTGRES_DB: database, POSTGRES_USER: 'root', PGDATA: '/var/lib/postgresql/data/pgdata' }),
    ready: (database) => ['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'root', '-d', database],
    dsn: (host, database, password) => `postgresql://root:$(${password})@${host}:5432/${database}?sslmode=disable`,
    resources: { cpu: { request: Cpu.millis(100), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) } },
  },
};

/** What the registry emits for an in-cluster database, after {@link RegistryDatabase._validate}. @internal */
export interface InClusterDatabase {
  readonly engine: DatabaseEngine;
  readonly image: string;
  readonly database: string;
  readonly passwordSecret: SecretKeyRef;
  readonly storage: Size;
  readonly storageClass?: string;
  readonly resources?: ResourceRequirements;
}

// Identifiers both engines accept unquoted (mysql allows 64 characters, postgres 63).
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The registry's database: `RegistryDatabase.mysql(…)` or `RegistryDatabase.postgres(…)` run one
 * in the registry's namespace for development (a one-replica StatefulSet and a Service
 * `<registry>-db`); `RegistryDatabase.external(…)` uses one you run, for production.
 */
export class RegistryDatabase {
  /** MySQL 8.4 in the cluster, as upstream's `overlays/db` runs it: for development. */
  static mysql(options: InClusterDatabaseOptions): RegistryDatabase {
    return new RegistryDatabase('mysql', options, undefined);
  }

  /** PostgreSQL 16 in the cluster, as upstream's `overlays/postgres`: for development. */
  static postgres(options: InClusterDatabaseOptions): RegistryDatabase {
    return new RegistryDatabase('postgres', options, undefined);
  }

  /** A database you run; the server reads its DSN from a Secret. For production. */
  static external(options: ExternalDatabaseOptions): RegistryDatabase {
    return new RegistryDatabase(options.type, undefined, options.dsnSecret);
  }

  private constructor(
    /** The engine. */
    public readonly type: RegistryDatabaseType,
    private readonly options: InClusterDatabaseOptions | undefined,
    private readonly dsnSecret: SecretKeyRef | undefined,
  ) {}

  /**
   * Checks the options and returns what the registry emits: the Secret key of the DSN (external),
   * or the database to run. @internal
   */
  public _validate(scope: IConstruct, field: string): { dsnSecret: SecretKeyRef } | { inCluster: InClusterDatabase } {
    if (!Object.hasOwn(ENGINES, this.type)) fail(scope, join(field, 'type'), `"${this.type}" is not a database type the registry supports`, 'use "mysql" or "postgres"');
    if (this.dsnSecret) return { dsnSecret: checkSecretKey(scope, join(field, 'dsnSecret'), this.dsnSecret) };
    const o = this.options!;
    const engine = ENGINES[this.type];
    const image = o.image ?? engine.image;
    checkImage(scope, join(field, 'image'), image);
    const database = o.database ?? 'metadb';
    if (!DATABASE_NAME.test(database)) {
      fail(scope, join(field, 'database'), `"${database}" is not a database name both engines accept unquoted`, 'use letters, digits and "_", starting with a letter or "_", at most 63 characters, e.g. "metadb"');
    }
    const storage = o.storage ?? Size.gibibytes(10);
    if (!(storage.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) > 0)) {
      fail(scope, join(field, 'storage'), `must be greater than zero, got ${sizeQuantity(storage)}`, 'give the volume a size, e.g. Size.gibibytes(10)');
    }
    if (o.storageClass !== undefined) checkName(scope, join(field, 'storageClass'), o.storageClass);
    return {
      inCluster: {
        engine, image, database, storage, storageClass: o.storageClass,
        passwordSecret: checkSecretKey(scope, join(field, 'passwordSecret'), o.passwordSecret),
        resources: renderResources(scope, join(field, 'resources'), { ...engine.resources, ...o.resources }),
      },
    };
  }
}

function checkSecretKey(scope: IConstruct, field: string, ref: SecretKeyRef): SecretKeyRef {
  checkName(scope, join(field, 'name'), ref.name);
  if (!isDataKey(ref.key)) {
    fail(scope, join(field, 'key'), `"${ref.key}" is not a valid Secret key`, 'use letters, digits, "-", "_" and ".", e.g. "password"');
  }
  return ref;
}
