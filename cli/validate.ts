import { existsSync } from 'node:fs';
import { loadManifests } from '../policies/load';
import { openSchemas } from './open-schemas';
import { ReportOptions, writeReport } from './report';
import { UsageError } from './usage';

export interface ValidateOptions extends ReportOptions {
  /** A schemas folder. @default the package's */
  readonly schemas?: string;
  /** Also dry-run every object against a cluster. */
  readonly server?: boolean;
  readonly kubeconfig?: string;
}

/**
 * `validate`: checks manifests (any, not only ours) against the schemas folder and, with
 * `--server`, a cluster. Prints every finding and a summary; exit 1 when a finding reaches `--fail-on`.
 */
export async function run(paths: string[], options: ValidateOptions): Promise<number> {
  if (options.kubeconfig !== undefined && !options.server) throw new UsageError('--kubeconfig goes with --server');
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  const validator = openSchemas(options.schemas);
  const { sources, findings } = loadManifests(paths);
  const counts = { objects: sources.length, valid: 0, invalid: 0, notValidated: 0, unparsed: findings.filter((f) => f.rule === 'load/parse').length };
  for (const source of sources) {
    const found = validator.validate(source);
    findings.push(...found);
    if (found.some((f) => f.severity === 'error')) counts.invalid++;
    else if (found.some((f) => f.rule === 'schema/unknown-kind')) counts.notValidated++;
    else counts.valid++;
  }
  let server: { checked: number; rejected: number; retargeted: number; summary: string } | undefined;
  if (options.server) {
    const { serverCheck } = await import('./server-check');
    const result = await serverCheck(sources, options.kubeconfig);
    findings.push(...result.findings);
    server = { checked: result.checked, rejected: result.rejected, retargeted: result.retargeted, summary: result.summary };
  }
  return writeReport({
    command: 'validate',
    findings,
    summary: { ...counts, ...(server ? { server: { checked: server.checked, rejected: server.rejected, retargeted: server.retargeted } } : {}) },
    text: () => `${counts.objects} objects: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.notValidated} not validated${parseErrors(counts.unparsed)}\n${server?.summary ?? ''}`,
  }, options);
}

function parseErrors(n: number): string {
  return n > 0 ? `; ${n} document${n === 1 ? '' : 's'} could not be parsed` : '';
}
