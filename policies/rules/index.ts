// Every policy rule, by domain. A rule is one implementation, used by `validate` on any YAML and
// by `synth` on what the constructs produce (reported with the construct path).
import { katibRules } from './katib';
import { kserveRules } from './kserve';
import { kubeflowRules } from './kubeflow';
import { pipelinesRules } from './pipelines';
import { platformRules } from './platform';
import { Rule } from './rule';
import { trainerRules } from './trainer';
import { trainingOperatorRules } from './training-operator';

export const RULES: readonly Rule<object>[] = [
  ...trainingOperatorRules, ...trainerRules, ...katibRules, ...kserveRules, ...kubeflowRules, ...pipelinesRules, ...platformRules,
];

export { activeRules } from './config';
export type { ActiveRule } from './config';
export { runPolicies } from './engine';
export type { PolicyReport, PolicyRunOptions, WaivedFinding } from './engine';
export { appliesTo, enabledByDefault } from './rule';
export type { KindSelector, Rule, RuleCategory, RuleContext, Violation } from './rule';
