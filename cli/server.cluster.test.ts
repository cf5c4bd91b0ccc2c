import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RELEASE } from '../manifest';
import { runCli } from '../test/cli-output';
import { sharedCluster } from '../test/cluster/shared';

const { kubeconfigPath } = sharedCluster();
const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'apps');
let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'server-cli-')); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('--server against a real API server', () => {
  test('synth --server writes dist when the server accepts every object', async () => {
    const out = join(work, 'dist');
    const r = await runCli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', out, '--server', '--kubeconfig', kubeconfigPath);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('server dry run: 4 objects, 0 rejected; 2 checked in namespace "default" because a Profile or Namespace of this set creates theirs');
    expect(existsSync(join(out, 'dev/team-a/notebook-lab.yaml'))).toBe(true);
  });

  test('synth --server fails, writing nothing, when the server rejects what the schema allowed', async () => {
    const out = join(work, 'dist');
    const r = await runCli('synth', '--app', join(FIXTURES, 'server-error.ts'), '--out', out, '--server', '--kubeconfig', kubeconfigPath);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: dev/default/persistentvolumeclaim-data.yaml: v1 PersistentVolumeClaim default/data: .spec.resources[storage]: PersistentVolumeClaim "data" is invalid: spec.resources[storage]: Required value [server/invalid]');
    expect(existsSync(out)).toBe(false);
  });

  test('validate --server reports server rejections of plain YAML in the schema report format', async () => {
    const file = join(work, 'cm.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  "bad key!": b\n');
    const r = await runCli('validate', '--server', '--kubeconfig', kubeconfigPath, file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error: .*cm\.yaml: v1 ConfigMap default\/settings: \.data\[bad key!\]: .*a valid config key must consist of alphanumeric characters.* \[server\/invalid\]/);
    expect(r.stdout).toContain('server dry run: 1 object, 1 rejected');
  });

  test('validate --server sends only what the schema accepted: the server would only repeat the schema\'s errors', async () => {
    const file = join(work, 'two.yaml');
    writeFileSync(file, [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: default}\ndata: {a: b}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad, namespace: default}\ndata: [not, a, map]\n',
    ].join('---\n'));
    const r = await runCli('validate', '--server', '--kubeconfig', kubeconfigPath, '--output', 'json', file);
    const doc = JSON.parse(r.stdout);
    expect(doc.server).toEqual({ checked: 1, rejected: 0, retargeted: 0 });
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toEqual(['schema']);
  });

  test('an unreadable kubeconfig is a usage error', async () => {
    const r = await runCli('validate', '--server', '--kubeconfig', join(work, 'missing'), join(FIXTURES, '..', '..', '..', 'schemas', DEFAULT_RELEASE, 'crds', 'profiles.kubeflow.org.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--server: kubeconfig ${join(work, 'missing')} does not exist`);
  });
});
