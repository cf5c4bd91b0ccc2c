import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import * as semver from 'semver';

/**
 * The platforms a stack can target: which version of each Kubeflow component runs there. A
 * release picks the schemas objects are validated against (`schemas/<release>/`) and what the
 * constructs emit (names and fields differ between component versions).
 */

/** The components whose version changes what we emit or how it is validated. */
export const COMPONENTS = ['trainingOperator', 'trainer', 'katib', 'kserve', 'notebooks', 'dashboard', 'pipelines', 'argocd', 'kubernetes'] as const;
export type Component = typeof COMPONENTS[number];

/** What people call each component in messages. */
export const COMPONENT_TITLES: Readonly<Record<Component, string>> = {
  trainingOperator: 'Training Operator (v1 jobs)',
  trainer: 'Kubeflow Trainer',
  katib: 'Katib',
  kserve: 'KServe',
  notebooks: 'Kubeflow Notebooks',
  dashboard: 'Kubeflow Profiles and PodDefaults',
  pipelines: 'Kubeflow Pipelines',
  argocd: 'Argo CD',
  kubernetes: 'Kubernetes',
};

/** Component versions of a platform: `major.minor.patch` (Kubernetes: `major.minor`). */
export type ComponentVersions = Readonly<Record<Component, string>>;

/** A named platform: its component versions. Its schemas are in `schemas/<name>/` of the package (built-in presets) or a folder made by the `schemas` command. */
export interface ReleaseFacts {
  readonly name: string;
  /** One line for listings and messages. */
  readonly title: string;
  readonly components: ComponentVersions;
}

/**
 * The file in a schemas folder that names its release and component versions (written by
 * `schemas --release-name … --component …`), so a folder a user made is a preset too.
 */
export const RELEASE_FILE = 'release.json';

/** The built-in presets, each with a schemas folder of the same name in the package's `schemas/`. */
export const RELEASE_PRESETS: Readonly<Record<string, ReleaseFacts>> = {
  'kubeflow-platform-2026-04': {
    name: 'kubeflow-platform-2026-04',
    title: 'the Kubeflow platform (kubeflow/manifests) as of 2026-04',
    components: {
      trainingOperator: '1.9.2', trainer: '2.2.0', katib: '0.19.0', kserve: '0.16.0', notebooks: '1.10.0',
      dashboard: '1.10.0', pipelines: '2.16.0', argocd: '3.5.1', kubernetes: '1.35',
    },
  },
  'newest': {
    name: 'newest',
    title: 'the newest release of each component (2026-08)',
    components: {
      trainingOperator: '1.9.4', trainer: '2.3.0', katib: '0.19.0', kserve: '0.20.0', notebooks: '1.11.0',
      dashboard: '2.0.0', pipelines: '2.17.0', argocd: '3.5.1', kubernetes: '1.35',
    },
  },
};

/**
 * Whether a `--release` value (or `Release.named`'s) names a schemas folder rather than a preset:
 * a preset name wins over a folder of that name (write `./newest` for the folder); a value with a
 * path separator, or naming an existing folder, is a folder.
 */
export function namesReleaseFolder(value: string): boolean {
  return !RELEASE_PRESETS[value] && (value.includes('/') || value.includes(sep) || existsSync(value));
}

/** What a stack targets when neither it nor `--release` says: what most installs run. */
export const DEFAULT_RELEASE = 'kubeflow-platform-2026-04';

/**
 * How `synth --release` reaches the app it runs: the release of every stack that does not set
 * its own (a preset name or a schemas folder).
 */
export const RELEASE_ENV = 'CDK8S_KUBEFLOW_RELEASE';

/** Compares two component versions (`0.9.0` < `0.16.0`; `v1.2`, `1.35` and pre-release tails are coerced to `major.minor.patch`). */
export function compareVersions(a: string, b: string): number {
  return semver.compare(coerced(a), coerced(b));
}

function coerced(v: string): semver.SemVer {
  const c = semver.coerce(v);
  if (!c) throw new Error(`"${v}" is not a version (expected major.minor[.patch], e.g. 0.16.0)`);
  return c;
}

/** A component version as `release.json` and `--component` take it: `major.minor[.patch]`, optionally with a `v` and a pre-release tail. */
const VERSION = /^v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/;

/**
 * A component's version as given (`v0.18.0`, `1.35`), checked and without its `v`; throws an
 * Error saying what is expected.
 */
export function checkComponentVersion(component: Component, version: string): string {
  if (!VERSION.test(version.trim())) throw new Error(`${component} version "${version}" is not a version (expected major.minor[.patch], e.g. ${RELEASE_PRESETS[DEFAULT_RELEASE].components[component]})`);
  return version.trim().replace(/^v/, '');
}

/**
 * The release facts of a parsed `release.json`: a name, a title and a version of every
 * component (no other). Throws an Error saying what is missing or wrong. One check for the
 * constructs (`Release.fromSchemas`) and the CLI (`--release <folder>`).
 */
export function checkReleaseFacts(value: unknown): ReleaseFacts {
  const o = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined) as Record<string, unknown> | undefined;
  if (!o) throw new Error('expected an object with name, title and components');
  if (typeof o.name !== 'string' || o.name.trim() === '') throw new Error('has no name');
  const components = o.components as Record<string, unknown> | undefined;
  if (typeof components !== 'object' || components === null || Array.isArray(components)) throw new Error('has no components (component → version)');
  const unknown = Object.keys(components).filter((c) => !(COMPONENTS as readonly string[]).includes(c));
  if (unknown.length) throw new Error(`has unknown components ${unknown.join(', ')}; the components are ${COMPONENTS.join(', ')}`);
  const missing = COMPONENTS.filter((c) => typeof components[c] !== 'string');
  if (missing.length) throw new Error(`has no version for ${missing.join(', ')}`);
  const versions = Object.fromEntries(COMPONENTS.map((c) => [c, checkComponentVersion(c, components[c] as string)])) as Record<Component, string>;
  return { name: o.name, title: typeof o.title === 'string' ? o.title : o.name, components: versions };
}

const KUBEFLOW_ORG_KINDS: Readonly<Record<string, Component>> = {
  PyTorchJob: 'trainingOperator', TFJob: 'trainingOperator', XGBoostJob: 'trainingOperator', MPIJob: 'trainingOperator', PaddleJob: 'trainingOperator', JAXJob: 'trainingOperator',
  Experiment: 'katib', Trial: 'katib', Suggestion: 'katib',
  Notebook: 'notebooks', PVCViewer: 'notebooks',
  Profile: 'dashboard', PodDefault: 'dashboard',
  ScheduledWorkflow: 'pipelines', Viewer: 'pipelines',
};
const GROUP_COMPONENTS: Readonly<Record<string, Component>> = {
  'serving.kserve.io': 'kserve', 'trainer.kubeflow.org': 'trainer', 'pipelines.kubeflow.org': 'pipelines', 'tensorboard.kubeflow.org': 'notebooks',
};

/** The component whose version decides the schema of a kind, if it is one of {@link COMPONENTS} (not Kubernetes' own kinds). */
export function componentOfKind(apiVersion: string, kind: string): Component | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (group === 'kubeflow.org') return KUBEFLOW_ORG_KINDS[kind];
  if (group === 'argoproj.io') return ['Application', 'ApplicationSet', 'AppProject'].includes(kind) ? 'argocd' : undefined;
  return GROUP_COMPONENTS[group];
}
