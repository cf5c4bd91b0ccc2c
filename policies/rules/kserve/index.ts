import { Rule } from '../rule';
import { autoscalerClass } from './autoscaler-class';
import { autoscalingMetrics } from './autoscaling-metrics';
import { blockedEnv } from './blocked-env';
import { canarySpecs } from './canary-specs';
import { canaryTrafficPercent } from './canary-traffic-percent';
import { collocatedTransformer } from './collocated-transformer';
import { componentNameLength } from './component-name-length';
import { containerConcurrency } from './container-concurrency';
import { customProtocol } from './custom-protocol';
import { deploymentStrategy } from './deployment-strategy';
import { exactlyOneImplementation } from './exactly-one-implementation';
import { graphNodeReference } from './graph-node-reference';
import { graphRootNode } from './graph-root-node';
import { graphScaling } from './graph-scaling';
import { graphServiceExists } from './graph-service-exists';
import { graphSplitterWeights } from './graph-splitter-weights';
import { graphStepNames } from './graph-step-names';
import { graphStepTarget } from './graph-step-target';
import { graphSwitchCondition } from './graph-switch-condition';
import { kedaMetrics } from './keda-metrics';
import { logger } from './logger';
import { maxReplicasForMetric } from './max-replicas-for-metric';
import { modelContainerName } from './model-container-name';
import { nameFormat } from './name-format';
import { predictorRuntime } from './predictor-runtime';
import { predictorRuntimeAvailable } from './predictor-runtime-available';
import { predictorRuntimeExists } from './predictor-runtime-exists';
import { replicas } from './replicas';
import { rollingUpdate } from './rolling-update';
import { runtimeFormatPriority } from './runtime-format-priority';
import { runtimePriorityClash } from './runtime-priority-clash';
import { scaleMetric } from './scale-metric';
import { scaleToZero } from './scale-to-zero';
import { scalingIgnored } from './scaling-ignored';
import { storageUriScheme } from './storage-uri-scheme';
import { storageUris } from './storage-uris';
import { trainedModel } from './trained-model';
import { workerSpec } from './worker-spec';

/**
 * The kserve rules: what KServe v0.20's validating webhooks reject (`admission`), and what they
 * let through but its controllers, Knative or the router then fail on or ignore (`runtime`).
 */
export const kserveRules: readonly Rule<object>[] = [
  // InferenceService: names, implementations, component settings.
  nameFormat, componentNameLength, exactlyOneImplementation, modelContainerName, customProtocol, blockedEnv, collocatedTransformer,
  containerConcurrency, logger, storageUris, storageUriScheme, workerSpec,
  // Autoscaling.
  replicas, autoscalerClass, scaleMetric, autoscalingMetrics, deploymentStrategy, rollingUpdate, scaleToZero, maxReplicasForMetric, kedaMetrics, scalingIgnored,
  // Canaries.
  canarySpecs, canaryTrafficPercent,
  // Runtimes.
  predictorRuntime, predictorRuntimeExists, predictorRuntimeAvailable, runtimeFormatPriority, runtimePriorityClash,
  // InferenceGraph.
  graphRootNode, graphStepNames, graphStepTarget, graphSplitterWeights, graphNodeReference, graphSwitchCondition, graphServiceExists, graphScaling,
  // TrainedModel.
  trainedModel,
];
