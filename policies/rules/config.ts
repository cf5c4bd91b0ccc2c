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
      const fallback = (rule.defaults as Record<string, unknown>)[key];
      const problem = typeProblem(value, fallback);
      if (problem) findings.push({ severity: 'error', rule: 'policy/invalid-parameter', resource: where, path, message: problem, fix: `give a value like the default, ${JSON.stringify(fallback)}` });
    }
    if (findings.length === before && object?.params && rule.checkParams) {
      for (const problem of rule.checkParams(params)) {
        findings.push({ severity: 'error', rule: 'policy/invalid-parameter', resource: where, path: `.rules["${rule.id}"].params`, message: problem, fix: 'correct the parameter, or leave it out for the default' });
      }
    }
    // A rule with a broken parameter does not run (its findings would be nonsense); the error above says why.
    if (findings.length === before) active.push({ rule, severity: severity ?? rule.severity, params });
  }
  return { active, findings };
}

/** Why `value` is not of the type of the parameter's default (a list: of the type of its items, strings for an empty one). */
function typeProblem(value: unknown, fallback: unknown): string | undefined {
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v);
  if (typeOf(value) !== typeOf(fallback)) return `is ${JSON.stringify(value)}, not ${typeOf(fallback) === 'list' ? 'a list' : `a ${typeOf(fallback)}`}`;
  if (!Array.isArray(value)) return undefined;
  const item = typeOf((fallback as unknown[])[0] ?? '');
  const wrong = value.find((v) => typeOf(v) !== item);
  return wrong === undefined ? undefined : `holds ${JSON.stringify(wrong)}, not a ${item}`;
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
