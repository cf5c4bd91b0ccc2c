// The `--policies <file>` option of validate and diff: the policy file, or a usage error (exit 2) naming it.
import { PolicyConfig } from '../manifest';
import { PolicyFileError, readPolicyFile } from '../policies/config-file';
import { UsageError } from './usage';

/** The configuration of `--policies <file>`, or undefined when the option is not given. */
export function policyConfig(file: string | undefined): PolicyConfig | undefined {
  if (file === undefined) return undefined;
  try {
    return readPolicyFile(file);
  } catch (e) {
    if (e instanceof PolicyFileError) throw new UsageError(`--policies ${e.message}`);
    throw e;
  }
}
