import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as wire from '../wire/core';
import { fail, field as join } from './errors';
import { checkImage } from './images';
import { checkMetadataMap } from './labels';
import { checkName, isDataKey, NameRule } from './names';
import { sizeQuantity } from './quantities';
import { requireRelease } from './release';
import { checkDescendingPath } from './security-context';

/** Where a key of a ConfigMap or Secret appears in the volume. */
export interface PathMapping {
  /** Relative path of the file in the volume, e.g. `config/app.yaml`. */
  readonly path: string;
  /** File mode, e.g. `0o400`. @default - the volume's defaultMode */
  readonly mode?: number;
}

/** Which keys of a ConfigMap or Secret become files, and whether it must exist. */
export interface KeysOptions {
  /** Only these keys, each at its own path: `{ 'app.yaml': { path: 'config/app.yaml' } }`. @default - every key, as a file of its name */
  readonly items?: Record<string, PathMapping>;
  /** Start the pod even when the ConfigMap or Secret (or a listed key) does not exist. @default false */
  readonly optional?: boolean;
}

/** Options of a ConfigMap or Secret volume. */
export interface KeysVolumeOptions extends KeysOptions {
  /** The volume's name in the pod. @default - the ConfigMap's or Secret's name */
  readonly name?: string;
  /** Mode of the files, e.g. `0o440`. @default - Kubernetes' 0o644 */
  readonly defaultMode?: number;
}

/** A value of the pod the kubelet writes to a file of a downward API volume. */
export class DownwardApiField {
  /**
   * A field of the pod: `metadata.name`, `metadata.namespace`, `metadata.uid`, `metadata.labels`,
   * `metadata.annotations`, or one label or annotation (`metadata.labels['team']`).
   */
  static fieldPath(fieldPath: string): DownwardApiField {
    return new DownwardApiField({ fieldRef: { fieldPath } }, (scope, field) => {
      if (!DOWNWARD_FIELDS.test(fieldPath)) {
        fail(scope, field, `"${fieldPath}" is not a pod field a volume can show`,
          'use metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, or metadata.labels[\'<key>\'] / metadata.annotations[\'<key>\']');
      }
    });
  }
  /** A resource of one of the pod's containers, e.g. `limits.memory` of `containerName`, in units of `divisor` (e.g. `1Mi`). */
  static resource(resource: string, containerName: string, options: { divisor?: string } = {}): DownwardApiField {
    return new DownwardApiField({ resourceFieldRef: { resource, containerName, divisor: options.divisor } }, (scope, field) => {
      if (!DOWNWARD_RESOURCES.test(resource)) {
        fail(scope, field, `"${resource}" is not a container resource the downward API shows`, 'use limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage (or hugepages-<size>)');
      }
      checkName(scope, join(field, 'containerName'), containerName, NameRule.LABEL);
    });
  }
  private constructor(
    private readonly source: Pick<wire.DownwardAPIVolumeFile, 'fieldRef' | 'resourceFieldRef'>,
    private readonly check: (scope: IConstruct, field: string) => void,
  ) {}

  /** @internal */
  public _validate(scope: IConstruct, field: string): void {
    this.check(scope, field);
  }

  /** @internal */
  public _render(path: string): wire.DownwardAPIVolumeFile {
    return { path, ...this.source };
  }
}

// k8s.io/kubernetes pkg/apis/core/validation: validVolumeDownwardAPIFieldPathExpressions, and the subscripted forms.
const DOWNWARD_FIELDS = /^metadata\.(name|namespace|uid|labels|annotations|(labels|annotations)\['[^']+'\])$/;
const DOWNWARD_RESOURCES = /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-[0-9A-Za-z]+)$/;

/** Options of a service-account token in a projected volume. */
export interface ServiceAccountTokenOptions {
  /** Relative path of the token file, e.g. `token`. */
  readonly path: string;
  /** Who the token is for (its `aud` claim), e.g. `sts.amazonaws.com` or `vault`. @default - the API server's own audience */
  readonly audience?: string;
  /** How long the token is valid (the kubelet renews it at 80 %); at least 10 minutes. @default - Kubernetes' 1 hour */
  readonly expiration?: Duration;
}

