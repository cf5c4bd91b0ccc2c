/**
 * Label selector syntax, as `kubectl get -l` and the API's `labelSelector` parameter take it
 * (k8s.io/apimachinery labels.Parse): comma-separated requirements `key`, `!key`, `key=value`,
 * `key==value`, `key!=value`, `key in (v1,v2)`, `key notin (v1,v2)`.
 */

/** A label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const KEY = new RegExp(`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?${NAME}$`);
const VALUE = new RegExp(`^(${NAME})?$`);

/** Why `selector` is not a label selector, or undefined when it is one. @internal */
export function labelSelectorProblem(selector: string): string | undefined {
  if (selector.trim() === '') return 'it is empty (an empty selector selects every stack)';
  // Split on commas outside the parentheses of a set.
  const requirements: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { requirements.push(selector.slice(start, i)); start = i + 1; }
    if (depth < 0 || depth > 1) return 'its parentheses are unbalanced';
  }
  if (depth !== 0) return 'its parentheses are unbalanced';
  requirements.push(selector.slice(start));
  for (const raw of requirements) {
    const r = raw.trim();
    const problem = requirementProblem(r);
    if (problem) return `requirement "${r}" ${problem}`;
  }
  return undefined;
}

function requirementProblem(r: string): string | undefined {
  if (r === '') return 'is empty';
  const badKey = (key: string) => (KEY.test(key) && key.length <= 317 ? undefined : `has an invalid label key "${key}"`);
  const badValue = (value: string) => (VALUE.test(value) ? undefined : `has an invalid label value "${value}"`);
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(r);
  if (set) {
    const values = set[3].split(',').map((v) => v.trim());
    return badKey(set[1]) ?? values.map(badValue).find((p) => p);
  }
  const op = /^([^=!\s]+)\s*(==|!=|=)\s*(\S*)$/.exec(r);
  if (op) return badKey(op[1]) ?? badValue(op[3]);
  const exists = /^(!?)\s*(\S+)$/.exec(r);
  if (exists) return badKey(exists[2]);
  return 'is not key, !key, key=value, key!=value, key in (…) or key notin (…)';
}
