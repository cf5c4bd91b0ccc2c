import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { Finding, RULE_DOMAINS, RuleDomain } from '../manifest';
import { STDIN_NAME } from '../policies/load';
import { Rule, WaivedFinding } from '../policies/rules';

const SRCROOT = 'SRCROOT';

/**
 * Findings as a SARIF 2.1.0 log, the format GitHub code scanning (and most CI dashboards) read:
 * one result per finding at its file and line, with the rule's summary, reason and upstream
 * source as the rule's help. Files are relative to `cwd` (the checkout), so annotations land on
 * the lines of the pull request.
 */
export function toSarif(findings: readonly Finding[], rules: readonly Rule<object>[], version: string, options: SarifOptions = {}): Log {
  const cwd = options.cwd ?? process.cwd();
  const waived = options.waived ?? [];
  // Errors first: GitHub keeps the first results of a run that has too many.
  const all = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const kept = all.slice(0, MAX_RESULTS);
  const ids = [...new Set([...kept, ...waived.map((w) => w.finding)].map((f) => f.rule as string))].sort();
  const known = new Map(rules.map((r) => [r.id as string, r]));
  const index = new Map(ids.map((id, i) => [id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk8s-kubeflow', version, informationUri: 'https://www.npmjs.com/package/cdk8s-kubeflow', rules: ids.map((id) => descriptor(id, known.get(id))) } },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + sep).href } },
      // A waived finding is a result with a suppression: code scanning shows it as dismissed, with the reason.
      results: [
        ...kept.map((f) => result(f, index.get(f.rule)!, cwd)),
        ...waived.map((w) => ({ ...result(w.finding, index.get(w.finding.rule)!, cwd), suppressions: [{ kind: 'external' as const, justification: `${w.waiver.reason} (until ${w.waiver.expires})` }] })),
      ],
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: all.length > kept.length ? [{ level: 'warning', message: { text: `${all.length - kept.length} more findings left out: code scanning takes at most ${MAX_RESULTS} results per run; run the command with --output text for all of them` } }] : [],
      }],
    }],
  };
}

/** How many results a run may hold: GitHub code scanning rejects or truncates more. */
export const MAX_RESULTS = 25_000;

export interface SarifOptions {
  /** The folder file paths are relative to (the checkout). @default the working directory */
  readonly cwd?: string;
  /** Findings not reported because their object waives the rule: written as suppressed results. @default none */
  readonly waived?: readonly WaivedFinding[];
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
  // Standard input cannot be pointed at: such a result has only its logical location.
  const physical = f.file && f.file !== '-' && f.file !== STDIN_NAME
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
