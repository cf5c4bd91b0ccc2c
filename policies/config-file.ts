import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { PolicyConfig, RuleSetting } from '../manifest';

/** A policy file that cannot be used: where and what is wrong, and how to fix it. */
export class PolicyFileError extends Error {}

const SEVERITIES = ['off', 'error', 'warning'];

/**
 * Reads a policy file (YAML or JSON) for `validate --policies` and the cdk8s plugin: the same
 * shape as a stack's `policies` prop.
 *
 *     rules:
 *       platform/image-pinned: error
 *       platform/required-labels: { params: { labels: [team, cost-centre] } }
 *       kserve/storage-uri-scheme: off
 *
 * Unknown rules and parameters are reported by the engine, like a stack's; this checks the shape.
 */
export function readPolicyFile(file: string): PolicyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyFileError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new PolicyFileError(`${file}: not YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) return {};
  const fail = (path: string, what: string, fix: string) => new PolicyFileError(`${file}: ${path}: ${what}; ${fix}`);
  if (!isObject(value)) throw fail('.', 'is not a mapping', 'write `rules:` with one entry per rule id');
  for (const key of Object.keys(value)) if (key !== 'rules') throw fail(`.${key}`, 'is not a setting', 'the file holds only `rules:`');
  if (value.rules === undefined || value.rules === null) return {};
  if (!isObject(value.rules)) throw fail('.rules', 'is not a mapping', 'map each rule id to off, error, warning or { severity, params }');
  const rules: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(value.rules)) {
    const at = `.rules["${id}"]`;
    if (typeof setting === 'string') {
      if (!SEVERITIES.includes(setting)) throw fail(at, `"${setting}" is not a setting`, 'use off, error or warning');
      rules[id] = setting as RuleSetting;
      continue;
    }
    if (setting === false) throw fail(at, 'is false', 'write off (a YAML 1.2 string) to turn the rule off');
    if (!isObject(setting)) throw fail(at, `is ${JSON.stringify(setting)}`, 'use off, error, warning or { severity, params }');
    for (const key of Object.keys(setting)) if (key !== 'severity' && key !== 'params') throw fail(`${at}.${key}`, 'is not a setting', 'a rule takes severity and params');
    if (setting.severity !== undefined && !SEVERITIES.includes(setting.severity as string)) throw fail(`${at}.severity`, `"${String(setting.severity)}" is not a severity`, 'use off, error or warning');
    if (setting.params !== undefined && !isObject(setting.params)) throw fail(`${at}.params`, 'is not a mapping', 'map each parameter name to its value');
    rules[id] = setting as RuleSetting;
  }
  return { rules };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
