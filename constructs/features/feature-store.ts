import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  checkCount, checkCronSchedule, checkEnv, checkImage, checkMetadataMap, checkName, Cpu, emit, EnvMap, EnvValue, fail, field as join, lazy, NameRule,
  renderEnv, renderResources, resolveNamespace, Resource, ResourceProps, resourceName, ResourcesProps, Size, Volume, warn,
} from '../core';
import { IPodDefault, ITenant, PodDefault, Tenant } from '../tenancy';
import { RoleBinding } from '../wire/core';
import * as wire from '../wire/feast-dev';
import { FeastAuthorization } from './authorization';
import { FeatureRepository } from './repository';
import { OfflineStore, OnlineStore, FeatureRegistry } from './stores';

/** Log levels of the Feast servers. */
export type FeastLogLevel = NonNullable<wire.FeatureStoreLineageServerServer['logLevel']>;

/** TLS of a Feast server: a Secret of type `kubernetes.io/tls` in the store's namespace. */
export interface ServerTlsOptions {
  readonly secretName: string;
  /** @default tls.crt */
  readonly certKey?: string;
  /** @default tls.key */
  readonly keyKey?: string;
}

/** How one Feast server runs (they all share the store's pod). */
export interface FeatureServerOptions {
  /** @default - the operator's feature-server image (quay.io/feastdev/feature-server, its version) */
  readonly image?: string;
  /**
   * cpu and memory each default separately. The operator sets none, and a tenant's quota on
   * requests rejects a pod whose containers state none.
   * @default - 250m CPU requested (limit 1) and 512 MiB memory requested (limit 1 GiB)
   */
  readonly resources?: ResourcesProps;
  /** @default - none */
  readonly env?: EnvMap;
  /** @default - Feast's (info) */
  readonly logLevel?: FeastLogLevel;
  /** Serve HTTPS (port 443) with this certificate; clients get the certificate through `grantAccess`. @default - plain HTTP (port 80) */
  readonly tls?: ServerTlsOptions;
}

/** How the registry server runs. */
export interface RegistryServerOptions extends FeatureServerOptions {
  /** Serve the REST API too (the UI and MCP need it). @default false */
  readonly restApi?: boolean;
  /** Serve gRPC (what SDK clients use). @default true */
  readonly grpc?: boolean;
}

/** Which Feast servers run; each gets a Service `feast-<name>-<server>`. */
export interface FeatureServers {
  /** The online feature server (`feast serve`); `false` turns it off. @default - runs, with the operator's defaults */
  readonly online?: FeatureServerOptions | false;
  /** The offline feature server (Arrow Flight), for `get_historical_features` from clients. @default - not run */
  readonly offline?: FeatureServerOptions;
  /** The registry server: clients need it (or a remote registry) to read feature definitions. @default - not run */
  readonly registry?: RegistryServerOptions;
  /** The Feast web UI. @default - not run */
  readonly ui?: FeatureServerOptions;
}

/** The materialization CronJob: loads the latest feature values into the online store. */
export interface MaterializationOptions {
  /** A cron schedule (`'0 * * * *'`, `@hourly`). */
  readonly schedule: string;
  /** @default - the controller's time zone (UTC) */
  readonly timeZone?: string;
  /** Shell commands run in the servers' pod. @default - `feast apply`, then `feast materialize-incremental <now>` (the operator's) */
  readonly commands?: string[];
  /** The image running `kubectl exec` into the servers' pod. @default - the operator's */
  readonly image?: string;
  /** cpu and memory each default separately. @default - 50m CPU requested and 128 MiB memory (limit 256 MiB) */
  readonly resources?: ResourcesProps;
  /** @default false */
  readonly suspend?: boolean;
}

