import * as fs from 'fs';
import * as path from 'path';
import { checkReleaseFacts, Component, namesReleaseFolder, compareVersions, COMPONENTS, DEFAULT_RELEASE, RELEASE_FILE, RELEASE_PRESETS, ReleaseFacts } from '../manifest';
import { closest } from './did-you-mean';

const PACKAGE_NAME = 'cdk8s-kubeflow';

/**
 * The root folder of this package. Found by walking up from this file to the package.json
 * named cdk8s-kubeflow, so it works from `policies/*.ts` (tsx, jest) and from compiled
 * `lib/policies/*.js` alike, and from node_modules when installed as a dependency.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && readName(pkg) === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}`);
  }
}

/** The schemas folder of a built-in preset: `schemas/<preset>/` of this package. */
export function presetSchemasDir(preset: string, from: string = __dirname): string {
  return path.join(packageRoot(from), 'schemas', preset);
}

/** The schemas folder of the default preset (what validation uses when no release is named). */
export function packageSchemasDir(from: string = __dirname): string {
  return presetSchemasDir(DEFAULT_RELEASE, from);
}

/** The schemas folder of a release's schemas as a stack carries them: a preset name, else a folder. */
export function releaseSchemasDir(presetOrFolder: string): string {
  return RELEASE_PRESETS[presetOrFolder] ? presetSchemasDir(presetOrFolder) : path.resolve(presetOrFolder);
}

/** A release and the schemas folder its objects are validated against. */
export interface ResolvedRelease {
  readonly facts: ReleaseFacts;
  readonly schemasDir: string;
}

/** `--release` names no preset and no usable folder: a usage error of whoever passed it. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseError';
  }
}

/**
 * What `--release <preset | folder>` names: a built-in preset (the package's `schemas/<name>/`)
 * or a schemas folder made by the `schemas` command (its `release.json`). A value with a `/`,
 * or naming an existing folder, is a folder; a preset name wins over a folder of the same name
 * (write `./newest` for the folder). Undefined: the default preset. Throws a ReleaseError that
 * says what to pass instead.
 */
export function resolveRelease(value: string | undefined, option = '--release'): ResolvedRelease {
  const name = value ?? DEFAULT_RELEASE;
  const preset = RELEASE_PRESETS[name];
  if (preset) return { facts: preset, schemasDir: presetSchemasDir(name) };
  if (name.trim() === '') throw new ReleaseError(`${option} is empty: ${presetsAndFolders()}`);
  if (namesReleaseFolder(name)) return releaseOfFolder(name, option);
  const meant = closest(name, Object.keys(RELEASE_PRESETS));
  throw new ReleaseError(`${option} ${name}: no such preset${meant ? ` (did you mean ${meant}?)` : ''}; ${presetsAndFolders()}`);
}

/** The release of a schemas folder, from its `release.json`. */
function releaseOfFolder(dir: string, option: string): ResolvedRelease {
  if (!fs.existsSync(dir)) throw new ReleaseError(`${option} ${dir}: no such folder; ${presetsAndFolders()}`);
  if (!fs.statSync(dir).isDirectory()) throw new ReleaseError(`${option} ${dir} is a file; name a schemas folder (with ${RELEASE_FILE}) or a preset`);
  const file = path.join(dir, RELEASE_FILE);
  if (!fs.existsSync(file)) {
    throw new ReleaseError(`${option} ${dir}: the folder has no ${RELEASE_FILE}, which names the release and its component versions; `
      + `make it a release with \`cdk8s-kubeflow schemas --out ${dir} --release-name <name> --base <preset> --component <component=version> … <CRDs…>\` `
      + '(it regenerates the schemas and writes release.json)');
  }
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReleaseError(`${option} ${dir}: ${file} is not JSON (${(e as Error).message}); regenerate the folder with \`cdk8s-kubeflow schemas --out ${dir} …\``);
  }
  try {
    return { facts: checkReleaseFacts(value), schemasDir: path.resolve(dir) };
  } catch (e) {
    throw new ReleaseError(`${option} ${dir}: ${file} ${(e as Error).message}; regenerate the folder with \`cdk8s-kubeflow schemas --out ${dir} --component <component=version> …\``);
  }
}

/** The schemas a component's kinds are validated against when its version differs from the schemas folder's. */
export interface ComponentSchemas {
  readonly schemasDir: string;
  /** The preset they come from. */
  readonly preset: string;
  /** Whether that preset runs exactly the version asked for. */
  readonly exact: boolean;
}

/**
 * For a release whose components differ from those of its schemas folder (a preset
 * `withComponents({ kserve: '0.20.0' })`): per such component, the preset schemas to validate
 * its kinds against, so that fields the upgraded component has are not rejected. A preset
 * running exactly that version, else the nearest newer one (the constructs gate newer fields
 * by version); none when no preset is as new.
 */
export function componentSchemas(base: ReleaseFacts, components: Readonly<Record<string, string>>): Map<Component, ComponentSchemas> {
  const chosen = new Map<Component, ComponentSchemas>();
  for (const c of COMPONENTS) {
    const wanted = components[c];
    if (wanted === undefined || compareVersions(wanted, base.components[c]) === 0) continue;
    const candidates = Object.values(RELEASE_PRESETS).filter((p) => compareVersions(p.components[c], wanted) >= 0)
      .sort((a, b) => compareVersions(a.components[c], b.components[c]));
    const preset = candidates[0];
    if (preset) chosen.set(c, { schemasDir: presetSchemasDir(preset.name), preset: preset.name, exact: compareVersions(preset.components[c], wanted) === 0 });
  }
  return chosen;
}

function presetsAndFolders(): string {
  const presets = Object.values(RELEASE_PRESETS).map((r) => `${r.name}${r.name === DEFAULT_RELEASE ? ' (the default)' : ''}`);
  return `pass a preset (${presets.join(', ')}) or a schemas folder made by \`cdk8s-kubeflow schemas\` (a path, e.g. ./my-release)`;
}

function readName(pkg: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
