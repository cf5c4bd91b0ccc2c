import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMPONENTS, DEFAULT_RELEASE, RELEASE_PRESETS } from '../manifest';
import { packageSchemasDir, presetSchemasDir, ReleaseError, releaseSchemasDir, resolveRelease } from './schema-dir';

const ROOT = path.resolve(__dirname, '..');
let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'release-dir-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A folder with a release.json of `facts` (and nothing else: resolution reads only that). */
function releaseFolder(name: string, facts: unknown): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'release.json'), typeof facts === 'string' ? facts : JSON.stringify(facts));
  return dir;
}

const mine = { name: 'my-cluster', title: 'ours', components: { ...RELEASE_PRESETS[DEFAULT_RELEASE].components, kserve: '0.18.0' } };

describe('the package\'s schemas/', () => {
  test('holds one complete folder per preset, whose release.json is the preset', () => {
    expect(fs.readdirSync(path.join(ROOT, 'schemas')).sort()).toEqual(Object.keys(RELEASE_PRESETS).sort());
    for (const [name, facts] of Object.entries(RELEASE_PRESETS)) {
      const dir = presetSchemasDir(name);
      expect(fs.readdirSync(dir).sort()).toEqual(['SOURCES.md', 'crds', 'index.json', 'json', 'release.json', 'sources.json']);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'release.json'), 'utf8'))).toEqual(facts);
      expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'))).length).toBeGreaterThan(70);
      // Every source an index entry names is recorded, with where it came from.
      const sources = JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8')) as Record<string, { repo: string; ref: string }>;
      const used = new Set(Object.values(JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as Record<string, { source: string }>).map((e) => e.source));
      expect([...used].filter((s) => !sources[s])).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'SOURCES.md'), 'utf8')).toContain('npx tsx scripts/regenerate-schemas.ts');
    }
  });

  test('the platform preset records the kubeflow/manifests commit and what it shares with newest', () => {
    const sources = JSON.parse(fs.readFileSync(path.join(presetSchemasDir('kubeflow-platform-2026-04'), 'sources.json'), 'utf8')) as Record<string, { commit?: string; note?: string }>;
    expect(sources.kserve).toMatchObject({ commit: '009c88084074904c7743384ff50d3bd70012ef55', note: expect.stringContaining('KServe v0.16.0') });
    expect(sources['trainer-v2'].note).toBe('Trainer v2.2.0');
    for (const shared of ['argo-cd', 'argo-workflows', 'kubernetes', 'reconciler', 'pipelines-ir']) expect(sources[shared].note).toMatch(/shared with newest/);
  });

  test('the default preset is what validation uses when no release is named', () => {
    expect(packageSchemasDir()).toBe(presetSchemasDir(DEFAULT_RELEASE));
    expect(resolveRelease(undefined)).toEqual({ facts: RELEASE_PRESETS[DEFAULT_RELEASE], schemasDir: presetSchemasDir(DEFAULT_RELEASE) });
  });
});

describe('resolveRelease', () => {
  test('a preset name is the package\'s folder of that name', () => {
    expect(resolveRelease('newest')).toEqual({ facts: RELEASE_PRESETS.newest, schemasDir: path.join(ROOT, 'schemas', 'newest') });
  });

  test('a path is a schemas folder, named by its release.json', () => {
    const dir = releaseFolder('mine', mine);
    expect(resolveRelease(dir)).toEqual({ facts: mine, schemasDir: dir });
    expect(resolveRelease(`${dir}/`).schemasDir).toBe(dir);
  });

  test('an existing folder is a folder even without a slash; a preset wins over a folder of its name', () => {
    releaseFolder('mine', mine);
    releaseFolder('newest', mine);
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      expect(resolveRelease('mine')).toEqual({ facts: mine, schemasDir: path.join(fs.realpathSync(tmp), 'mine') });
      expect(resolveRelease('newest').facts).toBe(RELEASE_PRESETS.newest);
      expect(resolveRelease('./newest').facts).toEqual(mine);
    } finally {
      process.chdir(cwd);
    }
  });

  test('versions in release.json are taken without a leading v', () => {
    const dir = releaseFolder('v', { ...mine, components: { ...mine.components, kserve: 'v0.18.0' } });
    expect(resolveRelease(dir).facts.components.kserve).toBe('0.18.0');
  });

  const presets = 'pass a preset (kubeflow-platform-2026-04 (the default), newest) or a schemas folder made by `cdk8s-kubeflow schemas` (a path, e.g. ./my-release)';
  test.each<[string, () => [string, string]]>([
    ['an unknown name, with the preset it is a typo of', () => ['newset', `--release newset: no such preset (did you mean newest?); ${presets}`]],
    ['an unknown name like no preset', () => ['kubeflow-1.10', `--release kubeflow-1.10: no such preset; ${presets}`]],
    ['an empty name', () => ['', `--release is empty: ${presets}`]],
    ['a path that does not exist', () => [path.join(tmp, 'nowhere'), `--release ${path.join(tmp, 'nowhere')}: no such folder; ${presets}`]],
    ['a file', () => {
      fs.writeFileSync(path.join(tmp, 'f'), '');
      return [path.join(tmp, 'f'), `--release ${path.join(tmp, 'f')} is a file; name a schemas folder (with release.json) or a preset`];
    }],
  ])('%s is an error saying what to pass', (_what, made) => {
    const [value, message] = made();
    expect(() => resolveRelease(value)).toThrow(ReleaseError);
    expect(() => resolveRelease(value)).toThrow(message);
  });

  test('a folder without release.json is an error saying how to make one', () => {
    const dir = path.join(tmp, 'plain');
    fs.mkdirSync(dir);
    expect(() => resolveRelease(dir, 'properties.release')).toThrow(
      `properties.release ${dir}: the folder has no release.json, which names the release and its component versions; `
      + `make it a release with \`cdk8s-kubeflow schemas --out ${dir} --release-name <name> --base <preset> --component <component=version> … <CRDs…>\``,
    );
  });

  test.each<[string, unknown, string]>([
    ['not JSON', '{ name', 'is not JSON'],
    ['not an object', '[]', 'expected an object with name, title and components'],
    ['no name', { ...mine, name: '' }, 'has no name'],
    ['no components', { name: 'x' }, 'has no components'],
    ['a missing component', { ...mine, components: { ...mine.components, katib: undefined } }, 'has no version for katib'],
    ['an unknown component', { ...mine, components: { ...mine.components, kfserving: '0.6.0' } }, `has unknown components kfserving; the components are ${COMPONENTS.join(', ')}`],
    ['a version that is not one', { ...mine, components: { ...mine.components, kserve: 'latest' } }, 'kserve version "latest" is not a version (expected major.minor[.patch], e.g. 0.16.0)'],
  ])('a release.json with %s is an error naming the file and saying to regenerate it', (_what, facts, message) => {
    const dir = releaseFolder('broken', facts);
    expect(() => resolveRelease(dir)).toThrow(ReleaseError);
    expect(() => resolveRelease(dir)).toThrow(new RegExp(`^--release ${dir}: ${path.join(dir, 'release.json')} .*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*; regenerate the folder with \`cdk8s-kubeflow schemas --out ${dir}`));
  });
});

test('releaseSchemasDir: a stack\'s release schemas, a preset by name, else a folder', () => {
  expect(releaseSchemasDir('newest')).toBe(presetSchemasDir('newest'));
  expect(releaseSchemasDir(tmp)).toBe(tmp);
});