export interface FeatureStoreProps extends ResourceProps {
  /** The tenant whose namespace runs the store. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's */
  readonly namespace?: string;
  /** The Feast project name (`feastProject`): letters, digits, `_` and `-`. */
  readonly project: string;
  /** Where the feature definitions come from. @default - FeatureRepository.init(): a new example project */
  readonly repository?: FeatureRepository;
  /** @default - OnlineStore.file(): SQLite in the pod (lost when it restarts) */
  readonly onlineStore?: OnlineStore;
  /** @default - none: files read with Dask in the pod */
  readonly offlineStore?: OfflineStore;
  /** The registry of feature definitions: this store's own, or a remote one. @default - FeatureRegistry.file(): a file in the pod */
  readonly registry?: FeatureRegistry;
  /** @default - the online server only */
  readonly servers?: FeatureServers;
  /** @default - FeastAuthorization.kubernetes(): service-account tokens, no roles (the operator's default) */
  readonly authorization?: FeastAuthorization;
  /** Pods running the servers; more than one needs database stores (and a shared registry). @default 1 */
  readonly replicas?: number;
  /** @default - the operator's: suspended */
  readonly materialization?: MaterializationOptions;
  /** Annotations of the servers' pod, e.g. `sidecar.istio.io/inject: "false"` when its clients run without a sidecar. @default - none */
  readonly podAnnotations?: Record<string, string>;
}

/** A pod-bearing construct that can read a feature store: a Notebook or a training job. */
export interface IFeatureStoreClient extends IConstruct {
  readonly namespace: string;
  /** The service accounts its pods run as. */
  readonly serviceAccountNames: readonly string[];
  addPodDefault(podDefault: IPodDefault): void;
}

/** Options of {@link FeatureStore.grantAccess}. */
export interface GrantAccessOptions {
  /** Authorization roles to bind the clients' service accounts to. @default - every role of the store's Kubernetes authorization */
  readonly roles?: string[];
  /** More service accounts to bind, e.g. `default-editor`, which Kubeflow Pipelines steps run as. @default - none */
  readonly serviceAccounts?: string[];
  /**
   * With OIDC authorization: the clients' token, set as the authorization's `tokenEnvVar` (else
   * `FEAST_OIDC_TOKEN`), e.g. `EnvValue.fromSecret('feast-token', 'token')`.
   * @default - none: clients present their service-account token, which the servers review
   */
  readonly oidcToken?: EnvValue;
}

