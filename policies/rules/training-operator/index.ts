import { Rule } from '../rule';
import { containerImageRule } from './container-image';
import { elasticRangeRule } from './elastic-range';
import { frameworkContainerRule } from './framework-container';
import { jobNameRule } from './job-name';
import { managedByRule } from './managed-by';
import { mpiJobSpecRule } from './mpijob-spec';
import { processesFitGpusRule } from './processes-fit-gpus';
import { elasticNprocDeprecatedRule, elasticWorkerRule, etcdRendezvousHostRule, nprocPerNodeRule } from './pytorch-elastic';
import { masterReplicasRule, pytorchWorkerReplicasRule, tfChiefRule, tfSingleReplicaRule, xgboostMasterRule } from './replica-counts';
import { replicaTypesRule } from './replica-types';
import { serviceNamesRule } from './service-names';

/**
 * The training-operator rules: Kubeflow Trainer v1 (the training operator v1.9.4, kubeflow.org/v1
 * jobs). Admission rules mirror pkg/webhooks/*; runtime rules catch what the controllers, the
 * frameworks or the API server refuse once the job runs.
 */
export const trainingOperatorRules: readonly Rule<object>[] = [
  // Admission: pkg/webhooks/<framework>/*_webhook.go.
  jobNameRule,
  replicaTypesRule,
  frameworkContainerRule,
  containerImageRule,
  masterReplicasRule,
  pytorchWorkerReplicasRule,
  xgboostMasterRule,
  tfChiefRule,
  managedByRule,
  elasticWorkerRule,
  nprocPerNodeRule,
  elasticNprocDeprecatedRule,
  // Runtime.
  mpiJobSpecRule,
  tfSingleReplicaRule,
  elasticRangeRule,
  etcdRendezvousHostRule,
  processesFitGpusRule,
  serviceNamesRule,
];
