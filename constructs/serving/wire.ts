// The KServe wire types the serving constructs render, named once (from the generated types).
import { InferenceGraph, InferenceService, ServingRuntime } from '../wire/serving-kserve-io';

/** `spec` of an InferenceService. @internal */
export type ServiceSpec = NonNullable<InferenceService['spec']>;
/** `spec.predictor`. @internal */
export type PredictorSpec = ServiceSpec['predictor'];
/** `spec.transformer`. @internal */
export type TransformerSpec = NonNullable<ServiceSpec['transformer']>;
/** `spec.explainer`. @internal */
export type ExplainerSpec = NonNullable<ServiceSpec['explainer']>;
/** One entry of `spec.canary` (Standard mode's named canaries). @internal */
export type CanarySpec = NonNullable<ServiceSpec['canary']>[number];
/** The pod and extension fields every component has (KServe's inlined PodSpec and ComponentExtensionSpec). @internal */
export type ComponentFields = Omit<TransformerSpec, 'containers'>;
/** `spec` of an InferenceGraph. @internal */
export type GraphSpec = NonNullable<InferenceGraph['spec']>;
/** One node of `spec.nodes`. @internal */
export type GraphNodeSpec = GraphSpec['nodes'][string];
/** `spec` of a (Cluster)ServingRuntime. @internal */
export type RuntimeSpec = NonNullable<ServingRuntime['spec']>;
