import { existsSync, statSync } from 'node:fs';
import { SchemaValidator } from '../policies/schema-validator';
import { UsageError } from './usage';

/** The validator of `--schemas <dir>` (default: the package's folder); an unusable folder is a usage error. */
export function openSchemas(dir: string | undefined): SchemaValidator {
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) {
    throw new UsageError(`--schemas ${dir}: no such folder; pass a folder made by \`cdk8s-kubeflow schemas --out <new folder> <CRDs…>\`, or leave --schemas out to use the package's`);
  }
  try {
    return SchemaValidator.for(dir);
  } catch (e) {
    throw new UsageError(`--schemas ${dir ?? '(default)'}: ${(e as Error).message}`);
  }
}
