import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkPolicies, synthesize } from '../cli/synthesize';
import { Finding, formatFinding, Manifest } from '../manifest';
import { RULES, runPolicies } from '../policies/rules';

/**
 * The policy findings synth reports for the app holding `scope` (each stack with its own
 * configuration), optionally only of rules whose id starts with `prefix`.
 */
export function policyFindings(scope: IConstruct, prefix = ''): Finding[] {
  const result = synthesize(App.of(scope) as App);
  if (result.findings.length) throw new Error(`the app does not synthesize:\n${result.findings.map(formatFinding).join('\n')}`);
  return checkPolicies(result).findings.filter((f) => f.rule.startsWith(prefix));
}

/** The findings of one rule (by id) for plain objects, as `validate` would report them. */
export function ruleFindings(ruleId: string, ...objects: Manifest[]): Finding[] {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const config = { rules: { [ruleId]: rule.severity } };
  return runPolicies(objects.map((object, i) => ({ file: `object-${i}.yaml`, object })), { rules: [rule], config }).findings;
}