/** The servers' resources unless set: the operator sets none. */
const SERVER_RESOURCES: ResourcesProps = {
  cpu: { request: Cpu.millis(250), limit: Cpu.units(1) },
  memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
};
/** The materialization job's (it runs `kubectl exec`). */
const MATERIALIZATION_RESOURCES: ResourcesProps = {
  cpu: { request: Cpu.millis(50) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
};

/** Where the client configuration is mounted in client pods. */
const CLIENT_DIR = '/opt/feast';
const SERVER_TYPES = ['online', 'offline', 'registry'] as const;

/**
 * A Feast feature store (the Feast operator's `feast.dev/v1` FeatureStore): its project, feature
 * repository, online and offline stores, registry, servers, authorization and materialization,
 * in a tenant's namespace. The operator runs the servers in one Deployment `feast-<name>` and
 * writes the client configuration to ConfigMap `feast-<name>-client`; `grantAccess` gives
 * notebooks, training jobs and pipeline steps what the Feast SDK needs to use it.
 */
export class FeatureStore extends Resource {
  public readonly apiVersion = 'feast.dev/v1';
  public readonly kind = 'FeatureStore';
  public readonly name: string;
  public readonly namespace: string;
  public readonly project: string;
  /** The ConfigMap the operator writes the clients' `feature_store.yaml` to. */
  public readonly clientConfigMapName: string;
  public readonly apiObject: ApiObject;
  private readonly props: FeatureStoreProps;
  private readonly authorization: FeastAuthorization;
  private access?: { podDefault: PodDefault; subjects: Map<string, Set<string>> };

  constructor(scope: Construct, id: string, props: FeatureStoreProps) {
    super(scope, id);
    this.props = props;
    // The operator names Services `feast-<name>-registry-rest`: DNS labels of at most 63.
    this.name = resourceName(this, props.name, { rule: NameRule.LABEL_1035, derived: [{ prefix: 'feast-', suffix: '-registry-rest', by: 'the Feast operator names a Service' }] });
    this.namespace = resolveNamespace(this, props);
    this.clientConfigMapName = `feast-${this.name}-client`;
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(props.project)) {
      fail(this, 'project', `"${props.project}" is not a Feast project name`, 'use letters, digits, "_" and "-", starting with a letter or digit');
    }
    this.project = props.project;
    this.authorization = props.authorization ?? FeastAuthorization.kubernetes();
    const spec: wire.FeatureStoreSpec = {
      feastProject: props.project,
      feastProjectDir: props.repository?._render(this, 'repository'),
      services: this.renderServices(),
      authz: this.authorization._render(this, 'authorization'),
      replicas: props.replicas === undefined ? undefined : checkCount(this, 'replicas', props.replicas, 1, 'give the number of server pods, at least 1'),
      cronJob: this.renderMaterialization(),
    };
    this.checkScaling();
    const missing = props.tenant instanceof Tenant ? props.tenant._defaultsMissing : [];
    if (missing.length) {
      // The operator's init containers (feast-init clones or creates the repository, feast-apply registers it) state no resources.
      warn(this, 'tenant', `the Feast operator adds init containers without resources to the servers' pod, and tenant ${props.tenant!.name}'s quota on ${missing.join(', ')} rejects pods whose containers state none: the servers would never start`,
        'give the tenant containerDefaults (a LimitRange), e.g. { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(256) } }');
    }
    this.apiObject = this.emitResource({ name: this.name, namespace: this.namespace, appName: 'feature-store', component: 'features', ...props.metadata }, { spec });
  }

  /**
   * Gives notebooks and training jobs (of the store's namespace) what the Feast SDK needs: a
   * PodDefault they select, which mounts the client `feature_store.yaml` at
   * `/opt/feast/feature_store.yaml` (and `FEAST_FS_YAML_FILE_PATH` points at it, so
   * `FeatureStore()` finds it), the servers' TLS certificates where that file expects them, the
   * service-account token the servers authenticate; and RoleBindings of their service
   * accounts to the authorization roles. Returns the PodDefault: select it from pipeline steps
   * with `kubernetes: { podLabels: podDefault.selectorLabels }`.
   */
  public grantAccess(clients: IFeatureStoreClient[], options: GrantAccessOptions = {}): IPodDefault {
    const registry = this.props.registry;
    if (!this.props.servers?.registry && !registry?._remote) {
      fail(this, 'servers.registry', 'is not set, so the client configuration has no registry and the Feast SDK finds no feature definitions',
        'run the registry server (servers: { registry: {} }) or use a remote registry (FeatureRegistry.remote(…))');
    }
    const roles = options.roles ?? [...this.authorization._roles];
    const unknown = roles.filter((r) => !this.authorization._roles.includes(r));
    if (unknown.length) {
      fail(this, 'grantAccess.roles', `names ${unknown.map((r) => `"${r}"`).join(', ')}, which the store's Kubernetes authorization does not list`,
        this.authorization._kind === 'kubernetes' ? `use one of: ${this.authorization._roles.join(', ') || '(none: the store lists no roles)'}` : 'roles belong to FeastAuthorization.kubernetes([…])');
    }
    clients.forEach((c, i) => {
      if (c.namespace !== this.namespace) {
        fail(this, `grantAccess.clients[${i}]`, `${c.node.path} runs in namespace "${c.namespace}", and the store in "${this.namespace}"`, 'grant access to clients of the store\'s namespace (the client configuration and certificates live there)');
      }
    });
    (options.serviceAccounts ?? []).forEach((sa, i) => checkName(this, `grantAccess.serviceAccounts[${i}]`, sa));
    if (options.oidcToken && this.authorization._kind !== 'oidc') {
      fail(this, 'grantAccess.oidcToken', `is set, and the store's authorization is ${this.authorization._kind}`, 'drop oidcToken, or use FeastAuthorization.oidc(…)');
    }
    if (this.access && options.oidcToken) fail(this, 'grantAccess.oidcToken', 'is set after the first grantAccess call, which made the clients\' configuration', 'give oidcToken in the first call');
    const access = this.access ??= { podDefault: this.clientPodDefault(options.oidcToken), subjects: new Map() };
    const accounts = [...clients.flatMap((c) => c.serviceAccountNames), ...options.serviceAccounts ?? []];
    for (const role of roles) {
      let subjects = access.subjects.get(role);
      if (!subjects) {
        subjects = new Set();
        access.subjects.set(role, subjects);
        this.bindRole(role, subjects);
      }
      for (const sa of accounts) subjects.add(sa);
    }
    for (const c of clients) c.addPodDefault(access.podDefault);
    return access.podDefault;
  }

  /** The PodDefault that configures a client pod. */
  private clientPodDefault(oidcToken: EnvValue | undefined): PodDefault {
    const servers = this.props.servers ?? {};
    const env: EnvMap = { FEAST_FS_YAML_FILE_PATH: `${CLIENT_DIR}/feature_store.yaml` };
    if (oidcToken) env[this.authorization._tokenEnvVar ?? 'FEAST_OIDC_TOKEN'] = oidcToken;
    const mounts = [{ volume: Volume.fromConfigMap(this.clientConfigMapName, { name: 'feast-client', items: { 'feature_store.yaml': { path: 'feature_store.yaml' } } }), path: CLIENT_DIR, readOnly: true }];
    for (const type of SERVER_TYPES) {
      const tls = (servers[type] || undefined)?.tls;
      // The client configuration names /tls/<server>/<cert key>: mount only the certificate there, never the key.
      const cert = tls?.certKey ?? 'tls.crt';
      if (tls) mounts.push({ volume: Volume.fromSecret(tls.secretName, { name: `feast-${type}-tls`, items: { [cert]: { path: cert } } }), path: `/tls/${type}`, readOnly: true });
    }
    return new PodDefault(this, 'ClientAccess', {
      name: this.clientConfigMapName,
      namespace: this.namespace,
      description: `Feast feature store ${this.project} (${this.name})`,
      env,
      mounts,
      // Kubernetes and OIDC authorization read the pod's service-account token.
      automountServiceAccountToken: this.authorization._kind === 'none' ? undefined : true,
    });
  }

  /** A RoleBinding of the granted service accounts to a Role the operator makes for `role` (it has no rules: Feast reads the binding). */
  private bindRole(role: string, subjects: ReadonlySet<string>): void {
    const name = `feast-${this.name}-access-${role}`;
    if (name.length > 253) {
      fail(this, 'authorization.roles', `role "${role.slice(0, 20)}…" makes the RoleBinding name ${name.length} characters long; Kubernetes allows 253`, `shorten the role name to at most ${253 - name.length + role.length} characters`);
    }
    const fields: Omit<RoleBinding, 'apiVersion' | 'kind' | 'metadata'> = {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
      subjects: lazy(() => [...subjects].sort().map((sa) => ({ kind: 'ServiceAccount', name: sa, namespace: this.namespace }))) as unknown as RoleBinding['subjects'],
    };
    emit(this, `Access-${role}`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
      { name, namespace: this.namespace, appName: 'feature-store', component: 'access', instance: this.name }, fields);
  }

  private renderServices(): wire.Services {
    const p = this.props;
    checkMetadataMap(this, 'podAnnotations', p.podAnnotations, 'annotations');
    const servers = p.servers ?? {};
    if (p.registry?._remote && servers.registry) {
      fail(this, 'servers.registry', 'is set, and the registry is remote', 'drop servers.registry: the remote store runs the registry server');
    }
    const online = servers.online === false ? undefined : servers.online;
    const registryLocal = p.registry?._remote ? undefined : {
      persistence: p.registry?._render(this, 'registry') as wire.FeatureStoreLocalPersistence | undefined,
      server: servers.registry ? { ...this.renderServer('servers.registry', servers.registry), restAPI: servers.registry.restApi, grpc: servers.registry.grpc } : undefined,
    };
    if (servers.online === false && !servers.offline && !servers.registry && !servers.ui) {
      fail(this, 'servers', 'runs no server: the online server is off and no other is given', 'run at least one server (the operator requires one)');
    }
    const shared = p.registry?._store;
    if (shared && shared.name === this.name && shared.namespace === this.namespace) {
      fail(this, 'registry', 'is this store\'s own registry, through FeatureRegistry.of(…)', 'give another store, or a registry of this store (FeatureRegistry.file or .database)');
    }
    if (shared instanceof FeatureStore && (!shared.props.servers?.registry || shared.props.servers.registry.grpc === false)) {
      fail(this, 'registry', `is the registry of ${shared.node.path}, which runs no gRPC registry server`, `give ${shared.node.path} servers: { registry: {} }`);
    }
    if (servers.registry && servers.registry.grpc === false && !servers.registry.restApi) {
      fail(this, 'servers.registry.grpc', 'is false, and restApi is not set: the registry server would serve nothing', 'keep gRPC (the SDK uses it) or set restApi: true');
    }
    return {
      onlineStore: {
        disabled: servers.online === false || undefined,
        persistence: p.onlineStore?._render(this, 'onlineStore'),
        server: online ? this.renderServer('servers.online', online) : undefined,
      },
      offlineStore: p.offlineStore || servers.offline ? {
        persistence: p.offlineStore?._render(this, 'offlineStore'),
        server: servers.offline ? this.renderServer('servers.offline', servers.offline) : undefined,
      } : undefined,
      registry: p.registry?._remote ? { remote: p.registry._render(this, 'registry') as wire.Remote }
        : registryLocal?.persistence || registryLocal?.server ? { local: registryLocal } : undefined,
      ui: servers.ui ? this.renderServer('servers.ui', servers.ui) : undefined,
      podAnnotations: p.podAnnotations,
    };
  }

  private renderServer(field: string, o: FeatureServerOptions): wire.FeatureStoreLineageServerServer {
    if (o.image !== undefined) checkImage(this, join(field, 'image'), o.image);
    checkEnv(this, join(field, 'env'), o.env);
    if (o.tls) checkName(this, join(field, 'tls.secretName'), o.tls.secretName);
    return {
      image: o.image,
      resources: renderResources(this, join(field, 'resources'), { ...SERVER_RESOURCES, ...o.resources }),
      env: renderEnv(o.env),
      logLevel: o.logLevel,
      tls: o.tls ? {
        secretRef: { name: o.tls.secretName },
        secretKeyNames: o.tls.certKey || o.tls.keyKey ? { tlsCrt: o.tls.certKey, tlsKey: o.tls.keyKey } : undefined,
      } : undefined,
    };
  }

  private renderMaterialization(): wire.CronJob | undefined {
    const m = this.props.materialization;
    if (!m) return undefined;
    const schedule = checkCronSchedule(this, 'materialization.schedule', m.schedule);
    if (m.image !== undefined) checkImage(this, 'materialization.image', m.image);
    if (m.commands !== undefined && (m.commands.length === 0 || m.commands.some((c) => !c.trim()))) {
      fail(this, 'materialization.commands', 'is empty or has an empty command', 'give shell commands, e.g. [\'feast materialize-incremental $(date -u +%Y-%m-%dT%H:%M:%S)\'], or leave commands out for the operator\'s');
    }
    if (m.timeZone !== undefined && !isTimeZone(m.timeZone)) {
      fail(this, 'materialization.timeZone', `"${m.timeZone}" is not an IANA time zone`, "give e.g. 'Europe/Berlin' or 'Etc/UTC'");
    }
    return {
      schedule, timeZone: m.timeZone, suspend: m.suspend,
      containerConfigs: {
        image: m.image, commands: m.commands,
        resources: renderResources(this, 'materialization.resources', { ...MATERIALIZATION_RESOURCES, ...m.resources }),
      },
    };
  }

  /** The CRD's scaling rules, with the prop to change: several pods must share their stores. */
  private checkScaling(): void {
    const replicas = this.props.replicas ?? 1;
    if (replicas <= 1) return;
    const p = this.props;
    const fix = 'use a database store (…Store.database(…)), or one replica';
    if (!p.onlineStore?._shared) fail(this, 'onlineStore', `keeps data in each pod, and replicas is ${replicas}`, fix);
    // The offline store is configured (a file store by default) as soon as its server runs.
    if ((p.offlineStore || p.servers?.offline) && !p.offlineStore?._shared) fail(this, 'offlineStore', `keeps data in each pod, and replicas is ${replicas}`, fix);
    if (!p.registry?._shared) fail(this, 'registry', `is a file in each pod, and replicas is ${replicas}`, 'use FeatureRegistry.database(…), a bucket (s3:// or gs:// path), a remote registry, or one replica');
  }
}

/** Whether `tz` names a time zone of the IANA database (as the CronJob controller reads it; aliases such as `UTC` too). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