/** Options of a ClusterTrustBundle (CA certificates) in a projected volume. */
export interface ClusterTrustBundleOptions {
  /** Relative path of the PEM file, e.g. `ca-certificates.crt`. */
  readonly path: string;
  /** One bundle by its name. @default - the bundles of `signerName` */
  readonly name?: string;
  /** Every bundle of this signer (optionally only those matching `labels`). @default - only `name` */
  readonly signerName?: string;
  /** With `signerName`: only the bundles with these labels. @default - every bundle of the signer */
  readonly labels?: Record<string, string>;
  /** Start the pod even when no bundle matches. @default false */
  readonly optional?: boolean;
}

/** One source of a projected volume: several sources share one directory. */
export class ProjectedSource {
  /**
   * A token of the pod's service account for an audience other than the API server, e.g. for
   * AWS IAM roles for service accounts, GCP workload identity federation or Vault.
   */
  static serviceAccountToken(options: ServiceAccountTokenOptions): ProjectedSource {
    const expiration = options.expiration?.toSeconds({ integral: false });
    return new ProjectedSource([options.path], { serviceAccountToken: { path: options.path, audience: options.audience, expirationSeconds: expiration } }, (scope, field) => {
      checkDescendingPath(scope, join(field, 'path'), options.path, 'token path', 'token');
      if (expiration !== undefined && (!Number.isInteger(expiration) || expiration < 600 || expiration > 2 ** 32)) {
        // The API server: "may not specify a duration less than 10 minutes" / "more than 2^32 seconds".
        fail(scope, join(field, 'expiration'), `must be whole seconds between 10 minutes and 2^32 seconds, got ${expiration}s`, 'use e.g. Duration.hours(1)');
      }
    });
  }
  /** Keys of a ConfigMap. */
  static configMap(configMapName: string, options: KeysOptions = {}): ProjectedSource {
    return new ProjectedSource(itemPaths(options), { configMap: { name: configMapName, items: renderItems(options.items), optional: options.optional } },
      (scope, field) => checkKeys(scope, field, 'configMapName', configMapName, options));
  }
  /** Keys of a Secret. */
  static secret(secretName: string, options: KeysOptions = {}): ProjectedSource {
    return new ProjectedSource(itemPaths(options), { secret: { name: secretName, items: renderItems(options.items), optional: options.optional } },
      (scope, field) => checkKeys(scope, field, 'secretName', secretName, options));
  }
  /** Pod fields and container resources, by relative file path: `{ labels: DownwardApiField.fieldPath('metadata.labels') }`. */
  static downwardApi(files: Record<string, DownwardApiField>): ProjectedSource {
    return new ProjectedSource(Object.keys(files), { downwardAPI: { items: renderDownwardFiles(files) } }, (scope, field) => checkDownwardFiles(scope, field, files));
  }
  /** CA certificates from ClusterTrustBundles (Kubernetes 1.33 and later, with the ClusterTrustBundle feature gates on). */
  static clusterTrustBundle(options: ClusterTrustBundleOptions): ProjectedSource {
    const labelSelector = options.labels ? { matchLabels: { ...options.labels } } : undefined;
    return new ProjectedSource([options.path], {
      clusterTrustBundle: { path: options.path, name: options.name, signerName: options.signerName, labelSelector, optional: options.optional },
    }, (scope, field) => {
      requireRelease(scope, field, 'kubernetes', '1.33', 'the clusterTrustBundle projection');
      checkDescendingPath(scope, join(field, 'path'), options.path, 'bundle path', 'ca-certificates.crt');
      if ((options.name === undefined) === (options.signerName === undefined)) {
        fail(scope, field, 'needs exactly one of name and signerName', 'name one bundle, or give the signer whose bundles to use');
      }
      if (options.labels && options.signerName === undefined) fail(scope, join(field, 'labels'), 'selects bundles only together with signerName', 'give signerName, or drop labels');
      checkMetadataMap(scope, join(field, 'labels'), options.labels, 'labels');
    });
  }
  private constructor(
    /** The files this source writes, relative to the volume. */
    public readonly paths: readonly string[],
    private readonly source: wire.VolumeProjection,
    private readonly check: (scope: IConstruct, field: string) => void,
  ) {}

