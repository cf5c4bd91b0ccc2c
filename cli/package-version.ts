import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../policies/schema-dir';

/** This package's version (from its package.json), for --version and reports. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
