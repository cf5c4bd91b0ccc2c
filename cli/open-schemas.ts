import { RELEASE_ENV } from '../manifest';
import { ReleaseError, releaseSchemasDir, resolveRelease, ResolvedRelease } from '../policies/schema-dir';
import { SchemaFolderError, SchemaValidator } from '../policies/schema-validator';
import { UsageError } from './usage';

/** A release `--release` named, with the validator of its schemas folder. */
export interface OpenRelease extends ResolvedRelease {
  /** As given (a preset name or a folder), for messages. */
  readonly given: string;
  readonly validator: SchemaValidator;
}

/**
 * The release of `--release <preset|folder>` (default: the default preset) and the validator of
 * its schemas; an unknown preset or an unusable folder is a usage error.
 */
export function openRelease(value: string | undefined, option = '--release'): OpenRelease {
  let resolved: ResolvedRelease;
  try {
    resolved = resolveRelease(value, option);
  } catch (e) {
    if (e instanceof ReleaseError) throw new UsageError(e.message);
    throw e;
  }
  const given = value ?? resolved.facts.name;
  try {
    return { ...resolved, given, validator: SchemaValidator.for(resolved.schemasDir) };
  } catch (e) {
    throw new UsageError(`${option} ${given}: ${(e as Error).message}`);
  }
}

/** A schema file of a release's folder turned out broken while validating: a usage error saying to regenerate it. */
export function brokenSchemas(e: unknown, given: string, option = '--release'): unknown {
  return e instanceof SchemaFolderError ? new UsageError(`${option} ${given}: ${e.message}; regenerate it with \`cdk8s-kubeflow schemas\``) : e;
}

/**
 * Runs `fn` (which builds the app) with `CDK8S_KUBEFLOW_RELEASE` naming `release`, the release of
 * every stack that does not set its own, and restores the variable after; unchanged when
 * `release` is undefined. A preset goes by name, a folder by its absolute path (the app may
 * change its working directory).
 */
export function withReleaseEnv<T>(release: ResolvedRelease | undefined, fn: () => T): T {
  if (release === undefined) return fn();
  const before = process.env[RELEASE_ENV];
  process.env[RELEASE_ENV] = release.schemasDir === releaseSchemasDir(release.facts.name) ? release.facts.name : release.schemasDir;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env[RELEASE_ENV];
    else process.env[RELEASE_ENV] = before;
  }
}
