import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RELEASE_PRESETS } from '../manifest';
import { runCli } from '../test/cli-output';

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cli-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: team-a}\ndata: {a: b}\n';
const notebook = 'apiVersion: kubeflow.org/v1\nkind: Notebook\nmetadata: {name: nb, namespace: team-a}\nspec:\n  template:\n    spec:\n      containers:\n      - name: nb\n        image: jupyter\n        resources: {limits: {cpu: 2 cores}}\n';
const unknown = 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n';

describe('cdk8s-kubeflow validate', () => {
  test('valid objects: exit 0 and a summary', async () => {
    write('m/cm.yaml', good);
    const { code, stdout } = await runCli('validate', path.join(tmp, 'm'));
    expect(code).toBe(0);
    expect(stdout).toBe('1 object; schemas of kubeflow-platform-2026-04: 1 valid, 0 invalid, 0 not validated; policy rules: 0 errors, 0 warnings\n');
  });

  test('prints each finding and exits 1 when any is an error', async () => {
    const file = write('m/all.yaml', [good, notebook, unknown].join('---\n'));
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    // file:line of the field, for editors and CI annotations
    expect(stdout).toContain(`error: ${file}:15: kubeflow.org/v1 Notebook team-a/nb: .spec.template.spec.containers[0].resources.limits.cpu: "2 cores" is not a valid quantity [schema]\n  fix: write a number`);
    expect(stdout).toContain(`warning: ${file}:17: example.com/v1 Gadget g: .: not validated: no schema for example.com/v1/Gadget in the schemas of kubeflow-platform-2026-04 [schema/unknown-kind]`);
    expect(stdout).toMatch(/3 objects; schemas of kubeflow-platform-2026-04: 1 valid, 1 invalid, 1 not validated; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('unknown kinds alone are warnings: exit 0', async () => {
    const { code, stdout } = await runCli('validate', write('u.yaml', unknown));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 object; schemas of kubeflow-platform-2026-04: 0 valid, 0 invalid, 1 not validated; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('a document that does not parse is an error with its line', async () => {
    const file = write('bad.yaml', `${good}---\nkind: [\n`);
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`error: ${file}:7: document 2: .: cannot parse: `);
    expect(stdout).toMatch(/1 object; schemas of kubeflow-platform-2026-04: 1 valid, 0 invalid, 0 not validated; 1 document could not be parsed; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('--release <folder> validates against a schemas folder made by the schemas command, named by its release.json', async () => {
    fs.mkdirSync(path.join(tmp, 'mine'));
    fs.writeFileSync(path.join(tmp, 'mine/index.json'), '{}');
    fs.writeFileSync(path.join(tmp, 'mine/release.json'), JSON.stringify({ ...RELEASE_PRESETS.newest, name: 'my-cluster' }));
    const { code, stdout } = await runCli('validate', '--release', path.join(tmp, 'mine'), '--output', 'json', write('cm.yaml', good));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ release: 'my-cluster', objects: 1, notValidated: 1 });
  });

  test('--server with an API server that cannot be reached is one usage error, not a misleading finding per object', async () => {
    const kubeconfig = write('kubeconfig', [
      'apiVersion: v1', 'kind: Config', 'current-context: c',
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]', // nothing listens on port 1
      'users: [{name: u, user: {token: t}}]', 'contexts: [{name: c, context: {cluster: c, user: u}}]',
    ].join('\n'));
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n';
    const { code, stdout, stderr } = await runCli('validate', '--server', '--kubeconfig', kubeconfig, write('m/cm.yaml', good), write('m/ns.yaml', ns));
    expect(code).toBe(2);
    expect(stderr).toMatch(/error: --server: cannot reach the API server https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED.*; check the kubeconfig's current context or pass --kubeconfig\n$/);
    expect(stdout).not.toContain('[server/');
  });

  test('--server without any kubeconfig says which files and variables were tried', async () => {
    const env = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };
    try {
      delete process.env.KUBECONFIG;
      process.env.HOME = tmp;
      const none = await runCli('validate', '--server', write('cm.yaml', good));
      expect(none.code).toBe(2);
      expect(none.stderr).toBe(`error: --server: no kubeconfig found; tried $KUBECONFIG (not set), ${path.join(tmp, '.kube', 'config')} (does not exist), `
        + 'the in-cluster service account /var/run/secrets/kubernetes.io/serviceaccount/token (not running in a pod); pass --kubeconfig <file> or set KUBECONFIG\n');
      process.env.KUBECONFIG = path.join(tmp, 'missing');
      const missing = await runCli('validate', '--server', path.join(tmp, 'cm.yaml'));
      expect(missing.stderr).toBe(`error: --server: no kubeconfig found; tried $KUBECONFIG=${path.join(tmp, 'missing')} (the file does not exist); pass --kubeconfig <file> or set KUBECONFIG\n`);
      const given = await runCli('validate', '--server', '--kubeconfig', path.join(tmp, 'nope'), path.join(tmp, 'cm.yaml'));
      expect(given.stderr).toBe(`error: --server: kubeconfig ${path.join(tmp, 'nope')} does not exist\n`);
      fs.writeFileSync(path.join(tmp, 'empty-kubeconfig'), '');
      expect((await runCli('validate', '--server', '--kubeconfig', path.join(tmp, 'empty-kubeconfig'), path.join(tmp, 'cm.yaml'))).stderr).toBe(`error: --server: kubeconfig ${path.join(tmp, 'empty-kubeconfig')} is empty\n`);
    } finally {
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  test('--output json: one document with the counts and every finding', async () => {
    const file = write('m/all.yaml', [good, notebook, unknown].join('---\n'));
    const { code, stdout } = await runCli('validate', '--output', 'json', file);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ command: 'validate', ok: false, release: 'kubeflow-platform-2026-04', errors: 1, warnings: 1, objects: 3, valid: 1, invalid: 1, notValidated: 1, unparsed: 0 });
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toEqual(['schema', 'schema/unknown-kind']);
    expect(doc.findings[0]).toEqual({
      severity: 'error', rule: 'schema', file, line: 15, resource: 'kubeflow.org/v1 Notebook team-a/nb',
      path: '.spec.template.spec.containers[0].resources.limits.cpu', message: '"2 cores" is not a valid quantity', fix: expect.stringContaining('write a number'),
    });
  });

  test('--fail-on warning fails on an object that could not be validated', async () => {
    const file = write('u.yaml', unknown);
    expect((await runCli('validate', file)).code).toBe(0);
    const strict = await runCli('validate', '--fail-on', 'warning', file);
    expect(strict.code).toBe(1);
    expect(JSON.parse((await runCli('validate', '--fail-on', 'warning', '--output', 'json', file)).stdout).ok).toBe(false);
  });

  test('what cannot be read is one finding per file or folder, and the others are read on', async () => {
    write('m/good.yaml', good);
    fs.symlinkSync(path.join(tmp, 'nowhere.yaml'), path.join(tmp, 'm', 'broken.yaml'));
    fs.mkdirSync(path.join(tmp, 'm', 'folder.yaml'));
    const { code, stdout, stderr } = await runCli('validate', path.join(tmp, 'm'));
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain(`error: ${path.join(tmp, 'm', 'broken.yaml')}: ${path.join(tmp, 'm', 'broken.yaml')}: .: cannot read: it does not exist (a broken symlink?) [load/read]`);
    expect(stdout).toMatch(/1 object; schemas of kubeflow-platform-2026-04: 1 valid, 0 invalid, 0 not validated; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('apiVersion, kind and metadata of the wrong type are named as such, not as missing', async () => {
    const file = write('typed.yaml', 'apiVersion: 5\nkind: [a]\nmetadata: 3\n');
    const { stdout } = await runCli('validate', file);
    expect(stdout).toContain('.apiVersion: must be a string such as "v1" or "kubeflow.org/v1", got number 5 [schema]');
    expect(stdout).toContain('.kind: must be a string such as "Notebook", got a list [schema]');
    expect(stdout).toContain('.metadata: must be a mapping with name (and namespace), got number 3 [schema]');
  });

  test('a broken schemas folder is a usage error naming the file', async () => {
    fs.mkdirSync(path.join(tmp, 'schemas/json/v1'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'schemas/index.json'), JSON.stringify({ 'v1/ConfigMap': { schema: 'json/v1/ConfigMap.json' } }));
    fs.writeFileSync(path.join(tmp, 'schemas/json/v1/ConfigMap.json'), '{ "type": ');
    fs.writeFileSync(path.join(tmp, 'schemas/release.json'), JSON.stringify({ ...RELEASE_PRESETS.newest, name: 'broken' }));
    const { code, stderr } = await runCli('validate', '--release', path.join(tmp, 'schemas'), write('cm.yaml', good));
    expect(code).toBe(2);
    expect(stderr).toContain(`${path.join(tmp, 'schemas/json/v1/ConfigMap.json')}: `);
    expect(stderr).toContain('regenerate it with `cdk8s-kubeflow schemas`');
  });

  test('no objects at all is an error (a CI job pointed at the wrong folder must not pass)', async () => {
    const r = await runCli('validate', write('empty.yaml', '---\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no Kubernetes objects found');
  });

  test('--fail-on warning says why it failed', async () => {
    const strict = await runCli('validate', '--fail-on', 'warning', write('u.yaml', unknown));
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/validate failed: 1 warning\(s\) \(--fail-on warning\)\n$/);
  });

  test.each([
    [[], "missing required argument 'paths'"],
    [['/no/such/file.yaml'], 'no such file or folder: /no/such/file.yaml'],
    [['--release', '/no/such/dir', '.'], '--release /no/such/dir: no such folder; pass a preset (kubeflow-platform-2026-04 (the default), newest) or a schemas folder'],
    [['--release', 'newset', '.'], '--release newset: no such preset (did you mean newest?); pass a preset (kubeflow-platform-2026-04 (the default), newest) or a schemas folder made by `cdk8s-kubeflow schemas` (a path, e.g. ./my-release)'],
    [['--release', 'kubeflow', '.'], '--release kubeflow: no such preset; pass a preset'],
    [['--release', '--policies', '.'], '"--policies" looks like an option, not a path'],
    [['--release', 'newest', '--release', 'kubeflow-platform-2026-04', '.'], 'given twice ("newest", then "kubeflow-platform-2026-04"): give it once'],
    [['--schemas', '.', '.'], "unknown option '--schemas'"],
    [['--bogus', '.'], "unknown option '--bogus'"],
    [['--output', 'xml', '.'], "argument 'xml' is invalid. Allowed choices are text, json"],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, stderr, stdout } = await runCli('validate', ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });
});

describe('validate: policies, standard input, SARIF', () => {
  const job = 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata: {name: train, namespace: ml}\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 2\n      template:\n        spec:\n          containers:\n          - {name: pytorch, image: "pytorch/pytorch"}\n';

  test('the admission rules run by default, at the line of the field', async () => {
    const file = write('job.yaml', job);
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`error: ${file}:7: kubeflow.org/v1 PyTorchJob ml/train: .spec.pytorchReplicaSpecs.Master.replicas: must be 1, got 2: the operator runs exactly one Master [training-operator/master-replicas]`);
    expect(stdout).toMatch(/1 object; schemas of kubeflow-platform-2026-04: 1 valid, 0 invalid, 0 not validated; policy rules: 1 error, 0 warnings\n$/);
  });

  test('--policies turns rules off and platform policies on', async () => {
    const policies = write('policies.yaml', 'rules:\n  training-operator/master-replicas: off\n  platform/image-pinned: warning\n');
    const { code, stdout } = await runCli('validate', '--policies', policies, write('job.yaml', job));
    expect(code).toBe(0);
    expect(stdout).not.toContain('master-replicas');
    expect(stdout).toContain('[platform/image-pinned]');
  });

  test('an unknown rule in the policy file is an error finding located in that file; a malformed file is a usage error', async () => {
    const policies = write('policies.yaml', 'rules:\n  platform/image-pined: error\n');
    const unknownRule = await runCli('validate', '--output', 'json', '--policies', policies, write('cm.yaml', good));
    expect(unknownRule.code).toBe(1);
    expect(JSON.parse(unknownRule.stdout).findings).toEqual([expect.objectContaining({ rule: 'policy/unknown-rule', file: policies, path: '.rules["platform/image-pined"]', fix: 'did you mean "platform/image-pinned"?' })]);
    const malformed = await runCli('validate', '--policies', write('bad.yaml', 'rules:\n  a: fatal\n'), write('cm.yaml', good));
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toBe(`error: --policies ${path.join(tmp, 'bad.yaml')}: .rules["a"]: "fatal" is not a setting; use off, error or warning\n`);
  });

  test('- reads standard input, once', () => {
    // A real process reading a real pipe.
    const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
    const cli = (...args: string[]) => spawnSync(tsx, [path.join(__dirname, 'main.ts'), 'validate', ...args], { input: job, encoding: 'utf8' });
    const r = cli('-');
    expect(r.status).toBe(1);
    // The object's line: standard input cannot be read again for the field's.
    expect(r.stdout).toContain('error: <stdin>:1: kubeflow.org/v1 PyTorchJob ml/train: .spec.pytorchReplicaSpecs.Master.replicas');
    const twice = cli('-', '-');
    expect([twice.status, twice.stderr]).toEqual([2, 'error: - (standard input) can be given once\n']);
  });

  test('--output sarif: one SARIF log with the rule\'s help and the finding at its line', async () => {
    const file = write('job.yaml', job);
    const { code, stdout } = await runCli('validate', '--output', 'sarif', file);
    expect(code).toBe(1);
    const run = JSON.parse(stdout).runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['training-operator/master-replicas']);
    expect(run.results[0].locations[0].physicalLocation.region).toEqual({ startLine: 7 });
  });
});

describe('validate --release: each preset accepts what its CRDs accept, and only that', () => {
  // KServe 0.20 added the predictor's storageContainerName; Trainer 2.2's pod template still has
  // Kubernetes' workloadRef, which 2.3's CRD (built on a later Kubernetes API) calls schedulingGroup.
  const isvc = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: m, namespace: a}\nspec:\n  predictor:\n    storageContainerName: s3-puller\n    model: {modelFormat: {name: sklearn}, storageUri: "s3://b/m"}\n';
  const runtime = 'apiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainingRuntime\nmetadata: {name: torch, namespace: a}\nspec:\n  mlPolicy: {numNodes: 2, torch: {}}\n  template:\n    spec:\n      replicatedJobs:\n      - name: node\n        template:\n          spec:\n            template:\n              spec:\n                workloadRef: {name: w, podGroup: g}\n                containers: [{name: node, image: pytorch}]\n';
  const validate = async (release: string | undefined, text: string) => {
    const args = release === undefined ? [] : ['--release', release];
    const { code, stdout } = await runCli('validate', ...args, '--output', 'json', write('o.yaml', text));
    const doc = JSON.parse(stdout);
    return { code, release: doc.release, errors: doc.findings.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`) };
  };

  test('an InferenceService field only KServe 0.20 has: valid for newest, an error for the platform (the default)', async () => {
    expect(await validate('newest', isvc)).toEqual({ code: 0, release: 'newest', errors: [] });
    const unknownField = { code: 1, release: 'kubeflow-platform-2026-04', errors: ['.spec.predictor.storageContainerName: unknown field "storageContainerName"'] };
    expect(await validate('kubeflow-platform-2026-04', isvc)).toEqual(unknownField);
    expect(await validate(undefined, isvc)).toEqual(unknownField);
  });

  test('a TrainingRuntime pod field only Trainer 2.2\'s CRD has: valid for the platform, an error for newest', async () => {
    expect(await validate('kubeflow-platform-2026-04', runtime)).toEqual({ code: 0, release: 'kubeflow-platform-2026-04', errors: [] });
    expect(await validate('newest', runtime)).toEqual({
      code: 1, release: 'newest', errors: ['.spec.template.spec.replicatedJobs[0].template.spec.template.spec.workloadRef: unknown field "workloadRef"'],
    });
  });

  test('a kind only one preset has (the platform\'s Spark operator) is checked there, and not validated by the other', async () => {
    const spark = 'apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata: {name: s, namespace: a}\nspec: {type: Python, sparkVersion: "3.5.0", mode: cluster, mainApplicationFile: "local:///app.py", driver: {}, executor: {}, typo: 1}\n';
    expect((await validate('kubeflow-platform-2026-04', spark)).errors).toEqual(['.spec.typo: unknown field "typo"']);
    const { stdout } = await runCli('validate', '--release', 'newest', write('s.yaml', spark));
    expect(stdout).toContain('not validated: no schema for sparkoperator.k8s.io/v1beta2/SparkApplication in the schemas of newest');
  });
});
