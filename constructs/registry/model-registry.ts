import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { LABELS } from '../../manifest';
import {
  adopt, checkCount, checkMetadata, Cpu, EmitMetadata, fail, NameRule, renderResources, resolveNamespace, Resource, ResourceProps, resourceName,
  ResourcesProps, Size, sizeQuantity,
} from '../core';
import { ITenant } from '../tenancy';
import { ResourceRequirements } from '../wire/core';
import { InClusterDatabase, RegistryDatabase, SecretKeyRef } from './database';
import { registryImage } from './version';

/**
 * The Service name the storage initializer addresses a registry by (`<name>.<namespace>` for
 * `?namespace=`, its MODEL_REGISTRY_SERVICE_NAME default), and upstream's. @internal
 */
export const DEFAULT_SERVICE_NAME = 'model-registry-service';
/** The port the server listens on and its Service serves; the storage initializer assumes it. @internal */
export const REGISTRY_PORT = 8080;

export interface ModelRegistryProps extends ResourceProps {
  /** Where its tables live: `RegistryDatabase.mysql(…)`, `.postgres(…)` (development) or `.external(…)`. */
  readonly database: RegistryDatabase;
  /** The tenant whose namespace runs the registry. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /**
   * The registry's Service name (its Deployment's too; an in-cluster database's objects are
   * `<name>-db`). Change it only to run two registries in one namespace: the storage initializer
   * finds a namespace's registry at `<serviceName>.<namespace>` (`StorageUri.modelRegistry`), so
   * another name is reachable that way only if the ModelRegistryStorageInitializer's
   * `serviceName` is the same.
   * @default 'model-registry-service'
   */
  readonly name?: string;
  /** The Model Registry release. @default '0.3.8' */
  readonly version?: string;
  /** The server image instead of `version`'s. @default - ghcr.io/kubeflow/model-registry/server:v<version> */
  readonly image?: string;
  /** The name the Kubeflow UI shows (the Service's `displayName` annotation). @default - none */
  readonly displayName?: string;
  /** The description the Kubeflow UI shows (the Service's `description` annotation). @default - none */
  readonly description?: string;
  /**
   * The server's resources; cpu and memory each default separately. Upstream sets none; these
   * let a tenant quota (which requires them) admit the pod.
   * @default - 100m CPU requested (limit 1) and 256 MiB memory requested (limit 512 MiB)
   */
  readonly resources?: ResourcesProps;
  /** Server replicas, which share the database. @default 1 */
  readonly replicas?: number;
}

const PORT_NAME = 'http-api';
/** The server image's user (its Dockerfile's `USER 65532:65532`), set so that non-root is checkable. */
const SERVER_UID = 65532;
const SERVER_RESOURCES: ResourcesProps = {
  cpu: { request: Cpu.millis(100), limit: Cpu.units(1) },
  memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
};
/** The database's StatefulSet labels its pod `controller-revision-hash: <name>-db-<10-character hash>`, a label value. */
const DATABASE_REVISION_LABEL = { suffix: '-db-0123456789', by: 'the StatefulSet controller labels the database pod with its revision' } as const;
/** The env var of the server's DSN, which its args reference. */
const DSN_ENV = 'MODEL_REGISTRY_DSN';
const PASSWORD_ENV = 'DB_PASSWORD';
/** cdk8s-plus's pod label (`cdk8s.io/metadata.addr`), as a JSON pointer segment. */
const ADDRESS_LABEL = kplus.Pod.ADDRESS_LABEL.replace('/', '~1');

/**
 * The Kubeflow Model Registry server for one namespace (a tenant's), as upstream's manifests run
 * it (v0.3): a Deployment of the REST server, the Service the Kubeflow UI discovers (label
 * `component: model-registry`, port `http-api`) and KServe's storage initializer reaches, and
 * optionally a development database. The server authenticates no one: whoever reaches the
 * Service may read and write the registry. In Kubeflow's Istio-injected profile namespaces,
 * callers also need an Istio AuthorizationPolicy admitting them to the pods labelled
 * `component: model-registry-server` (upstream's options/istio), which this does not emit.
 */
