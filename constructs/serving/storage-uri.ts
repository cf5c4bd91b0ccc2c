import { IConstruct } from 'constructs';
import { checkImage, checkName, fail } from '../core';

/**
 * The URI schemes KServe v0.20's storage initializer downloads from
 * (`SupportedStorageURIPrefixList` in pkg/controller/v1beta1/inferenceservice/utils/utils.go),
 * plus Azure Blob, which is an https URI matching `https://<account>.blob.core.windows.net/<container>/<path>`,
 * plus `model-registry`, which KServe does not know: the Kubeflow Model Registry's
 * ClusterStorageContainer serves it (ModelRegistryStorageInitializer), and synth warns when the
 * stack holds none (`kserve/storage-uri-scheme`).
 */
const SUPPORTED_SCHEMES = ['gs', 's3', 'pvc', 'file', 'https', 'http', 'hdfs', 'webhdfs', 'oci', 'oci+native', 'hf', 'model-registry'] as const;
const AZURE_BLOB = /^https:\/\/(.+?)\.blob\.core\.windows\.net\/(.+)$/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//;
/** A namespace as the registry's storage initializer accepts it in `?namespace=` (cmd/csi/main.go). */
const REGISTRY_NAMESPACE = /^[a-zA-Z0-9_-]+$/;
const FIX = `use a StorageUri factory such as StorageUri.s3('bucket/path'), StorageUri.pvc('claim', 'path'), StorageUri.hf('owner', 'model'); supported schemes: ${SUPPORTED_SCHEMES.join(', ')} and Azure Blob https URIs`;

/**
 * Where a model lives, typed by scheme: `StorageUri.s3('models/resnet/v1')`,
 * `StorageUri.pvc('models', 'resnet/v1')`, `StorageUri.hf('meta-llama', 'Llama-3.1-8B')`…
 * KServe's storage initializer downloads it to `/mnt/models` before the server starts, using the
 * credentials of the component's service account (see {@link StorageCredentials}).
 */
export class StorageUri {
  /** An S3 (or S3-compatible) object prefix: `bucket/path` → `s3://bucket/path`. */
  static s3(bucketAndPath: string): StorageUri {
    return new StorageUri('s3', `s3://${bucketAndPath}`, () => bucketPath(bucketAndPath));
  }

  /** A Google Cloud Storage prefix: `bucket/path` → `gs://bucket/path`. */
  static gcs(bucketAndPath: string): StorageUri {
    return new StorageUri('gs', `gs://${bucketAndPath}`, () => bucketPath(bucketAndPath));
  }

  /** A path inside a PersistentVolumeClaim of the component's namespace → `pvc://claim/path`. */
  static pvc(claimName: string, path = ''): StorageUri {
    const clean = path.replace(/^\/+/, '');
    return new StorageUri('pvc', `pvc://${claimName}${clean ? `/${clean}` : ''}`, (scope, field) => {
      checkName(scope, field, claimName);
      return clean.split('/').includes('..') ? `path "${path}" contains ".."` : undefined;
    });
  }

  /** A file or archive (`.zip`, `.tar.gz`) served over https, e.g. `https://models.example.com/resnet.tar.gz`. */
  static https(url: string): StorageUri {
    return new StorageUri('https', url, () => (/^https:\/\/[^/\s]+\/\S+$/.test(url) ? undefined : `"${url}" is not an https URL with a path`));
  }

  /** An Azure Blob Storage path → `https://<account>.blob.core.windows.net/<container>/<path>`. */
  static azureBlob(account: string, container: string, path = ''): StorageUri {
    const clean = path.replace(/^\/+/, '');
    return new StorageUri('azure', `https://${account}.blob.core.windows.net/${container}${clean ? `/${clean}` : ''}`, () => {
      if (!/^[a-z0-9]{3,24}$/.test(account)) return `"${account}" is not an Azure storage account name (3–24 lower-case letters and digits)`;
      if (!/^[a-z0-9](-?[a-z0-9])*$/.test(container) || container.length < 3 || container.length > 63) return `"${container}" is not an Azure blob container name`;
      return undefined;
    });
  }

  /** A Hugging Face Hub repository, optionally pinned to a revision (commit, tag or branch) → `hf://owner/model[:revision]`. */
  static hf(owner: string, model: string, revision?: string): StorageUri {
    return new StorageUri('hf', `hf://${owner}/${model}${revision ? `:${revision}` : ''}`, () => {
      // kserve_storage._download_hf expects 'hf://owner/model[:revision]'.
      const part = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
      if (!part.test(owner) || !part.test(model)) return `"${owner}/${model}" is not a Hugging Face repository id (owner/model)`;
      if (revision !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(revision)) return `"${revision}" is not a revision`;
      return undefined;
    });
  }

  /** A model packaged as an OCI image ("modelcar"), e.g. `oci('ghcr.io/org/resnet-model:1.0')` → `oci://ghcr.io/org/resnet-model:1.0`. */
  static oci(image: string): StorageUri {
    return new StorageUri('oci', `oci://${image}`, (scope, field) => {
      checkImage(scope, field, image);
      return undefined;
    });
  }

