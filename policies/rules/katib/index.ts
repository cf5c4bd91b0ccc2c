import { Rule } from '../rule';
import { algorithmNameRule } from './algorithm-name';
import { algorithmSearchSpaceRule } from './algorithm-search-space';
import { dartsSettingsRule } from './darts-settings';
import { distributionSupportedRule } from './distribution-supported';
import { earlyStoppingNameRule } from './early-stopping-name';
import { enasSettingsRule } from './enas-settings';
import { experimentNameRule } from './experiment-name';
import { feasibleSpaceRule } from './feasible-space';
import { goptunaSettingsRule } from './goptuna-settings';
import { hyperbandSettingsRule } from './hyperband-settings';
import { hyperoptSettingsRule } from './hyperopt-settings';
import { medianStopSettingsRule } from './median-stop-settings';
import { metricNamesParsableRule } from './metric-names-parsable';
import { metricStrategiesRule } from './metric-strategies';
import { metricsCollectorRule } from './metrics-collector';
import { metricsCollectorConfiguredRule } from './metrics-collector-configured';
import { namespaceLabelRule } from './namespace-label';
import { nasConfigRule } from './nas-config';
import { objectiveRule } from './objective';
import { optunaSettingsRule } from './optuna-settings';
import { parameterNamesUniqueRule } from './parameter-names-unique';
import { parametersRule } from './parameters';
import { pbtSettingsRule } from './pbt-settings';
import { primaryContainerRule } from './primary-container';
import { resumePolicyRule } from './resume-policy';
import { searchSpaceRule } from './search-space';
import { skoptSettingsRule } from './skopt-settings';
import { suggestionVolumeRule } from './suggestion-volume';
import { trialCountsRule } from './trial-counts';
import { trialParameterAssignmentsRule } from './trial-parameter-assignments';
import { trialParameterPlaceholdersRule } from './trial-parameter-placeholders';
import { trialParametersRule } from './trial-parameters';
import { trialSpecMetadataRule } from './trial-spec-metadata';
import { trialTemplateRule } from './trial-template';
import { trialTemplateConfigMapRule } from './trial-template-configmap';

/**
 * The Katib rules (v0.19): what its experiment webhooks reject (admission), and what its
 * controllers and suggestion services fail on after accepting the experiment (runtime).
 */
export const katibRules: readonly Rule<object>[] = [
  // Admission: pkg/webhook/v1beta1/experiment (after the mutating webhook's defaults).
  experimentNameRule, namespaceLabelRule, trialCountsRule, objectiveRule, algorithmNameRule, earlyStoppingNameRule, resumePolicyRule,
  searchSpaceRule, parametersRule, trialTemplateRule, trialTemplateConfigMapRule, trialParametersRule, trialParameterPlaceholdersRule,
  trialSpecMetadataRule, metricsCollectorRule, metricsCollectorConfiguredRule,
  // Runtime: the controllers, the pod webhook and the suggestion and early-stopping services.
  metricStrategiesRule, metricNamesParsableRule, primaryContainerRule, trialParameterAssignmentsRule, parameterNamesUniqueRule,
  feasibleSpaceRule, algorithmSearchSpaceRule, distributionSupportedRule, suggestionVolumeRule, hyperoptSettingsRule, optunaSettingsRule,
  skoptSettingsRule, goptunaSettingsRule, hyperbandSettingsRule, pbtSettingsRule, nasConfigRule, enasSettingsRule, dartsSettingsRule,
  medianStopSettingsRule,
];
