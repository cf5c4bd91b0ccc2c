import { IConstruct } from 'constructs';
import { ContainerProps, fail, field as join } from '../core';
import { KSERVE_CONTAINER, renderComponentFields, renderServingComponent, RUNTIME_IMAGE_PLACEHOLDER, ServingComponentContext, ServingComponentProps } from './component';
import { StorageUri } from './storage-uri';
import { ExplainerSpec } from './wire';

/** The adversarial attacks KServe's ART explainer runs (`ARTExplainerType`). */
export enum ArtExplainerType {
  SQUARE_ATTACK = 'SquareAttack',
}

/** KServe's built-in Adversarial Robustness Toolbox explainer. */
export interface ArtExplainerProps extends Omit<ContainerProps, 'image' | 'workingDir'> {
  readonly type: ArtExplainerType;
  /** Explainer settings, e.g. `{ nb_classes: '10' }`. @default - none */
  readonly config?: Record<string, string>;
  /** @default - none */
  readonly storageUri?: StorageUri;
  /** The explainer image's tag. @default - KServe's configured version */
  readonly runtimeVersion?: string;
  /** Replaces KServe's ART explainer image. @default - KServe's */
  readonly image?: string;
}

/** An explainer: exactly one of `art` (KServe's ART explainer) or `container` (your own). */
export interface ExplainerProps extends ServingComponentProps {
  /** @default - none; then `container` is required */
  readonly art?: ArtExplainerProps;
  /** A custom explainer server, run as container `kserve-container` (KServe's webhook names it so; the name cannot be chosen). @default - none; then `art` is required */
  readonly container?: ContainerProps;
}

/**
 * Validates and renders an explainer spec. Each implementation given (`art`, `container`) is
 * rendered, so that an explainer with both or neither reaches the manifest and the
 * `kserve/exactly-one-implementation` policy reports it at synth.
 * @internal
 */
export function renderExplainer(scope: IConstruct, field: string, ctx: ServingComponentContext, props: ExplainerProps): ExplainerSpec {
  const { art, container } = props;
  const custom = container ? renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: container, field: join(field, 'container') }]) : undefined;
  const a = art ? renderArt(scope, field, ctx, props, art) : undefined;
  const fields = a?.fields ?? custom?.fields ?? renderComponentFields(scope, field, ctx, props);
  return { ...fields, art: a?.art, containers: custom?.containers };
}

function renderArt(scope: IConstruct, field: string, ctx: ServingComponentContext, props: ExplainerProps, a: ArtExplainerProps) {
  const f = join(field, 'art');
  if (!Object.values(ArtExplainerType).includes(a.type)) {
    fail(scope, join(f, 'type'), `"${a.type}" is not an ART explainer type`, `use one of ${Object.values(ArtExplainerType).join(', ')}`);
  }
  const storageUri = a.storageUri?._validate(scope, join(f, 'storageUri'));
  const { type, config, storageUri: _s, runtimeVersion, image, ...containerProps } = a;
  // KServe counts any container beside `art` as a custom explainer: sidecars are native ones.
  const rendered = renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: { ...containerProps, image: image ?? RUNTIME_IMAGE_PLACEHOLDER }, field: f }], 'native');
  const { name: _n, image: renderedImage, ...artContainer } = rendered.containers[0];
  return { fields: rendered.fields, art: { type, config, storageUri, runtimeVersion, image: image === undefined ? undefined : renderedImage, ...artContainer } };
}