  /** An HDFS path → `hdfs://path` (WebHDFS: `parse('webhdfs://…')`). */
  static hdfs(path: string): StorageUri {
    return new StorageUri('hdfs', `hdfs://${path.replace(/^\/+/, '')}`, () => (path.replace(/^\/+/, '') ? undefined : 'the path is empty'));
  }

  /**
   * A version of a model registered in a Kubeflow Model Registry → `model-registry://<model>/<version>?namespace=<ns>`;
   * without `version`, the newest version at the time the server starts (not pinned: a restart may
   * serve another). The registry's ClusterStorageContainer (ModelRegistryStorageInitializer) looks
   * the version up in the registry of `registry`'s namespace and downloads its artifact's URI.
   * @param registry a ModelRegistry, or `{ namespace }` of one outside the app
   * @param model the registered model's name
   * @param version the model version's name
   */
  static modelRegistry(registry: { readonly namespace: string }, model: string, version?: string): StorageUri {
    const path = version === undefined ? model : `${model}/${version}`;
    return new StorageUri('model-registry', `model-registry://${path}?namespace=${registry.namespace}`, () => {
      // The initializer splits the URI at the first "?" and then at "/", taking the names as they are.
      for (const [what, name] of [['model', model], ['version', version]] as const) {
        if (name === '') return `the ${what} name is empty`;
        if (name !== undefined && /[/?]/.test(name)) return `the ${what} name "${name}" contains "/" or "?", which the registry's storage initializer cannot read from the URI`;
      }
      return REGISTRY_NAMESPACE.test(registry.namespace) ? undefined : `"${registry.namespace}" is not a namespace the registry's storage initializer accepts (letters, digits, "-" and "_")`;
    }, 'give the registered model\'s and version\'s names as the registry shows them (without "/" or "?"; rename them in the registry if need be), and the namespace of a ModelRegistry');
  }

  /**
   * Any URI, checked against the schemes KServe's storage initializer supports
   * (`gs`, `s3`, `pvc`, `file`, `https`, `http`, `hdfs`, `webhdfs`, `oci`, `oci+native`, `hf`, Azure Blob)
   * and `model-registry` (prefer {@link StorageUri.modelRegistry}, which checks the names).
   * For a scheme served by a ClusterStorageContainer, use {@link StorageUri.custom}.
   */
  static parse(uri: string): StorageUri {
    const scheme = SCHEME.exec(uri)?.[1] ?? '';
    return new StorageUri(AZURE_BLOB.test(uri) ? 'azure' : scheme, uri, () => {
      if (!scheme) return `"${uri}" has no scheme`;
      // KServe treats any URI naming blob.core.windows.net as Azure Blob, and requires its https form.
      if (uri.includes('blob.core.windows.net') && !AZURE_BLOB.test(uri)) return `"${uri}" is not an Azure Blob URL of the form https://<account>.blob.core.windows.net/<container>/<path>`;
      if (!(SUPPORTED_SCHEMES as readonly string[]).includes(scheme)) return `scheme "${scheme}://" of "${uri}" is not supported by KServe's storage initializer (nor by the Model Registry's)`;
      if (uri.length <= scheme.length + 3) return `"${uri}" has nothing after the scheme`;
      return undefined;
    });
  }

  /**
   * A URI for a scheme that a ClusterStorageContainer in the cluster handles (not checked here,
   * because the cluster decides; KServe's controller rejects it at reconcile if nothing does, so
   * synth warns unless the stack holds a matching ClusterStorageContainer: `kserve/storage-uri-scheme`).
   */
  static custom(uri: string): StorageUri {
    const scheme = SCHEME.exec(uri)?.[1] ?? '';
    return new StorageUri(scheme, uri, () => (scheme ? undefined : `"${uri}" has no scheme`));
  }

  private constructor(
    /** The scheme, `azure` for Azure Blob https URIs. */
    public readonly scheme: string,
    /** The URI as KServe reads it. */
    public readonly uri: string,
    private readonly check: (scope: IConstruct, field: string) => string | undefined,
    private readonly fix = FIX,
  ) {}

  /** Throws unless the URI is well-formed for its scheme. @internal */
  public _validate(scope: IConstruct, field: string): string {
    const problem = this.check(scope, field);
    if (problem) fail(scope, field, problem, this.fix);
    return this.uri;
  }
}

function bucketPath(bucketAndPath: string): string | undefined {
  if (/^[a-z0-9+.-]+:\/\//.test(bucketAndPath)) return `"${bucketAndPath}" already has a scheme; give only bucket/path`;
  const bucket = bucketAndPath.split('/')[0];
  // S3 and GCS bucket names: 3–63 lower-case letters, digits, '.', '-' (GCS allows '_').
  if (!/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(bucket)) return `"${bucket}" is not a bucket name (3–63 lower-case letters, digits, "." and "-")`;
  if (bucketAndPath.split('/').includes('..')) return `"${bucketAndPath}" contains ".."`;
  return undefined;
}
