import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkName, Cpu, EnvMap, NameRule, renderContainer, Resource, ResourceProps, resourceName, ResourcesProps, Size } from '../core';
import { ClusterStorageContainerSpec } from '../wire/serving-kserve-io';
import { DEFAULT_SERVICE_NAME, REGISTRY_PORT } from './model-registry';
import { registryImage } from './version';

export interface ModelRegistryStorageInitializerProps extends ResourceProps {
  /** @default 'model-registry-storage-initializer', as upstream's */
  readonly name?: string;
  /** The Model Registry release. @default '0.3.8' */
  readonly version?: string;
  /** The image instead of `version`'s. @default - ghcr.io/kubeflow/model-registry/storage-initializer:v<version> */
  readonly image?: string;
  /**
   * The Service name of the registries that URIs with `?namespace=<ns>` address, at
   * `<serviceName>.<ns>.<clusterDomain>:8080`: a ModelRegistry's `name`.
   * @default 'model-registry-service'
   */
  readonly serviceName?: string;
  /** @default 'svc.cluster.local' */
  readonly clusterDomain?: string;
  /**
   * The registry that URIs without `?namespace=` address (MODEL_REGISTRY_BASE_URL): a
   * ModelRegistry, or the namespace (and Service name) of one outside the app.
   * @default - none: URIs must carry `?namespace=`, as StorageUri.modelRegistry's do
   */
  readonly defaultRegistry?: { readonly namespace: string; readonly name?: string };
  /**
   * Merged over KServe's storage-initializer container, as its settings.
   * @default - upstream's: 100m CPU and 100 MiB memory requested, 1 GiB memory limit
   */
  readonly resources?: ResourcesProps;
}

/**
 * KServe's storage initializer for `model-registry://` URIs (a cluster-wide
 * ClusterStorageContainer), which resolves a registered model version to its artifact's URI and
 * downloads that with KServe's own providers (s3, gs, http(s)). One serves every namespace's
 * registry through `?namespace=` (StorageUri.modelRegistry); define it once per cluster. The
 * artifact's storage credentials come from the InferenceService's service account, as for any
 * URI; the registry itself is called without credentials.
 */
export class ModelRegistryStorageInitializer extends Resource {
  public readonly apiVersion = 'serving.kserve.io/v1alpha1';
  public readonly kind = 'ClusterStorageContainer';
  public readonly name: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: ModelRegistryStorageInitializerProps = {}) {
    super(scope, id);
    this.name = resourceName(this, props.name ?? 'model-registry-storage-initializer');
    const serviceName = checkName(this, 'serviceName', props.serviceName ?? DEFAULT_SERVICE_NAME, NameRule.LABEL_1035);
    const clusterDomain = checkName(this, 'clusterDomain', props.clusterDomain ?? 'svc.cluster.local');
    const env: EnvMap = {
      MODEL_REGISTRY_SCHEME: 'http',
      MODEL_REGISTRY_SERVICE_NAME: serviceName,
      MODEL_REGISTRY_CLUSTER_DOMAIN: clusterDomain,
    };
    const registry = props.defaultRegistry;
    if (registry) {
      const namespace = checkName(this, 'defaultRegistry.namespace', registry.namespace, NameRule.LABEL);
      const name = checkName(this, 'defaultRegistry.name', registry.name ?? serviceName, NameRule.LABEL_1035);
      env.MODEL_REGISTRY_BASE_URL = `${name}.${namespace}.${clusterDomain}:${REGISTRY_PORT}`;
    }
    const container = renderContainer(this, '', 'storage-initializer', {
      image: registryImage(this, props, 'storage-initializer'),
      env,
      resources: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(100), limit: Size.gibibytes(1) }, ...props.resources },
      // KServe merges it over its default init container: only what is set here overrides.
    }, { role: 'init', merged: true });
    const spec: ClusterStorageContainerSpec = { container, supportedUriFormats: [{ prefix: 'model-registry://' }] };
    this.apiObject = this.emitResource({ name: this.name, appName: 'model-registry', component: 'storage-initializer', ...props.metadata }, { spec });
  }
}
