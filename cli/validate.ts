import { existsSync } from 'node:fs';
import { Finding } from '../manifest';
import { loadManifests } from '../policies/load';
import { SchemaFolderError } from '../policies/schema-validator';
import { openSchemas } from './open-schemas';
import { countFindings, failsOn, plural, ReportOptions, writeReport } from './report';
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
  if (sources.length === 0 && findings.length === 0) {
    findings.push({ severity: 'warning', rule: 'load/empty', resource: paths.join(', '), path: '.', message: 'no Kubernetes objects found (only .yaml, .yml and .json files are read)', fix: 'check the paths' });
  }
  const counts = { objects: sources.length, valid: 0, invalid: 0, notValidated: 0, unparsed: findings.filter((f) => f.rule === 'load/parse').length };
  const schemaValid = sources.filter((source) => {
    let found: Finding[];
    try {
      found = validator.validate(source);
    } catch (e) {
      if (e instanceof SchemaFolderError) throw new UsageError(`--schemas ${options.schemas ?? '(the package\'s)'}: ${e.message}; regenerate it with \`cdk8s-kubeflow schemas\``);
      throw e;
    }
    findings.push(...found);
    if (found.some((f) => f.severity === 'error')) counts.invalid++;
    else if (found.some((f) => f.rule === 'schema/unknown-kind')) counts.notValidated++;
    else counts.valid++;
    return !found.some((f) => f.severity === 'error');
  });
  let server: { checked: number; rejected: number; retargeted: number; summary: string } | undefined;
  if (options.server) {
    // Objects the schema rejected are not sent: the server's messages would repeat ours.
    const { serverCheck } = await import('./server-check');
    const result = await serverCheck(schemaValid, options.kubeconfig);
    findings.push(...result.findings);
    server = { checked: result.checked, rejected: result.rejected, retargeted: result.retargeted, summary: result.summary };
  }
  return writeReport({
    command: 'validate',
    findings,
    summary: { ...counts, ...(server ? { server: { checked: server.checked, rejected: server.rejected, retargeted: server.retargeted } } : {}) },
    text: () => {
      const { errors, warnings } = countFindings(findings);
      const failed = failsOn(findings, options.failOn) && errors === 0 ? `validate failed: ${warnings} warning(s) (--fail-on warning)\n` : '';
      return `${plural(counts.objects, 'object')}: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.notValidated} not validated${parseErrors(counts.unparsed)}\n${server?.summary ?? ''}${failed}`;
    },
  }, options);
}

function parseErrors(n: number): string {
  return n > 0 ? `; ${plural(n, 'document')} could not be parsed` : '';
}