  /** @internal */
  public _validate(scope: IConstruct, field: string): void {
    this.check(scope, field);
  }

  /** @internal */
  public _render(): wire.VolumeProjection {
    return this.source;
  }
}

/** The type of a `hostPath` volume: what must exist at the path on the node. */
export enum HostPathType {
  /** A directory, created (mode 0755) when missing. */
  DIRECTORY_OR_CREATE = 'DirectoryOrCreate',
  DIRECTORY = 'Directory',
  /** A file, created (empty, mode 0644) when missing. */
  FILE_OR_CREATE = 'FileOrCreate',
  FILE = 'File',
  SOCKET = 'Socket',
  CHAR_DEVICE = 'CharDevice',
  BLOCK_DEVICE = 'BlockDevice',
}

/** The access modes of a volume claim. */
export enum VolumeAccessMode {
  READ_WRITE_ONCE = 'ReadWriteOnce',
  READ_ONLY_MANY = 'ReadOnlyMany',
  READ_WRITE_MANY = 'ReadWriteMany',
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** A per-pod volume claim (generic ephemeral volume): created with the pod, deleted with it. */
export interface EphemeralVolumeOptions {
  /** The claim's size. */
  readonly storage: Size;
  /** @default - the cluster's default StorageClass */
  readonly storageClass?: string;
  /** @default [VolumeAccessMode.READ_WRITE_ONCE] */
  readonly accessModes?: VolumeAccessMode[];
  /** A raw block device instead of a filesystem. @default 'Filesystem' */
  readonly volumeMode?: 'Filesystem' | 'Block';
  /** Labels of the claim. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations of the claim. @default - none */
  readonly annotations?: Record<string, string>;
}

/** A CSI volume given inline in the pod (no PersistentVolume). */
export interface CsiVolumeOptions {
  /** Driver-specific settings, e.g. `{ secretProviderClass: 'vault-db' }` for the Secrets Store CSI driver. @default - none */
  readonly attributes?: Record<string, string>;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default - the driver's */
  readonly fsType?: string;
  /** A Secret the driver uses to mount the volume (`nodePublishSecretRef`). @default - none */
  readonly nodePublishSecretName?: string;
}

/**
 * A pod volume. Mount it with a {@link VolumeMount}; the pod collects the volumes of its mounts
 * (`PodProps.volumes` declares one that no container mounts).
 */
export class Volume {
  /** An existing PersistentVolumeClaim, by name. */
  static fromPersistentVolumeClaim(claimName: string, options: { name?: string; readOnly?: boolean } = {}): Volume {
    return new Volume(options.name ?? claimName, { persistentVolumeClaim: { claimName, ...(options.readOnly ? { readOnly: true } : {}) } },
      (scope, field) => checkName(scope, join(field, 'claimName'), claimName));
  }
  /** The keys of a ConfigMap as files. */
  static fromConfigMap(configMapName: string, options: KeysVolumeOptions = {}): Volume {
    return new Volume(options.name ?? configMapName, {
      configMap: { name: configMapName, defaultMode: options.defaultMode, items: renderItems(options.items), optional: options.optional },
    }, (scope, field) => {
      checkKeys(scope, field, 'configMapName', configMapName, options);
      checkMode(scope, join(field, 'defaultMode'), options.defaultMode);
    });
  }
  /** The keys of a Secret as files. */
  static fromSecret(secretName: string, options: KeysVolumeOptions = {}): Volume {
    return new Volume(options.name ?? secretName, {
      secret: { secretName, defaultMode: options.defaultMode, items: renderItems(options.items), optional: options.optional },
    }, (scope, field) => {
      checkKeys(scope, field, 'secretName', secretName, options);
      checkMode(scope, join(field, 'defaultMode'), options.defaultMode);
    });
  }
  /** A scratch directory that lives as long as the pod. */
  static emptyDir(name: string, options: { sizeLimit?: Size; memory?: boolean } = {}): Volume {
    return new Volume(name, {
      emptyDir: { ...(options.memory ? { medium: 'Memory' } : {}), ...(options.sizeLimit ? { sizeLimit: sizeQuantity(options.sizeLimit) } : {}) },
    });
  }
  /**
   * A memory-backed `/dev/shm`. PyTorch DataLoader workers and NCCL exchange tensors through
   * shared memory, and the container runtime's 64 MiB default makes them crash.
   */
  static sharedMemory(sizeLimit?: Size): Volume {
    return Volume.emptyDir('dshm', { memory: true, sizeLimit });
  }
  /**
   * Several sources in one directory: service-account tokens for other audiences, ConfigMap and
   * Secret keys, pod fields, CA bundles. No two sources may write the same path.
   */
  static projected(name: string, sources: ProjectedSource[], options: { defaultMode?: number } = {}): Volume {
    return new Volume(name, { projected: { sources: sources.map((s) => s._render()), defaultMode: options.defaultMode } }, (scope, field) => {
      if (!sources.length) fail(scope, join(field, 'sources'), 'is empty', 'give at least one source, e.g. ProjectedSource.serviceAccountToken({ path: \'token\', audience: \'vault\' })');
      const seen = new Set<string>();
      sources.forEach((s, i) => {
        s._validate(scope, join(field, `sources[${i}]`));
        for (const p of s.paths) {
          // The API server: "conflicting duplicate paths".
          if (seen.has(p)) fail(scope, join(field, `sources[${i}]`), `writes "${p}", which another source writes too`, 'give each file its own path');
          seen.add(p);
        }
      });
      checkMode(scope, join(field, 'defaultMode'), options.defaultMode);
    });
  }
  /** Pod fields and container resources as files: `{ labels: DownwardApiField.fieldPath('metadata.labels') }`. */
  static downwardApi(name: string, files: Record<string, DownwardApiField>, options: { defaultMode?: number } = {}): Volume {
    return new Volume(name, { downwardAPI: { items: renderDownwardFiles(files), defaultMode: options.defaultMode } }, (scope, field) => {
      checkDownwardFiles(scope, field, files);
      checkMode(scope, join(field, 'defaultMode'), options.defaultMode);
    });
  }
  /**
   * A file or directory of the node. It ties the pod to what is on that node, and the Pod
   * Security Standards forbid it from the baseline level up: use it only where the platform allows.
   */
  static hostPath(name: string, path: string, options: { type?: HostPathType } = {}): Volume {
    return new Volume(name, { hostPath: { path, type: options.type } }, (scope, field) => {
      if (!path.startsWith('/')) fail(scope, join(field, 'path'), `"${path}" is not an absolute path`, 'give the path on the node, e.g. "/var/lib/models"');
      if (path.split('/').includes('..')) fail(scope, join(field, 'path'), `"${path}" contains ".."`, 'give the path without ".." (the API server rejects it)');
    });
  }
  /** An NFS export. */
  static nfs(name: string, options: { server: string; path: string; readOnly?: boolean }): Volume {
    return new Volume(name, { nfs: { server: options.server, path: options.path, readOnly: options.readOnly || undefined } }, (scope, field) => {
      if (!options.server.trim()) fail(scope, join(field, 'server'), 'is empty', 'give the NFS server\'s host name or IP');
      if (!options.path.startsWith('/')) fail(scope, join(field, 'path'), `"${options.path}" is not an absolute path`, 'give the exported path, e.g. "/exports/datasets"');
    });
  }
  /** A volume a CSI driver provides inline (e.g. the Secrets Store CSI driver, gcsfuse, s3 mountpoint). */
  static csi(name: string, driver: string, options: CsiVolumeOptions = {}): Volume {
    const attributes = options.attributes && Object.keys(options.attributes).length ? { ...options.attributes } : undefined;
    return new Volume(name, {
      csi: {
        driver, volumeAttributes: attributes, readOnly: options.readOnly || undefined, fsType: options.fsType,
        nodePublishSecretRef: options.nodePublishSecretName ? { name: options.nodePublishSecretName } : undefined,
      },
    }, (scope, field) => {
      // The API server's ValidateCSIDriverName: a DNS-1123 subdomain of at most 63 characters.
      if (driver.length > 63 || !/^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?$/.test(driver)) {
        fail(scope, join(field, 'driver'), `"${driver}" is not a CSI driver name`, 'give the driver\'s name as registered, e.g. "secrets-store.csi.k8s.io"');
      }
      if (options.nodePublishSecretName !== undefined) checkName(scope, join(field, 'nodePublishSecretName'), options.nodePublishSecretName);
    });
  }
  /** A claim created with the pod and deleted with it (a generic ephemeral volume): scratch space larger than the node's disk allows. */
  static ephemeral(name: string, options: EphemeralVolumeOptions): Volume {
    const accessModes = options.accessModes ?? [VolumeAccessMode.READ_WRITE_ONCE];
    const hasMetadata = options.labels || options.annotations;
    return new Volume(name, {
      ephemeral: {
        volumeClaimTemplate: {
          metadata: hasMetadata ? { labels: options.labels, annotations: options.annotations } : undefined,
          spec: {
            accessModes: [...accessModes],
            resources: { requests: { storage: sizeQuantity(options.storage) } },
            storageClassName: options.storageClass,
            volumeMode: options.volumeMode,
          },
        },
      },
    }, (scope, field) => {
      if (!(options.storage.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) > 0)) fail(scope, join(field, 'storage'), 'must be greater than zero', 'give the claim\'s size, e.g. Size.gibibytes(100)');
      if (!accessModes.length) fail(scope, join(field, 'accessModes'), 'is empty', 'give at least one, e.g. VolumeAccessMode.READ_WRITE_ONCE');
      if (options.storageClass !== undefined) checkName(scope, join(field, 'storageClass'), options.storageClass);
      checkMetadataMap(scope, join(field, 'labels'), options.labels, 'labels');
      checkMetadataMap(scope, join(field, 'annotations'), options.annotations, 'annotations');
    });
  }
  /**
   * The content of an OCI image (or artifact) as a read-only volume, e.g. model weights shipped
   * as an image. Kubernetes 1.33 and later, where the ImageVolume feature gate is on.
   */
  static image(name: string, reference: string, options: { pullPolicy?: 'Always' | 'IfNotPresent' | 'Never' } = {}): Volume {
    return new Volume(name, { image: { reference, pullPolicy: options.pullPolicy } }, (scope, field) => {
      requireRelease(scope, field, 'kubernetes', '1.33', 'an image volume');
      checkImage(scope, join(field, 'reference'), reference);
    });
  }
  /**
   * Any other volume source, as in a pod spec (`{ iscsi: {...} }`, …): the escape hatch for what
   * the factories above do not cover. Only its shape is checked (exactly one source).
   */
  static fromSource(name: string, source: Omit<wire.Volume, 'name'>): Volume {
    return new Volume(name, { ...source }, (scope, field) => {
      const keys = Object.keys(source).filter((k) => (source as Record<string, unknown>)[k] !== undefined);
      if (keys.length !== 1) {
        fail(scope, field, keys.length ? `gives ${keys.length} sources (${keys.join(', ')})` : 'gives no source', 'give exactly one volume source, e.g. { nfs: { server, path } }');
      }
    });
  }

