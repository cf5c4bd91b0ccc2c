import { MODEL as apiextensions_k8s_io_CustomResourceDefinition } from './apiextensions.k8s.io/CustomResourceDefinition/model';
import { MODEL as apps_Deployment } from './apps/Deployment/model';
import { MODEL as apps_StatefulSet } from './apps/StatefulSet/model';
import { MODEL as argoproj_io_Application } from './argoproj.io/Application/model';
import { MODEL as argoproj_io_ApplicationSet } from './argoproj.io/ApplicationSet/model';
import { MODEL as argoproj_io_AppProject } from './argoproj.io/AppProject/model';
import { MODEL as batch_Job } from './batch/Job/model';
import { MODEL as cdk8s_kubeflow_io_Inventory } from './cdk8s-kubeflow.io/Inventory/model';
import { MODEL as core_ConfigMap } from './core/ConfigMap/model';
import { MODEL as core_LimitRange } from './core/LimitRange/model';
import { MODEL as core_Namespace } from './core/Namespace/model';
import { MODEL as core_PersistentVolumeClaim } from './core/PersistentVolumeClaim/model';
import { MODEL as core_PodTemplate } from './core/PodTemplate/model';
import { MODEL as core_Service } from './core/Service/model';
import { MODEL as core_ServiceAccount } from './core/ServiceAccount/model';
import { MODEL as feast_dev_FeatureStore } from './feast.dev/FeatureStore/model';
import { MODEL as kubeflow_org_Experiment } from './kubeflow.org/Experiment/model';
import { MODEL as kubeflow_org_JAXJob } from './kubeflow.org/JAXJob/model';
import { MODEL as kubeflow_org_MPIJob } from './kubeflow.org/MPIJob/model';
import { MODEL as kubeflow_org_Notebook } from './kubeflow.org/Notebook/model';
import { MODEL as kubeflow_org_PaddleJob } from './kubeflow.org/PaddleJob/model';
import { MODEL as kubeflow_org_PodDefault } from './kubeflow.org/PodDefault/model';
import { MODEL as kubeflow_org_Profile } from './kubeflow.org/Profile/model';
import { MODEL as kubeflow_org_PyTorchJob } from './kubeflow.org/PyTorchJob/model';
import { MODEL as kubeflow_org_TFJob } from './kubeflow.org/TFJob/model';
import { MODEL as kubeflow_org_Trial } from './kubeflow.org/Trial/model';
import { MODEL as kubeflow_org_XGBoostJob } from './kubeflow.org/XGBoostJob/model';
import { HealthModel } from './model';
import { MODEL as pipelines_kubeflow_org_Pipeline } from './pipelines.kubeflow.org/Pipeline/model';
import { MODEL as pipelines_kubeflow_org_PipelineVersion } from './pipelines.kubeflow.org/PipelineVersion/model';
import { MODEL as rbac_authorization_k8s_io_ClusterRole } from './rbac.authorization.k8s.io/ClusterRole/model';
import { MODEL as rbac_authorization_k8s_io_ClusterRoleBinding } from './rbac.authorization.k8s.io/ClusterRoleBinding/model';
import { MODEL as rbac_authorization_k8s_io_Role } from './rbac.authorization.k8s.io/Role/model';
import { MODEL as rbac_authorization_k8s_io_RoleBinding } from './rbac.authorization.k8s.io/RoleBinding/model';
import { MODEL as serving_kserve_io_ClusterServingRuntime } from './serving.kserve.io/ClusterServingRuntime/model';
import { MODEL as serving_kserve_io_ClusterStorageContainer } from './serving.kserve.io/ClusterStorageContainer/model';
import { MODEL as serving_kserve_io_InferenceGraph } from './serving.kserve.io/InferenceGraph/model';
import { MODEL as serving_kserve_io_InferenceService } from './serving.kserve.io/InferenceService/model';
import { MODEL as serving_kserve_io_ServingRuntime } from './serving.kserve.io/ServingRuntime/model';
import { MODEL as trainer_kubeflow_org_ClusterTrainingRuntime } from './trainer.kubeflow.org/ClusterTrainingRuntime/model';
import { MODEL as trainer_kubeflow_org_TrainingRuntime } from './trainer.kubeflow.org/TrainingRuntime/model';
import { MODEL as trainer_kubeflow_org_TrainJob } from './trainer.kubeflow.org/TrainJob/model';

/**
 * Every kind's health model: every kind we emit, the Argo CD kinds included (and Trial, which Katib creates from ours).
 * A kind is one folder, health/<group>/<Kind>/ (core kinds under core/), holding model.ts,
 * its test and testdata/.
 */
export const HEALTH_MODELS: readonly HealthModel[] = [
  apiextensions_k8s_io_CustomResourceDefinition,
  apps_Deployment,
  apps_StatefulSet,
  argoproj_io_Application,
  argoproj_io_ApplicationSet,
  argoproj_io_AppProject,
  batch_Job,
  cdk8s_kubeflow_io_Inventory,
  core_ConfigMap,
  core_LimitRange,
  core_Namespace,
  core_PersistentVolumeClaim,
  core_PodTemplate,
  core_Service,
  core_ServiceAccount,
  feast_dev_FeatureStore,
  kubeflow_org_Experiment,
  kubeflow_org_JAXJob,
  kubeflow_org_MPIJob,
  kubeflow_org_Notebook,
  kubeflow_org_PaddleJob,
  kubeflow_org_PodDefault,
  kubeflow_org_Profile,
  kubeflow_org_PyTorchJob,
  kubeflow_org_TFJob,
  kubeflow_org_Trial,
  kubeflow_org_XGBoostJob,
  pipelines_kubeflow_org_Pipeline,
  pipelines_kubeflow_org_PipelineVersion,
  rbac_authorization_k8s_io_ClusterRole,
  rbac_authorization_k8s_io_ClusterRoleBinding,
  rbac_authorization_k8s_io_Role,
  rbac_authorization_k8s_io_RoleBinding,
  serving_kserve_io_ClusterServingRuntime,
  serving_kserve_io_ClusterStorageContainer,
  serving_kserve_io_InferenceGraph,
  serving_kserve_io_InferenceService,
  serving_kserve_io_ServingRuntime,
  trainer_kubeflow_org_ClusterTrainingRuntime,
  trainer_kubeflow_org_TrainJob,
  trainer_kubeflow_org_TrainingRuntime,
];
