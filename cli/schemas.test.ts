import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { COMPONENTS, DEFAULT_RELEASE, RELEASE_PRESETS } from '../manifest';
import { runCli } from '../test/cli-output';
import { coreOpenApi, opaqueCrd, widgetCrd } from '../test/schemagen-fixtures';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-cli-'));
  fs.mkdirSync(path.join(tmp, 'in/widgets'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'in/openapi'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'in/widgets/crds.yaml'), `${YAML.stringify(widgetCrd())}---\n`);
  fs.writeFileSync(path.join(tmp, 'in/widgets/from-cluster.yaml'), YAML.stringify({ apiVersion: 'v1', kind: 'List', items: [opaqueCrd()] }));
  fs.writeFileSync(path.join(tmp, 'in/openapi/api__v1_openapi.json'), JSON.stringify(coreOpenApi()));
  fs.writeFileSync(path.join(tmp, 'in/README.md'), 'not an input');
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const out = () => path.join(tmp, 'schemas');
const read = (f: string) => fs.readFileSync(path.join(out(), f), 'utf8');
const schemas = async (...args: string[]) => (await runCli('schemas', '--out', out(), ...args)).code;

describe('cdk8s-kubeflow schemas', () => {
  test('writes the schemas folder from directories of CRDs and OpenAPI documents', async () => {
    expect(await schemas('--source', 'widgets=example/widgets@v1.2.3#abcdef1', path.join(tmp, 'in'))).toBe(0);
    expect(Object.keys(JSON.parse(read('index.json')))).toEqual([
      'autoscaling/v1/Scale', 'example.org/v1/Widget', 'example.org/v1beta1/Experiment', 'example.org/v1beta1/Widget', 'v1/ConfigMap', 'v1/Namespace',
    ]);
    expect(fs.existsSync(path.join(out(), 'crds/widgets.example.org.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(out(), 'json/meta/v1/ObjectMeta.json'))).toBe(true);
    expect(JSON.parse(read('sources.json'))).toEqual({ widgets: { repo: 'example/widgets', ref: 'v1.2.3', commit: 'abcdef1' } });
    expect(read('SOURCES.md')).toContain('| widgets | example/widgets | v1.2.3 | `abcdef1` |');
    const rel = (p: string) => path.relative(process.cwd(), p);
    expect(read('SOURCES.md')).toContain(`cdk8s-kubeflow schemas --out ${rel(out())} --source 'widgets=example/widgets@v1.2.3#abcdef1' ${rel(path.join(tmp, 'in'))}\n`);
  });

  test('reads sources.json back, so a rerun without --source reproduces the same sources', async () => {
    await schemas('--source', 'widgets=example/widgets@v1.2.3', path.join(tmp, 'in'));
    const first = read('index.json');
    await schemas(path.join(tmp, 'in'));
    expect(read('index.json')).toBe(first);
    expect(read('SOURCES.md')).toContain('| widgets | example/widgets | v1.2.3 |');
  });

  test('writes a schema for every served version; stale files from the previous run are removed', async () => {
    expect(await schemas(path.join(tmp, 'in'))).toBe(0);
    expect(fs.existsSync(path.join(out(), 'json/example.org/v1beta1/Widget.json'))).toBe(true);
    expect(fs.existsSync(path.join(out(), 'json/example.org/v1/Widget.json'))).toBe(true);
    fs.rmSync(path.join(tmp, 'in/widgets/crds.yaml'));
    expect(await schemas(path.join(tmp, 'in'))).toBe(0);
    expect(fs.existsSync(path.join(out(), 'json/example.org'))).toBe(true); // the Experiment is still there
    expect(fs.existsSync(path.join(out(), 'json/example.org/v1/Widget.json'))).toBe(false);
    expect(fs.existsSync(path.join(out(), 'crds/widgets.example.org.yaml'))).toBe(false);
  });

  test('reads .proto files too: the documents kfp writes get a schema each, keyed by message', async () => {
    fs.mkdirSync(path.join(tmp, 'in/pipelines'));
    fs.writeFileSync(path.join(tmp, 'in/pipelines/pipeline_spec.proto'), 'syntax = "proto3";\npackage ml_pipelines;\nmessage PipelineSpec { PipelineInfo pipeline_info = 1; }\nmessage PipelineInfo { string name = 1; }\n');
    const { code, stdout } = await runCli('schemas', '--out', out(), path.join(tmp, 'in'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote .*: release schemas, 6 kinds \(3 from CRDs\), 1 document, 14 files\n$/);
    expect(JSON.parse(read('index.json'))['ml_pipelines.PipelineSpec']).toEqual({ schema: 'json/ml_pipelines/PipelineSpec.json', scope: null, plural: null, crd: null, source: 'pipeline_spec' }); // an unrecorded source: the file's name
    expect(JSON.parse(read('json/ml_pipelines/PipelineSpec.json')).properties).toEqual({ pipelineInfo: { $ref: '#/definitions/ml_pipelines.PipelineInfo' } });
    fs.writeFileSync(path.join(tmp, 'in/pipelines/pipeline_spec.proto'), 'syntax = "proto3";\nmessage {\n');
    const broken = await runCli('schemas', '--out', out(), path.join(tmp, 'in'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${path.join(tmp, 'in/pipelines/pipeline_spec.proto')}: invalid proto: illegal type name '{' (line 2)`);
  });

  test.each([
    [[], "missing required argument 'paths'"],
    [['does-not-exist'], 'no such file or folder: does-not-exist'],
    [['--source'], "option '--source <name=owner/repo@ref[#commit]>' argument missing"],
    [['--source', 'nonsense', 'in'], 'expected name=owner/repo@ref'],
    [['in/README.md'], 'no CRDs or OpenAPI kinds found'],
  ])('usage error %j exits 2', async (args, message) => {
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      const { code, stderr } = await runCli('schemas', '--out', 'schemas', ...args);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    } finally {
      process.chdir(cwd);
    }
  });

  test('--out is required: there is no default folder to write', async () => {
    const { code, stderr } = await runCli('schemas', path.join(tmp, 'in'));
    expect(code).toBe(2);
    expect(stderr).toContain("required option '--out <dir>' not specified");
  });

  test('--out that is not a schemas folder is refused: its json/ and crds/ would be replaced', async () => {
    fs.mkdirSync(path.join(tmp, 'project', 'json'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'project', 'json', 'mine.json'), '{}');
    const { code, stderr } = await runCli('schemas', '--out', path.join(tmp, 'project'), path.join(tmp, 'in'));
    expect(code).toBe(2);
    expect(stderr).toContain(`--out ${path.join(tmp, 'project')} is not a schemas folder (it has no index.json)`);
    expect(fs.readFileSync(path.join(tmp, 'project', 'json', 'mine.json'), 'utf8')).toBe('{}');
    expect((await runCli('schemas', '--out', '', path.join(tmp, 'in'))).stderr).toContain('--out is empty');
  });

  test('an unreadable input exits 2 and names the file', async () => {
    fs.writeFileSync(path.join(tmp, 'in/widgets/broken.yaml'), 'a: [unclosed\n');
    const { code, stderr } = await runCli('schemas', '--out', out(), path.join(tmp, 'in'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/broken\.yaml:\d+: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]\n$/);
  });
});

describe('cdk8s-kubeflow schemas: the release (release.json)', () => {
  const release = () => JSON.parse(read('release.json'));
  const platform = RELEASE_PRESETS[DEFAULT_RELEASE];

  test('is the default preset\'s versions, named after the folder, unless told otherwise', async () => {
    expect(await schemas(path.join(tmp, 'in'))).toBe(0);
    expect(release()).toEqual({ name: 'schemas', title: `schemas: the versions of ${DEFAULT_RELEASE}`, components: platform.components });
    expect(Object.keys(release().components)).toEqual([...COMPONENTS]); // a stable order
    expect(read('SOURCES.md')).toContain('| KServe (`kserve`) | 0.16.0 |');
  });

  test('--component versions over --base, named --release-name, recorded in SOURCES.md and the command', async () => {
    const { code, stdout } = await runCli('schemas', '--out', out(), '--release-name', 'my-cluster', '--base', 'newest', '--component', 'kserve=v0.18.0', '--component', 'trainer=2.1.0', path.join(tmp, 'in'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/: release my-cluster, /);
    expect(release()).toEqual({
      name: 'my-cluster', title: 'my-cluster: the versions of newest, but Kubeflow Trainer 2.1.0, KServe 0.18.0',
      components: { ...RELEASE_PRESETS.newest.components, kserve: '0.18.0', trainer: '2.1.0' },
    });
    expect(read('SOURCES.md')).toContain('# my-cluster: generated API facts');
    expect(read('SOURCES.md')).toContain('| KServe (`kserve`) | 0.18.0 |');
    expect(read('SOURCES.md')).toContain('--release-name my-cluster --base newest --component kserve=v0.18.0 --component trainer=2.1.0 ');
  });

  test('is read back on a rerun, like sources.json: the inputs alone regenerate the same folder', async () => {
    await schemas('--release-name', 'my-cluster', '--component', 'kserve=0.18.0', path.join(tmp, 'in'));
    const first = read('release.json');
    expect(await schemas(path.join(tmp, 'in'))).toBe(0);
    expect(read('release.json')).toBe(first);
    // A new --component changes only that version; --base starts again from a preset.
    await schemas('--component', 'katib=0.18.0', path.join(tmp, 'in'));
    expect(release()).toMatchObject({ name: 'my-cluster', components: { ...platform.components, kserve: '0.18.0', katib: '0.18.0' } });
    await schemas('--base', 'newest', path.join(tmp, 'in'));
    expect(release()).toEqual({ name: 'my-cluster', title: 'my-cluster: the versions of newest', components: RELEASE_PRESETS.newest.components });
  });

  test('a preset\'s name with the preset\'s versions is the preset (its title too), as scripts/regenerate-schemas.ts makes them', async () => {
    expect(await schemas('--release-name', 'newest', '--base', 'newest', path.join(tmp, 'in'))).toBe(0);
    expect(release()).toEqual(RELEASE_PRESETS.newest);
  });

  test('a folder holding only the sources.json (and release.json) it reads back may be written', async () => {
    fs.mkdirSync(out());
    fs.writeFileSync(path.join(out(), 'sources.json'), JSON.stringify({ widgets: { repo: 'example/widgets', ref: 'v1', paths: ['widgets'] } }));
    expect(await schemas(path.join(tmp, 'in'))).toBe(0);
    expect(read('SOURCES.md')).toContain('| widgets | example/widgets | v1 |');
  });

  test.each([
    [['--component', 'kserv=0.18.0'], `--component kserv=0.18.0: no component "kserv" (did you mean kserve?); the components are ${COMPONENTS.join(', ')}`],
    [['--component', 'spark=2.5.0'], `--component spark=2.5.0: no component "spark"; the components are ${COMPONENTS.join(', ')}`],
    [['--component', 'kserve'], '--component "kserve": expected <component>=<version>, e.g. kserve=0.18.0'],
    [['--component', '=0.18.0'], '--component "=0.18.0": expected <component>=<version>'],
    [['--component', 'kserve=latest'], '--component kserve=latest: kserve version "latest" is not a version (expected major.minor[.patch], e.g. 0.16.0)'],
    [['--component', 'kserve=0.18.0', '--component', 'kserve=0.19.0'], '--component kserve is given twice; give each component once'],
    [['--base', 'newset'], '--base newset: no such preset (did you mean newest?); the presets are kubeflow-platform-2026-04, newest'],
    [['--release-name', 'my/cluster'], '--release-name "my/cluster": a release name is letters, digits and . _ + -'],
    [['--release-name', 'newest', '--base', 'newest', '--component', 'kserve=0.18.0'], 'release name newest is a built-in preset, whose kserve is 0.20.0, not 0.18.0: give the folder a name of its own with --release-name\n'],
    [['--release-name', 'newest'], 'release name newest is a built-in preset, whose trainingOperator is 1.9.4, not 1.9.2; trainer is 2.3.0, not 2.2.0; kserve is 0.20.0, not 0.16.0;'],
    [['--release-name', 'newest'], 'give the folder a name of its own with --release-name, or pass --base newest for the preset itself'],
  ])('%j is a usage error (exit 2) before anything is written', async (args, message) => {
    const { code, stderr } = await runCli('schemas', '--out', out(), ...args, path.join(tmp, 'in'));
    expect([code, stderr]).toEqual([2, expect.stringContaining(message)]);
    expect(fs.existsSync(out())).toBe(false);
  });

  test('a folder named after a preset must say which release it is: its name is not the preset\'s', async () => {
    const { code, stderr } = await runCli('schemas', '--out', path.join(tmp, 'newest'), '--component', 'kserve=0.18.0', path.join(tmp, 'in'));
    expect(code).toBe(2);
    expect(stderr).toContain('give the folder a name of its own with --release-name (the default is the folder\'s name, newest)');
  });

  test('a broken release.json of an earlier run is a usage error naming it', async () => {
    fs.mkdirSync(out());
    fs.writeFileSync(path.join(out(), 'release.json'), JSON.stringify({ name: 'x', components: { kserve: '0.18.0' } }));
    const { code, stderr } = await runCli('schemas', '--out', out(), path.join(tmp, 'in'));
    expect(code).toBe(2);
    expect(stderr).toContain(`${path.join(out(), 'release.json')}: has no version for trainingOperator, trainer, katib, notebooks, dashboard, pipelines, argocd, kubernetes`);
  });
});
