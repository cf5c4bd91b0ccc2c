import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { Finding, RULE_DOMAINS, RuleDomain } from '../manifest';
import { Rule } from '../policies/rules';

const SRCROOT = 'SRCROOT';

/**
 * Findings as a SARIF 2.1.0 log, the format GitHub code scanning (and most CI dashboards) read:
 * one result per finding at its file and line, with the rule's summary, reason and upstream
 * source as the rule's help. Files are relative to `cwd` (the checkout), so annotations land on
 * the lines of the pull request.
 */
export function toSarif(findings: readonly Finding[], rules: readonly Rule<object>[], version: string, cwd = process.cwd()): Log {
  const known = new Map(rules.map((r) => [r.id as string, r]));
  const ids = [...new Set(findings.map((f) => f.rule as string))].sort();
  const descriptors = ids.map((id) => descriptor(id, known.get(id)));
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk8s-kubeflow', version, informationUri: 'https://www.npmjs.com/package/cdk8s-kubeflow', rules: descriptors } },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + sep).href } },
      results: findings.map((f) => result(f, index.get(f.rule)!, cwd)),
    }],
  };
}

function descriptor(id: string, rule: Rule<object> | undefined): ReportingDescriptor {
  if (!rule) {
    const domain = RULE_DOMAINS[id.split('/')[0] as RuleDomain] ?? id;
    return { id, shortDescription: { text: `${id}: ${domain}` } };
  }
  const source = rule.source ? `\n\nMirrors ${rule.source}.` : '';
  return {
    id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.why },
    help: { text: `${rule.summary}\n\n${rule.why}${source}` },
    defaultConfiguration: { level: rule.severity },
    properties: { category: rule.category, tags: [id.split('/')[0], rule.category] },
  };
}

function result(f: Finding, ruleIndex: number, cwd: string): Result {
  const where = [f.construct, f.resource, f.path].filter(Boolean).join(' ');
  const physical = f.file && f.file !== '-'
    ? { physicalLocation: { artifactLocation: artifact(f.file, cwd), ...(f.line ? { region: { startLine: f.line } } : {}) } }
    : {};
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.severity,
    message: { text: `${f.resource}: ${f.path}: ${f.message}${f.fix ? `\nfix: ${f.fix}` : ''}` },
    locations: [{ ...physical, logicalLocations: [{ fullyQualifiedName: where, kind: 'object' }] }],
    // Stable across runs and line moves, so code scanning tracks one alert per object and field.
    partialFingerprints: { 'cdk8sKubeflowFinding/v1': createHash('sha256').update(`${f.rule}\0${f.resource}\0${f.path}`).digest('hex').slice(0, 32) },
  };
}

function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, resolve(cwd, file));
  if (rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(resolve(cwd, file)).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
