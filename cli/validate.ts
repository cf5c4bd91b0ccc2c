import { existsSync } from 'node:fs';
import { checkFiles } from '../policies/check-files';
import { STDIN_PATH } from '../policies/load';
import { brokenSchemas, openRelease } from './open-schemas';
import { policyConfig } from './policy-option';
import { countFindings, failsOn, plural, ReportOptions, waivedEntry, waivedText, writeReport } from './report';
import { UsageError } from './usage';

export interface ValidateOptions extends ReportOptions {
  /** The release whose schemas the objects are validated against: a preset name or a schemas folder made by the `schemas` command. @default the default preset */
  readonly release?: string;
  /** A policy file (YAML or JSON): rules on or off, severities, parameters. @default - the rules' defaults */
  readonly policies?: string;
  /** Also dry-run every object against a cluster. */
  readonly server?: boolean;
  readonly kubeconfig?: string;
}

/**
 * `validate`: checks manifests (any, not only ours) against the schemas of a release (structure
 * and CEL rules), then runs the policy rules over all of them together, and, with `--server`, dry-runs
 * them against a cluster. Prints every finding and a summary; exit 1 when a finding reaches
 * `--fail-on`. `-` reads standard input.
 */
export async function run(paths: string[], options: ValidateOptions): Promise<number> {
  if (options.kubeconfig !== undefined && !options.server) throw new UsageError('--kubeconfig goes with --server');
  for (const p of paths) if (p !== STDIN_PATH && !existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  if (paths.filter((p) => p === STDIN_PATH).length > 1) throw new UsageError('- (standard input) can be given once');
  const config = policyConfig(options.policies);
  const release = openRelease(options.release); // an unknown release or unusable folder is a usage error before anything is read

  let result;
  try {
    result = await checkFiles(paths, { schemas: release.schemasDir, config, configSource: options.policies, keepValid: options.server });
  } catch (e) {
    throw brokenSchemas(e, release.given);
  }
  const { counts, policy } = result;
  const findings = [...result.findings];
  if (counts.objects === 0 && findings.length === 0) {
    // Nothing to check is a mistake (a CI job pointed at the wrong folder), not a pass.
    findings.push({ severity: 'error', rule: 'load/empty', resource: paths.join(', '), path: '.', message: 'no Kubernetes objects found: the paths hold no .yaml, .yml or .json file with a document (hidden folders and node_modules are left out)', fix: 'check the paths' });
  }

  let server: { checked: number; rejected: number; retargeted: number; summary: string } | undefined;
  if (options.server) {
    // Objects the schema rejected are not sent: the server's messages would repeat ours.
    const { serverCheck } = await import('./server-check');
    const checked = await serverCheck(result.valid, options.kubeconfig);
    findings.push(...checked.findings);
    server = { checked: checked.checked, rejected: checked.rejected, retargeted: checked.retargeted, summary: checked.summary };
  }
  const policyCounts = countFindings(policy.findings);
  return writeReport({
    command: 'validate',
    findings,
    waived: policy.waived,
    summary: {
      release: release.facts.name,
      ...counts,
      policies: { ...policyCounts, waived: policy.waived.length },
      waived: policy.waived.map(waivedEntry),
      ...(server ? { server: { checked: server.checked, rejected: server.rejected, retargeted: server.retargeted } } : {}),
    },
    text: () => {
      const { errors, warnings } = countFindings(findings);
      const failed = failsOn(findings, options.failOn) && errors === 0 ? `validate failed: ${warnings} warning(s) (--fail-on warning)\n` : '';
      const schemas = `${plural(counts.objects, 'object')}; schemas of ${release.facts.name}: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.notValidated} not validated${parseErrors(counts.unparsed)}`;
      const rules = `policy rules: ${plural(policyCounts.errors, 'error')}, ${plural(policyCounts.warnings, 'warning')}${policy.waived.length ? `, ${policy.waived.length} waived` : ''}`;
      return `${policy.waived.map(waivedText).join('')}${schemas}; ${rules}\n${server?.summary ?? ''}${failed}`;
    },
  }, options);
}

function parseErrors(n: number): string {
  return n > 0 ? `; ${plural(n, 'document')} could not be parsed` : '';
}
