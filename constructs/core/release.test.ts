import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_RELEASE, RELEASE_ENV, RELEASE_FILE, RELEASE_PRESETS } from '../../manifest';
import { constructError } from '../../test/util';
import { Release, requireRelease } from './release';
import { Stack } from './stack';

function withEnv<T>(value: string | undefined, fn: () => T): T {
  const before = process.env[RELEASE_ENV];
  if (value === undefined) delete process.env[RELEASE_ENV];
  else process.env[RELEASE_ENV] = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env[RELEASE_ENV];
    else process.env[RELEASE_ENV] = before;
  }
}

function releaseFolder(facts: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
  fs.writeFileSync(path.join(dir, RELEASE_FILE), JSON.stringify(facts));
  return dir;
}

describe('Release', () => {
  test('the presets carry the component versions of their CRD sets; the default is the Kubeflow platform', () => {
    expect(Release.KUBEFLOW_PLATFORM_2026_04.components).toMatchObject({ trainer: '2.2.0', kserve: '0.16.0', pipelines: '2.16.0', trainingOperator: '1.9.2' });
    expect(Release.NEWEST.components).toMatchObject({ trainer: '2.3.0', kserve: '0.20.0', pipelines: '2.17.0' });
    expect(Release.presets().map((r) => r.name)).toEqual(Object.keys(RELEASE_PRESETS));
    expect(DEFAULT_RELEASE).toBe(Release.KUBEFLOW_PLATFORM_2026_04.name);
    expect(Release.NEWEST.schemas).toBe('newest');
  });

  test('atLeast compares versions numerically', () => {
    expect(Release.KUBEFLOW_PLATFORM_2026_04.atLeast('kserve', '0.16.0')).toBe(true);
    expect(Release.KUBEFLOW_PLATFORM_2026_04.atLeast('kserve', '0.9.0')).toBe(true);
    expect(Release.KUBEFLOW_PLATFORM_2026_04.atLeast('kserve', '0.17')).toBe(false);
    expect(Release.NEWEST.atLeast('kubernetes', '1.29')).toBe(true);
  });

  test('a stack takes its release from the prop, else from synth --release (the env var), else the default', () => {
    withEnv(undefined, () => {
      expect(new Stack(Testing.app(), 'a').release.name).toBe(DEFAULT_RELEASE);
      expect(new Stack(Testing.app(), 'b', { release: Release.NEWEST }).release).toBe(Release.NEWEST);
    });
    withEnv('newest', () => {
      const app = Testing.app();
      const stack = new Stack(app, 'c');
      expect(Release.of(new Construct(new Construct(stack, 'x'), 'y')).name).toBe('newest');
      expect(new Stack(app, 'd', { release: Release.KUBEFLOW_PLATFORM_2026_04 }).release.name).toBe(DEFAULT_RELEASE);
    });
    const error = withEnv('kubeflow-2026', () => constructError(() => new Stack(Testing.app(), 'e')));
    expect(error.field).toBe('release');
    expect(error.problem).toContain('unknown release "kubeflow-2026"');
    expect(error.problem).toContain('kubeflow-platform-2026-04, newest');
  });

  test('a schemas folder with release.json is a release; its schemas are that folder', () => {
    const components = { ...Release.NEWEST.components, kserve: '0.18.0' };
    const dir = releaseFolder({ name: 'our-cluster', title: 'prod', components });
    const release = Release.named(dir);
    expect(release).toMatchObject({ name: 'our-cluster', components, schemas: path.resolve(dir) });
    expect(withEnv(dir, () => new Stack(Testing.app(), 'p').release.name)).toBe('our-cluster');
  });

  test('a folder without a usable release.json is an error saying how to make one', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
    expect(() => Release.named(empty)).toThrow(/release\.json: not found: a release folder is made by `cdk8s-kubeflow schemas/);
    expect(() => Release.named(releaseFolder({ name: 'x', components: { kserve: '0.16.0' } }))).toThrow(/has no version for trainingOperator, trainer, katib/);
    expect(() => Release.named(releaseFolder({ components: Release.NEWEST.components }))).toThrow(/has no name/);
    expect(() => Release.named('newst')).toThrow(/unknown release "newst"/);
  });

  test('withComponents overrides versions, names the change and keeps the schemas', () => {
    const r = Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ kserve: '0.18.0' });
    expect(r.name).toBe('kubeflow-platform-2026-04+kserve-0.18.0');
    expect(r.components.kserve).toBe('0.18.0');
    expect(r.components.trainer).toBe('2.2.0');
    expect(r.schemas).toBe('kubeflow-platform-2026-04');
    expect(r.withComponents({}, { schemasDir: 'schemas/mine' }).schemas).toBe(path.resolve('schemas/mine'));
    expect(() => Release.NEWEST.withComponents({ kserv: '1' } as never)).toThrow(/unknown component "kserv"/);
    expect(() => Release.NEWEST.withComponents({ kserve: 'latest' })).toThrow(/"latest" is not a version/);
  });

  test('requireRelease names the version that introduced a feature and the first preset with it', () => {
    const app = Testing.app();
    const old = new Stack(app, 'old', { release: Release.KUBEFLOW_PLATFORM_2026_04 });
    const e = constructError(() => requireRelease(new Construct(old, 'svc'), 'predictor.workerSpec', 'kserve', '0.17.0', 'a multi-node worker spec'));
    expect(e.field).toBe('predictor.workerSpec');
    expect(e.problem).toBe('a multi-node worker spec needs KServe 0.17.0 or later; this stack targets kubeflow-platform-2026-04 (KServe 0.16.0)');
    expect(e.fix).toContain('the preset newest: KServe 0.20.0');
    expect(e.fix).toContain(".withComponents({ kserve: '0.17.0' })");
    const upgraded = new Stack(app, 'up', { release: Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ kserve: '0.17.0' }) });
    expect(() => requireRelease(new Construct(upgraded, 'svc'), 'x', 'kserve', '0.17.0', 'x')).not.toThrow();
    expect(constructError(() => requireRelease(new Construct(old, 'y'), 'x', 'kserve', '9.0.0', 'a future field')).fix).not.toContain('the preset');
    // A release folder of the user's: regenerate it, rather than leave it for a preset.
    const dir = releaseFolder({ name: 'ours', components: { ...Release.KUBEFLOW_PLATFORM_2026_04.components, kserve: '0.15.0' } });
    const ours = new Stack(app, 'ours', { release: Release.named(dir) });
    const advice = constructError(() => requireRelease(new Construct(ours, 'svc'), 'x', 'kserve', '0.16.0', 'x')).fix;
    expect(advice).toContain(`regenerate its folder with \`cdk8s-kubeflow schemas --out ${path.resolve(dir)} --component kserve=0.16.0 …\``);
    expect(advice).not.toContain('KUBEFLOW_PLATFORM_2026_04');
  });

  test('withComponents takes a leading v (as tags are written) and stores the bare version', () => {
    expect(Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ notebooks: 'v1.9.0' }).components.notebooks).toBe('1.9.0');
  });
});