export class ModelRegistry extends Resource {
  public readonly apiVersion = 'v1';
  /** The main object is the Service: the registry is known by its name. */
  public readonly kind = 'Service';
  /** The Service name. */
  public readonly name: string;
  public readonly namespace: string;
  /** The server image. */
  public readonly image: string;
  public readonly apiObject: ApiObject;

  /**
   * The REST endpoint inside the cluster, e.g. for the Python client in a notebook or training
   * job: `ModelRegistry(url, 8080, author=…, is_secure=False)` (the client reads no variable of
   * its own, so pass it as one of yours).
   */
  public get url(): string {
    return `http://${this.name}.${this.namespace}.svc.cluster.local:${REGISTRY_PORT}`;
  }

  constructor(scope: Construct, id: string, props: ModelRegistryProps) {
    super(scope, id);
    const db = props.database._validate(this, 'database');
    this.name = resourceName(this, props.name ?? DEFAULT_SERVICE_NAME, { rule: NameRule.LABEL_1035, derived: 'inCluster' in db ? [DATABASE_REVISION_LABEL] : [] });
    this.namespace = resolveNamespace(this, props);
    this.image = registryImage(this, props, 'server');
    const replicas = checkCount(this, 'replicas', props.replicas ?? 1, 1, 'give 1 or more');
    const resources = renderResources(this, 'resources', { ...SERVER_RESOURCES, ...props.resources });
    for (const key of ['displayName', 'description'] as const) {
      const text = props[key];
      if (text !== undefined && !text.trim()) fail(this, key, 'is empty', `give the ${key} the UI shows, or leave it out`);
    }
    const annotations = { ...props.metadata?.annotations, displayName: props.displayName, description: props.description };
    const serviceMeta: EmitMetadata = {
      name: this.name, namespace: this.namespace, appName: 'model-registry', component: 'model-registry', instance: this.name,
      // The Kubeflow UI lists a namespace's registries by this label.
      labels: { ...props.metadata?.labels, component: 'model-registry' },
      annotations: definedOnly(annotations),
    };
    const serverMeta: EmitMetadata = { name: this.name, namespace: this.namespace, appName: 'model-registry', component: 'server', instance: this.name, labels: { component: 'model-registry-server' } };
    checkMetadata(this, { apiVersion: 'v1', kind: 'Service' }, serviceMeta);
    checkMetadata(this, { apiVersion: 'apps/v1', kind: 'Deployment' }, serverMeta);

    // The DSN comes last: the kubelet expands $(VAR) only from variables defined before.
    const env: Record<string, kplus.EnvValue> = {};
    const podAnnotations: Record<string, string> = {};
    if ('dsnSecret' in db) {
      env[DSN_ENV] = this.secretEnv('DsnSecret', db.dsnSecret);
    } else {
      const { engine, database, passwordSecret } = db.inCluster;
      const host = this.emitDatabase(db.inCluster);
      env[PASSWORD_ENV] = this.secretEnv('PasswordSecret', passwordSecret);
      env[DSN_ENV] = kplus.EnvValue.fromValue(engine.dsn(host, database, PASSWORD_ENV));
      // As upstream: the database runs without an Istio sidecar, so the server's must not capture its traffic.
      podAnnotations['traffic.sidecar.istio.io/excludeOutboundPorts'] = String(engine.port);
    }

    const podLabels = { [LABELS.name]: 'model-registry', [LABELS.instance]: this.name, [LABELS.component]: 'server', component: 'model-registry-server' };
    const server = new kplus.Deployment(this, 'Server', {
      metadata: { name: this.name, namespace: this.namespace },
      replicas,
      select: false,
      podMetadata: { labels: podLabels, annotations: podAnnotations },
      // The server calls no Kubernetes API.
      automountServiceAccountToken: false,
      containers: [{
        name: 'rest-container',
        image: this.image,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        command: ['/model-registry', 'proxy'],
        args: [
          '--hostname=0.0.0.0',
          `--port=${REGISTRY_PORT}`,
          '--datastore-type=embedmd',
          `--embedmd-database-type=${props.database.type}`,
          // The kubelet expands $(VAR) in args from the container's env: the DSN is never in the manifest.
          `--embedmd-database-dsn=$(${DSN_ENV})`,
        ],
        ports: [{ number: REGISTRY_PORT, name: PORT_NAME }],
        envVariables: env,
        // Upstream's probes: isDirty checks the database and its migrations, health also the API.
        startup: httpProbe('/readyz/isDirty', 10, 5, 6),
        liveness: httpProbe('/readyz/isDirty', 30, 10, 3),
        readiness: httpProbe('/readyz/health', 5, 10, 3),
        resources: {},
        securityContext: hardened(SERVER_UID),
      }],
    });
    const selector = selectorOf(podLabels);
    server.select(kplus.LabelSelector.of({ labels: selector }));
    this.adoptWorkload(server, serverMeta, resources);

    // Not `selector: server`: cdk8s-plus would select by its construct-path label.
    const service = new kplus.Service(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, annotations: serviceMeta.annotations },
      ports: [{ port: REGISTRY_PORT, targetPort: REGISTRY_PORT, name: PORT_NAME }],
    });
    for (const [k, v] of Object.entries(selector)) service.selectLabel(k, v);
    this.apiObject = adopt(this, ApiObject.of(service), serviceMeta);
    this.apiObject.addJsonPatch(JsonPatch.add('/spec/ports/0/appProtocol', 'http')); // cdk8s-plus has no appProtocol
  }

  /** Emits the in-cluster database (a StatefulSet and its Service `<name>-db`); returns its host. */
  private emitDatabase(db: InClusterDatabase): string {
    const name = `${this.name}-db`;
    const e = db.engine;
    const meta = (component: string): EmitMetadata => ({ name, namespace: this.namespace, appName: 'model-registry', component, instance: this.name, labels: { component: 'model-registry-db' } });
    checkMetadata(this, { apiVersion: 'v1', kind: 'Service' }, meta('database'));
    checkMetadata(this, { apiVersion: 'apps/v1', kind: 'StatefulSet' }, meta('database'));
    const service = new kplus.Service(this, 'DatabaseService', {
      metadata: { name, namespace: this.namespace },
      ports: [{ port: e.port, targetPort: e.port, name: 'dbapi' }],
    });
    const claim = kplus.PersistentVolumeClaim.fromClaimName(this, 'DatabaseClaim', 'data');
    const podLabels = {
      [LABELS.name]: 'model-registry', [LABELS.instance]: this.name, [LABELS.component]: 'database', component: 'model-registry-db',
      'sidecar.istio.io/inject': 'false',
    };
    const env: Record<string, kplus.EnvValue> = { [e.passwordEnv]: this.secretEnv('DatabasePasswordSecret', db.passwordSecret) };
    for (const [k, v] of Object.entries(e.env(db.database))) env[k] = kplus.EnvValue.fromValue(v);
    const statefulSet = new kplus.StatefulSet(this, 'Database', {
      metadata: { name, namespace: this.namespace },
      service,
      replicas: 1,
      select: false,
      podMetadata: { labels: podLabels },
      automountServiceAccountToken: false,
      // The volume belongs to the image's database user, so that it can write it.
      securityContext: { ensureNonRoot: true, fsGroup: e.uid },
      volumeClaimTemplates: [{ name: 'data', storage: db.storage, storageClassName: db.storageClass, accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] }],
      containers: [{
        name: 'db-container',
        image: db.image,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        args: e.args,
        ports: [{ number: e.port, name: 'dbapi' }],
        envVariables: env,
        volumeMounts: [{ path: e.dataPath, volume: kplus.Volume.fromPersistentVolumeClaim(this, 'DatabaseVolume', claim, { name: 'data' }) }],
        readiness: kplus.Probe.fromCommand(e.ready(db.database), {
          initialDelaySeconds: Duration.seconds(5), periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(3), failureThreshold: 3,
        }),
        resources: {},
        securityContext: hardened(e.uid),
      }],
    });
    const selector = selectorOf(podLabels);
    statefulSet.select(kplus.LabelSelector.of({ labels: selector }));
    for (const [k, v] of Object.entries(selector)) service.selectLabel(k, v);
    const obj = this.adoptWorkload(statefulSet, meta('database'), db.resources);
    // As for a notebook's PVC: our whole-byte quantity instead of cdk8s-plus's unit string ("1.5Gi").
    obj.addJsonPatch(JsonPatch.replace('/spec/volumeClaimTemplates/0/spec/resources/requests/storage', kplus.k8s.Quantity.fromString(sizeQuantity(db.storage))));
    // The StatefulSet made its Service select its pods by the construct-path label, which they do not carry.
    adopt(this, ApiObject.of(service), meta('database')).addJsonPatch(JsonPatch.remove(`/spec/selector/${ADDRESS_LABEL}`));
    return name;
  }

  /** An env var from a Secret key (cdk8s-plus refers to the Secret by an imported construct). */
  private secretEnv(id: string, ref: SecretKeyRef): kplus.EnvValue {
    return kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, id, ref.name), key: ref.key });
  }

  /** Adopts a cdk8s-plus workload as ours, with our rendering of its one container's resources. */
  private adoptWorkload(workload: kplus.Deployment | kplus.StatefulSet, meta: EmitMetadata, resources: ResourceRequirements | undefined): ApiObject {
    const obj = adopt(this, ApiObject.of(workload), meta);
    // cdk8s-plus labels the pods with the construct's path even when it does not select by it:
    // dropped, so that moving the construct does not roll the pods.
    obj.addJsonPatch(JsonPatch.remove(`/spec/template/metadata/labels/${ADDRESS_LABEL}`));
    // cdk8s-plus writes memory in MiB fractions; ours are whole quantities. (Its object reads
    // Quantity values after patches apply.)
    if (resources) {
      const quantities = (m: Record<string, string | number> | undefined) => m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, kplus.k8s.Quantity.fromString(String(v))]));
      obj.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources', { requests: quantities(resources.requests), limits: quantities(resources.limits) }));
    }
    return obj;
  }
}

/** A container's security context under the restricted Pod Security Standard, as the image's own user. */
function hardened(uid: number): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user: uid,
    group: uid,
    privileged: false,
    allowPrivilegeEscalation: false,
    capabilities: { drop: [kplus.Capability.ALL] },
    seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    // Upstream runs them writable (mysqld and postgres write sockets and pid files there).
    readOnlyRootFilesystem: false,
  };
}

function httpProbe(path: string, initialDelay: number, period: number, failureThreshold: number): kplus.Probe {
  return kplus.Probe.fromHttpGet(path, {
    port: REGISTRY_PORT, initialDelaySeconds: Duration.seconds(initialDelay), periodSeconds: Duration.seconds(period), timeoutSeconds: Duration.seconds(5), failureThreshold,
  });
}

/** The pod labels a workload selects by: which registry, and which part of it (stable, unlike the rest). */
function selectorOf(podLabels: Record<string, string>): Record<string, string> {
  return { [LABELS.instance]: podLabels[LABELS.instance], component: podLabels.component };
}

function definedOnly(map: Record<string, string | undefined>): Record<string, string> | undefined {
  const out = Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => e[1] !== undefined));
  return Object.keys(out).length ? out : undefined;
}
