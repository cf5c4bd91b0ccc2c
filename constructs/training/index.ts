export { JAXJob } from './jax-job';
export type { JAXJobProps } from './jax-job';
export { MlFramework, MlPolicy, MpiImplementation, NetworkTopologyMode, PodGroupPolicy } from './ml-policy';
export type { MlPolicyOptions, MpiPolicyOptions, RuntimeCoschedulingOptions, RuntimeVolcanoOptions } from './ml-policy';
export { MPIJob } from './mpi-job';
export type { MPIJobProps } from './mpi-job';
export { PaddleJob } from './paddle-job';
export type { PaddleElasticPolicyProps, PaddleJobProps } from './paddle-job';
export { NprocPerNode, PyTorchJob, RendezvousBackend } from './pytorch-job';
export type { ElasticPolicyProps, PyTorchJobProps } from './pytorch-job';
export { RestartPolicy } from './replica';
export type { ReplicaProps } from './replica';
export { CleanPodPolicy } from './run-policy';
export type { RunPolicyProps } from './run-policy';
export { KUEUE_PRIORITY_LABEL, KUEUE_QUEUE_LABEL, Scheduler, SchedulerKind } from './scheduling';
export type { CoschedulingOptions, GangMinResources, GangOptions, KueueOptions, VolcanoOptions } from './scheduling';
export { TFJob, TfSuccessPolicy } from './tf-job';
export type { TFJobProps } from './tf-job';
export { TrainJob } from './train-job';
export type { InitializerProps, TrainJobProps, TrainJobTrainerProps } from './train-job';
export { TrainingJob } from './training-job';
export type { TrainingJobProps } from './training-job';
export { ClusterTrainingRuntime, INITIALIZER_VOLUME, TrainingRuntime, TrainingRuntimeBase } from './training-runtime';
export type {
  InitializerStepDetails, ITrainingRuntime, RuntimeDetails, RuntimeStepProps, TrainingRuntimeBaseProps, TrainingRuntimeProps,
} from './training-runtime';
export { XGBoostJob } from './xgboost-job';
export type { XGBoostJobProps } from './xgboost-job';
