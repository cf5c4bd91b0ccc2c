import { Finding, PolicyConfig } from '../manifest';
import { atFieldLines } from './field-lines';
import { LoadedSource } from './load';
import { PolicyReport, RULES, runPolicies } from './rules';
import { validateFiles } from './validate-files';
import { ValidationCounts } from './validation-tally';

export interface CheckFilesOptions {
  /** A schemas folder (see resolveRelease for --release). @default the default preset's, schemas/kubeflow-platform-2026-04/ of the package */
  readonly schemas?: string;
  /** Which policy rules run, at what severity, with which parameters. @default - the rules' defaults */
  readonly config?: PolicyConfig;
  /** The policy file `config` was read from, named by its findings. @default 'policy configuration' */
  readonly configSource?: string;
  /** Also return the objects without errors, e.g. for a server dry run. @default false */
  readonly keepValid?: boolean;
}

export interface CheckFilesResult {
  /** Load, schema and CEL findings in file order, then the policy rules'. */
  readonly findings: Finding[];
  readonly counts: ValidationCounts;
  readonly policy: PolicyReport;
  /** The objects without schema errors (when `keepValid`). */
  readonly valid: LoadedSource[];
}

/**
 * Every check of manifests on disk (or standard input, `-`): read and validate them against the
 * schemas (structure and CEL), then run the policy rules over all of them together, since rules
 * look across objects. What `validate` and the cdk8s validation plugin run.
 */
export async function checkFiles(paths: readonly string[], options: CheckFilesOptions = {}): Promise<CheckFilesResult> {
  const result = await validateFiles(paths, { schemas: options.schemas, keepValid: options.keepValid, keepObjects: true });
  const policy = runPolicies(result.objects, { rules: RULES, config: options.config, configSource: options.configSource });
  // The configuration's own mistakes are in the policy file: give them its location too (SARIF, editors).
  const located = policy.findings.map((f) => (f.file === undefined && options.configSource !== undefined && f.resource === options.configSource ? { ...f, file: options.configSource } : f));
  return { findings: atFieldLines([...result.findings, ...located]), counts: result.counts, policy, valid: result.valid };
}
