export { Autoscaler, ScaleMetric } from './autoscaling';
export type { AutoscalingProps, PrometheusMetricOptions } from './autoscaling';
export type { BatcherProps } from './batcher';
export type { CanaryProps } from './canary';
export type { RollingUpdateProps, ServingComponentProps, StorageUriMount } from './component';
export { DeploymentMode } from './deployment-mode';
export { ArtExplainerType } from './explainer';
export type { ArtExplainerProps, ExplainerProps } from './explainer';
export { GraphNode, GraphRouterType, GraphStep, GraphStepData, GraphStepDependency, InferenceGraph } from './inference-graph';
export type { GraphNodeOptions, GraphRouterTimeouts, GraphStepOptions, InferenceGraphProps } from './inference-graph';
export { InferenceService } from './inference-service';
export type { IInferenceService, InferenceServiceProps } from './inference-service';
export { LoggerMode } from './logger';
export type { LoggerProps, LoggerStorageProps } from './logger';
export { ModelFormat, ProtocolVersion } from './model-format';
export type { ModelProps, ModelStorageProps, PredictorContainerProps, PredictorProps, WorkerContainerProps, WorkerSpecProps } from './predictor';
export { RolloutPlan } from './rollout-plan';
export type { RolloutProps } from './rollout-plan';
export { ClusterServingRuntime, ServingRuntime, ServingRuntimeBase } from './serving-runtime';
export type {
  ClusterServingRuntimeProps, IServingRuntime, ModelMeshEndpoints, RuntimePodProps, RuntimeWorkerSpecProps, ServingRuntimeBaseProps, ServingRuntimeDetails,
  ServingRuntimeProps, SupportedModelFormat,
} from './serving-runtime';
export { StorageCredentials } from './storage-credentials';
export type { IStorageCredentials, S3Settings, StorageCredentialsProps } from './storage-credentials';
export { StorageUri } from './storage-uri';
export type { TransformerProps } from './transformer';
