import { IConstruct } from 'constructs';
import { ContainerProps, fail } from '../core';
import { ServingComponentContext, ServingComponentProps, KSERVE_CONTAINER, renderServingComponent } from './component';
import { TransformerSpec } from './wire';

/**
 * A transformer: pre- and post-processing in front of the predictor (KServe's TransformerSpec,
 * a custom container). KServe passes it `--predictor_host`, so a kserve.Model subclass can call
 * the predictor.
 */
export interface TransformerProps extends ServingComponentProps {
  /** The transformer server, run as container `kserve-container` (KServe's webhook names it so; the name cannot be chosen). */
  readonly container: ContainerProps;
}

/**
 * Validates and renders a transformer spec. A transformer has one implementation, its container
 * (KServe: `TransformerSpec.GetImplementations`), so `container` is required.
 * @internal
 */
export function renderTransformer(scope: IConstruct, field: string, ctx: ServingComponentContext, props: TransformerProps): TransformerSpec {
  if (!props.container) {
    fail(scope, field, 'has no container', 'give the transformer image: `transformer: { container: { image: ... } }`');
  }
  const rendered = renderServingComponent(scope, field, ctx, props, [{ name: KSERVE_CONTAINER, props: props.container, field: `${field}.container` }]);
  return { ...rendered.fields, containers: rendered.containers };
}
