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
    expect(stdout).toBe('1 objects: 1 valid, 0 invalid, 0 not validated\n');
  });

  test('prints each finding and exits 1 when any is an error', async () => {
    const file = write('m/all.yaml', [good, notebook, unknown].join('---\n'));
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`error: ${file}: kubeflow.org/v1 Notebook team-a/nb: .spec.template.spec.containers[0].resources.limits.cpu: "2 cores" is not a valid quantity [schema]\n  fix: write a number`);
    expect(stdout).toContain(`warning: ${file}: example.com/v1 Gadget g: .: not validated: no schema for example.com/v1/Gadget [schema/unknown-kind]`);
    expect(stdout).toMatch(/3 objects: 1 valid, 1 invalid, 1 not validated\n$/);
  });

  test('unknown kinds alone are warnings: exit 0', async () => {
    const { code, stdout } = await runCli('validate', write('u.yaml', unknown));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 objects: 0 valid, 0 invalid, 1 not validated\n$/);
  });

  test('a document that does not parse is an error with its line', async () => {
    const file = write('bad.yaml', `${good}---\nkind: [\n`);
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`error: ${file}: document 2: .: cannot parse (line`);
    expect(stdout).toMatch(/1 objects: 1 valid, 0 invalid, 0 not validated; 1 document could not be parsed\n$/);
  });

  test('--schemas selects another schemas folder', async () => {
    fs.mkdirSync(path.join(tmp, 'schemas'));
    fs.writeFileSync(path.join(tmp, 'schemas/index.json'), '{}');
    const { code, stdout } = await runCli('validate', '--schemas', path.join(tmp, 'schemas'), write('cm.yaml', good));
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 objects: 0 valid, 0 invalid, 1 not validated\n$/);
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

  test.each([
    [[], 'no files or directories to validate'],
    [['/no/such/file.yaml'], 'no such file or directory: /no/such/file.yaml'],
    [['--schemas', '/no/such/dir', '.'], '--schemas /no/such/dir: no such directory'],
    [['--bogus', '.'], 'unknown option --bogus'],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, stderr } = await runCli('validate', ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
