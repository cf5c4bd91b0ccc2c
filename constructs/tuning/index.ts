export { Algorithm, DartsAlgorithm, EnasAlgorithm } from './algorithm';
export { AcquisitionFunction, AcquisitionOptimizer, BaseEstimator, CmaesRestartStrategy } from './algorithm-settings';
export type {
  BayesianOptimizationSettings, CmaesSettings, DartsSettings, EnasSettings, GridSettings, HyperbandSettings,
  MultivariateTpeSettings, PbtSettings, RandomSettings, SeedSettings, TpeSettings,
} from './algorithm-settings';
export { EarlyStopping } from './early-stopping';
export type { MedianStopSettings } from './early-stopping';
export { Experiment, KATIB_INJECTION_LABEL } from './experiment';
export type { ExperimentProps } from './experiment';
export { CollectorKind, DEFAULT_METRICS_FILTER, MetricsCollector, MetricsFormat } from './metrics-collector';
export type {
  CustomCollectorOptions, FileCollectorOptions, MetricsFilterOptions, PrometheusOptions, TensorFlowEventOptions,
} from './metrics-collector';
export { NasOperation } from './nas';
export type { NasConfigProps } from './nas';
export { Metric, MetricStrategy, ObjectiveType } from './objective';
export type { MetricOptions } from './objective';
export { ResumePolicy } from './resume-policy';
export { Distribution, SearchParameter, SearchParameterType, SearchSpace } from './search-space';
export type { ParameterListOptions, ParameterRangeOptions } from './search-space';
export { TrialKind } from './trial-kind';
export { TrialMetadata, TrialValue } from './trial-parameter';
export type { ITrialParameter } from './trial-parameter';
export { TrialTemplate } from './trial-template';
export type {
  ITrialJob, TrialConfigMapProps, TrialContainerProps, TrialJobFactory, TrialJobOptions, TrialTemplateOptions,
} from './trial-template';
