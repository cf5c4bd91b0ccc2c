import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

// The GitHub Actions example: its steps are what this repository runs, and what they run works.
const ROOT = join(__dirname, '..', '..');
const workflow = parse(readFileSync(join(__dirname, 'github-actions.yml'), 'utf8'));
const steps: { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, string> }[] = workflow.jobs.check.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;

test('synth writes SARIF, which code scanning gets even when synth fails (and only when it ran)', () => {
  expect(workflow.permissions).toEqual({ 'contents': 'read', 'security-events': 'write' });
  expect(step('synth').run).toBe('npm run --silent synth -- --output sarif > cdk8s-kubeflow.sarif');
  const upload = step('upload findings to code scanning');
  expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
  expect(upload.with).toEqual({ sarif_file: 'cdk8s-kubeflow.sarif', category: 'cdk8s-kubeflow' });
  expect(upload.if).toBe("${{ !cancelled() && hashFiles('cdk8s-kubeflow.sarif') != '' }}");
  // npm appends `-- --output sarif` to the script's last command: our synth.
  expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.synth).toMatch(/&& node lib\/cli\/main\.js synth$/);
});

test('the synth step prints a SARIF log on stdout and nothing else', () => {
  const out = mkdtempSync(join(tmpdir(), 'ci-example-'));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'lib', 'cli', 'main.js'), 'synth', '--out', join(out, 'dist'), '--output', 'sarif'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(log).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'cdk8s-kubeflow' } }, results: [] }] });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
