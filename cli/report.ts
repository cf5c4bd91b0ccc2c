import { join } from 'node:path';
import { Finding, formatFinding } from '../manifest';
import type { WaivedFinding } from '../policies/rules';
import { packageVersion } from './package-version';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export const FAIL_ON = ['error', 'warning'] as const;

/** `--output` and `--fail-on`, shared by every command that reports findings. */
export interface ReportOptions {
  /** `text` for people, `json` (one document on stdout) for machines, `sarif` for code scanning. @default 'text' */
  readonly output: (typeof OUTPUT_FORMATS)[number];
  /** The lowest severity that fails the command. @default 'error' */
  readonly failOn: (typeof FAIL_ON)[number];
}

/** What a command found and did: printed as text, or as one JSON document. */
export interface Report {
  readonly command: string;
  readonly findings: readonly Finding[];
  /** Command-specific figures, e.g. object counts; part of the JSON document. */
  readonly summary: Readonly<Record<string, unknown>>;
  /** The closing lines of the text report. */
  readonly text: () => string;
  /** The folder the findings' files are relative to (synth's output folder). @default - the working directory */
  readonly fileRoot?: string;
  /** Findings held back by waivers (SARIF writes them as suppressed results). @default none */
  readonly waived?: readonly WaivedFinding[];
}

/** A waived finding in the JSON report. */
export function waivedEntry(w: WaivedFinding): Record<string, unknown> {
  const { severity: _s, ...finding } = w.finding;
  return { ...finding, reason: w.waiver.reason, expires: w.waiver.expires };
}

/** A waived finding in the text report: it is not a problem, but it is not hidden either. */
export function waivedText(w: WaivedFinding): string {
  return `waived: ${[w.finding.construct ?? w.finding.file, w.finding.resource].filter(Boolean).join(': ')}: ${w.finding.rule} until ${w.waiver.expires} (${w.waiver.reason})\n`;
}

/** `1 object`, `2 objects`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}

/** Whether `findings` fail the command under `--fail-on`. */
export function failsOn(findings: readonly Finding[], failOn: ReportOptions['failOn']): boolean {
  return findings.some((f) => f.severity === 'error' || failOn === 'warning');
}

/**
 * Prints `report` to `out` (stdout, unless a caller swallows it) and returns the exit code:
 * 1 when a finding reaches `--fail-on`, else 0.
 */
export function writeReport(report: Report, options: ReportOptions, out: NodeJS.WritableStream = process.stdout): number {
  const failed = failsOn(report.findings, options.failOn);
  if (options.output === 'json') {
    const doc = { command: report.command, ok: !failed, ...countFindings(report.findings), ...report.summary, findings: report.findings };
    out.write(JSON.stringify(doc, null, 2) + '\n');
  } else if (options.output === 'sarif') {
    const root = report.fileRoot;
    const inRoot = (f: Finding) => (root && f.file ? { ...f, file: join(root, f.file) } : f);
    const findings = report.findings.map(inRoot);
    const waived = (report.waived ?? []).map((w) => ({ ...w, finding: inRoot(w.finding) }));
    // Loaded only here: the rules' metadata is what SARIF needs, and loading it costs start-up time.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { toSarif } = require('./sarif') as typeof import('./sarif');
    const { RULES } = require('../policies/rules') as typeof import('../policies/rules');
    /* eslint-enable @typescript-eslint/no-require-imports */
    out.write(JSON.stringify(toSarif(findings, RULES, packageVersion(), { waived }), null, 2) + '\n');
  } else {
    out.write(report.findings.map((f) => formatFinding(f) + '\n').join('') + report.text());
  }
  return failed ? 1 : 0;
}
