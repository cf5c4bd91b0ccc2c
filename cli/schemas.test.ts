import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
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
    expect(stdout).toMatch(/^wrote .*: 6 kinds \(3 from CRDs\), 1 document, 13 files\n$/);
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
