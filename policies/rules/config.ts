import { Finding, PolicyConfig, Severity } from '../../manifest';
import { closest } from '../did-you-mean';
import { enabledByDefault, Rule } from './rule';

/** A rule as configured: on, with its severity and parameters. */
export interface ActiveRule {
  readonly rule: Rule<object>;
  readonly severity: Severity;
  readonly params: object;
}

/**
 * The rules that run under `config`, and the configuration's own mistakes as findings (a rule id
 * that does not exist, a parameter the rule does not take), so that a typo never silently
 * disables a policy.
 */
export function activeRules(rules: readonly Rule<object>[], config: PolicyConfig = {}, where = 'policy configuration'): { active: ActiveRule[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const byId = new Map(rules.map((r) => [r.id as string, r]));
  const settings = config.rules ?? {};
  for (const id of Object.keys(settings)) {
    if (!byId.has(id)) {
      const near = nearestRule(id, [...byId.keys()]);
      findings.push({ severity: 'error', rule: 'policy/unknown-rule', resource: where, path: `.rules["${id}"]`, message: `there is no rule "${id}"`, fix: near ? `did you mean "${near}"?` : 'see the rule table in the README' });
    }
  }
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id];
    const object = typeof setting === 'object' ? setting : undefined;
    const severity = typeof setting === 'object' ? setting.severity : setting;
    if (severity === 'off' || (setting === undefined && !enabledByDefault(rule))) continue;
    const params = { ...rule.defaults, ...object?.params };
    const before = findings.length;
    for (const [key, value] of Object.entries(object?.params ?? {})) {
      const path = `.rules["${rule.id}"].params.${key}`;
      if (!rule.defaults || !(key in rule.defaults)) {
        findings.push({ severity: 'error', rule: 'policy/unknown-parameter', resource: where, path, message: `rule ${rule.id} has no parameter "${key}"`, fix: paramFix(key, rule.defaults) });
        continue;
      }
      const expected = typeOf((rule.defaults as Record<string, unknown>)[key]);
      if (typeOf(value) !== expected) {
        findings.push({ severity: 'error', rule: 'policy/invalid-parameter', resource: where, path, message: `is ${JSON.stringify(value)}, not ${expected === 'array' ? 'a list' : `a ${expected}`}`, fix: `give a ${expected === 'array' ? 'list' : expected} like the default, ${JSON.stringify((rule.defaults as Record<string, unknown>)[key])}` });
      }
    }
    // A rule with a broken parameter does not run (its findings would be nonsense); the error above says why.
    if (findings.length === before) active.push({ rule, severity: severity ?? rule.severity, params });
  }
  return { active, findings };
}

/** The JSON type of a parameter value: a parameter keeps the type of its default. */
function typeOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function paramFix(key: string, defaults: object | undefined): string {
  if (!defaults) return 'this rule takes no parameters';
  const near = closest(key, Object.keys(defaults));
  return near ? `did you mean "${near}"? (its parameters: ${Object.keys(defaults).join(', ')})` : `its parameters are ${Object.keys(defaults).join(', ')}`;
}

/** A misspelt rule id's likely meaning: a typo in its name (within its domain), or the name without its domain. */
function nearestRule(id: string, ids: string[]): string | undefined {
  const slash = id.lastIndexOf('/');
  const [domain, name] = slash === -1 ? [undefined, id] : [id.slice(0, slash), id.slice(slash + 1)];
  const candidates = ids.filter((k) => domain === undefined || k.startsWith(`${domain}/`));
  const byName = new Map(candidates.map((k) => [k.slice(k.lastIndexOf('/') + 1), k]));
  const near = closest(name, byName.keys());
  return near === undefined ? undefined : byName.get(near);
}