  private constructor(
    public readonly name: string,
    private readonly source: Omit<wire.Volume, 'name'>,
    private readonly check: (scope: IConstruct, field: string) => void = () => undefined,
  ) {}

  /** Validates the volume's source as the API server would; `field` names the volume (e.g. `pod.volumes.data`). @internal */
  public _validate(scope: IConstruct, field: string): void {
    checkName(scope, field, this.name, NameRule.LABEL);
    this.check(scope, field);
  }

  /** @internal */
  public _render(): wire.Volume {
    return { name: this.name, ...this.source };
  }
}

function itemPaths(options: KeysOptions): string[] {
  return Object.values(options.items ?? {}).map((m) => m.path);
}

function renderItems(items: Record<string, PathMapping> | undefined): wire.KeyToPath[] | undefined {
  if (!items || !Object.keys(items).length) return undefined;
  return Object.keys(items).sort().map((key) => ({ key, path: items[key].path, mode: items[key].mode }));
}

function checkKeys(scope: IConstruct, field: string, nameField: 'configMapName' | 'secretName', objectName: string, options: KeysOptions): void {
  checkName(scope, join(field, nameField), objectName);
  const paths = new Set<string>();
  for (const [key, m] of Object.entries(options.items ?? {})) {
    if (!isDataKey(key)) fail(scope, join(field, 'items', key), `"${key}" is not a valid key`, 'use letters, digits, "-", "_" and "."');
    checkDescendingPath(scope, join(field, 'items', key, 'path'), m.path, 'file path', key);
    checkMode(scope, join(field, 'items', key, 'mode'), m.mode);
    if (paths.has(m.path)) fail(scope, join(field, 'items', key, 'path'), `"${m.path}" is the path of another key too`, 'give each key its own path');
    paths.add(m.path);
  }
}

