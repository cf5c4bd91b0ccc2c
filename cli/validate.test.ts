import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
    expect(stdout).toBe('1 object: 1 valid, 0 invalid, 0 not validated; policy rules: 0 errors, 0 warnings\n');
  });

  test('prints each finding and exits 1 when any is an error', async () => {
    const file = write('m/all.yaml', [good, notebook, unknown].join('---\n'));
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    // file:line of the object, for editors and CI annotations
    expect(stdout).toContain(`error: ${file}:6: kubeflow.org/v1 Notebook team-a/nb: .spec.template.spec.containers[0].resources.limits.cpu: "2 cores" is not a valid quantity [schema]\n  fix: write a number`);
    expect(stdout).toContain(`warning: ${file}:17: example.com/v1 Gadget g: .: not validated: no schema for example.com/v1/Gadget [schema/unknown-kind]`);
    expect(stdout).toMatch(/3 objects: 1 valid, 1 invalid, 1 not validated; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('unknown kinds alone are warnings: exit 0', async () => {
    const { code, stdout } = await runCli('validate', write('u.yaml', unknown));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 object: 0 valid, 0 invalid, 1 not validated; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('a document that does not parse is an error with its line', async () => {
    const file = write('bad.yaml', `${good}---\nkind: [\n`);
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`error: ${file}:7: document 2: .: cannot parse: `);
    expect(stdout).toMatch(/1 object: 1 valid, 0 invalid, 0 not validated; 1 document could not be parsed; policy rules: 0 errors, 0 warnings\n$/);
  });

  test('--schemas selects another schemas folder', async () => {
    fs.mkdirSync(path.join(tmp, 'schemas'));
    fs.writeFileSync(path.join(tmp, 'schemas/index.json'), '{}');
    const { code, stdout } = await runCli('validate', '--schemas', path.join(tmp, 'schemas'), write('cm.yaml', good));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 object: 0 valid, 0 invalid, 1 not validated; policy rules: 0 errors, 0 warnings\n$/);
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
    expect(doc).toMatchObject({ command: 'validate', ok: false, errors: 1, warnings: 1, objects: 3, valid: 1, invalid: 1, notValidated: 1, unparsed: 0 });
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toEqual(['schema', 'schema/unknown-kind']);
    expect(doc.findings[0]).toEqual({
      severity: 'error', rule: 'schema', file, line: 6, resource: 'kubeflow.org/v1 Notebook team-a/nb',
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
    expect(stdout).toMatch(/1 object: 1 valid, 0 invalid, 0 not validated; policy rules: 0 errors, 0 warnings\n$/);
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
    const { code, stderr } = await runCli('validate', '--schemas', path.join(tmp, 'schemas'), write('cm.yaml', good));
    expect(code).toBe(2);
    expect(stderr).toContain(`${path.join(tmp, 'schemas/json/v1/ConfigMap.json')}: `);
    expect(stderr).toContain('regenerate it with `cdk8s-kubeflow schemas`');
  });

  test('no objects at all is a warning, and --fail-on warning says why it failed', async () => {
    const file = write('empty.yaml', '---\n');
    expect((await runCli('validate', file)).stdout).toContain('no Kubernetes objects found');
    const strict = await runCli('validate', '--fail-on', 'warning', file);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/validate failed: 1 warning\(s\) \(--fail-on warning\)\n$/);
  });

  test.each([
    [[], "missing required argument 'paths'"],
    [['/no/such/file.yaml'], 'no such file or folder: /no/such/file.yaml'],
    [['--schemas', '/no/such/dir', '.'], '--schemas /no/such/dir: no such folder'],
    [['--bogus', '.'], "unknown option '--bogus'"],
    [['--output', 'xml', '.'], "argument 'xml' is invalid. Allowed choices are text, json"],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, stderr, stdout } = await runCli('validate', ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });
});
