import { IConstruct } from 'constructs';
import { checkImage, fail } from '../core';

/** The Model Registry release the constructs default to: the one kubeflow/manifests ships. @internal */
export const MODEL_REGISTRY_VERSION = '0.3.8';

/** How a registry component's image is chosen. @internal */
export interface ImageChoice {
  readonly version?: string;
  readonly image?: string;
}

/**
 * The image of an upstream component (`ghcr.io/kubeflow/model-registry/<component>:v<version>`, as
 * every v0.3 tag publishes), or the `image` given instead. @internal
 */
export function registryImage(scope: IConstruct, choice: ImageChoice, component: 'server' | 'storage-initializer'): string {
  if (choice.image !== undefined) {
    if (choice.version !== undefined) fail(scope, 'version', `is set beside image "${choice.image}", which already names the version`, 'give one of them');
    checkImage(scope, 'image', choice.image);
    return choice.image;
  }
  const version = choice.version ?? MODEL_REGISTRY_VERSION;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    fail(scope, 'version', `"${version}" is not a release version`, `give it without the "v", e.g. "${MODEL_REGISTRY_VERSION}"`);
  }
  return `ghcr.io/kubeflow/model-registry/${component}:v${version}`;
}