function renderDownwardFiles(files: Record<string, DownwardApiField>): wire.DownwardAPIVolumeFile[] {
  return Object.keys(files).sort().map((path) => files[path]._render(path));
}

function checkDownwardFiles(scope: IConstruct, field: string, files: Record<string, DownwardApiField>): void {
  if (!Object.keys(files).length) fail(scope, join(field, 'items'), 'is empty', 'give at least one file, e.g. { labels: DownwardApiField.fieldPath(\'metadata.labels\') }');
  for (const [path, f] of Object.entries(files)) {
    checkDescendingPath(scope, join(field, 'items', path), path, 'file path', 'labels');
    f._validate(scope, join(field, 'items', path));
  }
}

/** Throws unless `mode` is a file mode (0 to 0o777), as the API server checks `defaultMode` and `mode`. */
function checkMode(scope: IConstruct, field: string, mode: number | undefined): void {
  if (mode !== undefined && (!Number.isInteger(mode) || mode < 0 || mode > 0o777)) {
    fail(scope, field, `${mode} is not a file mode`, 'give a mode between 0 and 0o777, e.g. 0o440 (write it in octal)');
  }
}

/** Where a volume appears in a container. */
export interface VolumeMount {
  readonly volume: Volume;
  /** Absolute path in the container. */
  readonly path: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** Mount only this path of the volume (relative, without ".."). @default - the volume's root */
  readonly subPath?: string;
}

/** Throws unless every mount path is absolute and used once; `field` names the mounts prop. @internal */
export function checkMounts(scope: IConstruct, field: string, mounts: readonly VolumeMount[]): void {
  const seenPaths = new Set<string>();
  for (const m of mounts) {
    if (!m.path.startsWith('/')) {
      fail(scope, field, `mount path "${m.path}" of volume "${m.volume.name}" is not absolute`, 'start the path with "/"');
    }
    if (seenPaths.has(m.path)) {
      fail(scope, field, `two volumes are mounted at "${m.path}"`, 'mount each volume at its own path');
    }
    seenPaths.add(m.path);
    if (m.subPath !== undefined) checkDescendingPath(scope, join(field, 'subPath'), m.subPath, `subPath of volume "${m.volume.name}"`, 'models/bert');
  }
}

/** Wire format of a container's `volumeMounts` entry. @internal */
export function renderVolumeMount(m: VolumeMount): wire.VolumeMount {
  return { name: m.volume.name, mountPath: m.path, readOnly: m.readOnly || undefined, subPath: m.subPath };
}
