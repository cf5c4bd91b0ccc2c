import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import {
  checkComponentVersion, checkReleaseFacts, Component, namesReleaseFolder, COMPONENTS, COMPONENT_TITLES, ComponentVersions, compareVersions, DEFAULT_RELEASE, RELEASE_ENV, RELEASE_FILE, RELEASE_PRESETS, ReleaseFacts,
} from '../../manifest';
import { fail } from './errors';

/**
 * The platform a stack deploys to: the version of each Kubeflow component running there. It
 * decides what the constructs emit where component versions differ (KServe's deployment-mode
 * names, Trainer's override fields), which features exist (using one the target lacks is an
 * error naming the first version that has it), and which schemas synth validates against.
 */
export class Release {
  /** The Kubeflow platform (kubeflow/manifests) as of 2026-04: Trainer 2.2.0, KServe 0.16.0, KFP 2.16.0, … The default. */
  public static readonly KUBEFLOW_PLATFORM_2026_04 = Release.preset('kubeflow-platform-2026-04');
  /** The newest release of each component as of 2026-08: Trainer 2.3.0, KServe 0.20.0, KFP 2.17.0, … */
  public static readonly NEWEST = Release.preset('newest');

  /** Every built-in preset, by name. */
  public static presets(): Release[] {
    return Object.keys(RELEASE_PRESETS).map((name) => Release.preset(name));
  }

  /**
   * A built-in preset by name, or a schemas folder made by the `schemas` command (its
   * `release.json` names the component versions; synth validates against that folder).
   * A value containing `/` or naming an existing folder is a folder.
   */
  public static named(nameOrFolder: string): Release {
    if (RELEASE_PRESETS[nameOrFolder]) return Release.preset(nameOrFolder);
    if (namesReleaseFolder(nameOrFolder)) return Release.fromSchemas(nameOrFolder);
    throw new Error(`unknown release "${nameOrFolder}": the presets are ${Object.keys(RELEASE_PRESETS).join(', ')}; or name a schemas folder made by \`cdk8s-kubeflow schemas\` (a path)`);
  }

  /** The release of a schemas folder made by the `schemas` command, from its `release.json`. */
  public static fromSchemas(folder: string): Release {
    const file = path.join(folder, RELEASE_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message}: a release folder is made by \`cdk8s-kubeflow schemas --out ${folder} --component <component=version> … <CRDs>\``);
    }
    try {
      return new Release(checkReleaseFacts(JSON.parse(text)), path.resolve(folder));
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}; regenerate it with the \`schemas\` command`);
    }
  }

  /**
   * The release of the stack `scope` belongs to; outside a stack, the one `synth --release`
   * chose, else the default.
   */
  public static of(scope: IConstruct): Release {
    for (const s of [...scope.node.scopes].reverse()) {
      // Duck-typed, as Stack.isStack: an app may load its own copy of this package.
      const release = (s as { release?: Release }).release;
      if (typeof release?.atLeast === 'function') return release;
    }
    return Release.fromEnvironment(scope);
  }

  /** What `synth --release` chose (the env var {@link RELEASE_ENV}), else the default preset. @internal */
  public static fromEnvironment(scope: IConstruct): Release {
    const chosen = process.env[RELEASE_ENV];
    if (!chosen) return Release.preset(DEFAULT_RELEASE);
    try {
      return Release.named(chosen);
    } catch (e) {
      return fail(scope, 'release', `${RELEASE_ENV}=${chosen}: ${(e as Error).message}`, 'pass a preset name or a schemas folder to --release');
    }
  }

  private static preset(name: string): Release {
    return new Release(RELEASE_PRESETS[name]);
  }

  public readonly name: string;
  /** One line for listings and messages. */
  public readonly title: string;
  public readonly components: ComponentVersions;
  /**
   * What synth validates this release's objects against, as `--release` takes it: a preset name
   * (the package's `schemas/<name>/`) or the absolute path of a schemas folder.
   */
  public readonly schemas: string;

  private constructor(facts: ReleaseFacts, schemas?: string) {
    this.name = facts.name;
    this.title = facts.title;
    this.components = facts.components;
    this.schemas = schemas ?? facts.name;
  }

  /** Whether the release runs `component` at `version` or later. */
  public atLeast(component: Component, version: string): boolean {
    return compareVersions(this.components[component], version) >= 0;
  }

  /**
   * This release with some components at other versions (a platform that upgraded KServe, say):
   * the constructs emit for those versions, and synth validates the kinds of each changed
   * component against the preset that runs that version (or the nearest newer one, with a
   * warning), the rest against this release's schemas; `schemasDir` names a folder generated
   * from the cluster's CRDs (the `schemas` command) instead.
   */
  public withComponents(versions: Partial<Record<Component, string>>, options: { readonly name?: string; readonly schemasDir?: string } = {}): Release {
    const normalized: Partial<Record<Component, string>> = {};
    for (const [c, v] of Object.entries(versions)) {
      if (!(COMPONENTS as readonly string[]).includes(c)) throw new Error(`withComponents: unknown component "${c}"; the components are ${COMPONENTS.join(', ')}`);
      normalized[c as Component] = checkComponentVersion(c as Component, v!); // `v1.2.0` → `1.2.0`
    }
    const changed = Object.entries(normalized).map(([c, v]) => `${c}-${v}`).join('+');
    const name = options.name ?? (changed ? `${this.name}+${changed}` : this.name);
    return new Release({ name, title: `${this.title}, with ${changed || 'no change'}`, components: { ...this.components, ...normalized } }, options.schemasDir ? path.resolve(options.schemasDir) : this.schemas);
  }
}

/**
 * Fails unless the release of `scope` runs `component` at `since` or later: `what` (a field or
 * feature) does not exist before it. The message names the version that introduced it and the
 * first preset that has it.
 */
export function requireRelease(scope: IConstruct, field: string, component: Component, since: string, what: string): void {
  const release = Release.of(scope);
  if (release.atLeast(component, since)) return;
  const title = COMPONENT_TITLES[component];
  const preset = Release.presets().find((r) => r.atLeast(component, since));
  fail(scope, field,
    `${what} needs ${title} ${since} or later; this stack targets ${release.name} (${title} ${release.components[component]})`,
    `leave ${field} out, or target a release with it${preset ? ` (e.g. the preset ${preset.name}: ${title} ${preset.components[component]})` : ''}: the Stack's release prop or synth --release; `
    + `if your cluster already runs it, say so: ${upgradeAdvice(release, component, since)}`);
}

/** How to declare that the cluster runs `component` at `since`: on a preset, `withComponents`; a release folder, regenerated. */
function upgradeAdvice(release: Release, component: Component, since: string): string {
  const preset = RELEASE_PRESETS[release.schemas];
  if (!preset) return `regenerate its folder with \`cdk8s-kubeflow schemas --out ${release.schemas} --component ${component}=${since} …\` (its release.json then says so)`;
  const constant = release.schemas === 'newest' ? 'NEWEST' : release.schemas.toUpperCase().replace(/-/g, '_');
  return `release: Release.${constant}.withComponents({ ${component}: '${since}' })`;
}
