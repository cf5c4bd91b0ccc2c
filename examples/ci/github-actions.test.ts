import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  expect(step('synth').run).toContain('npm run --silent synth -- --output sarif > synth.sarif || status=$?');
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

test('the synth step\'s shell keeps synth\'s exit code and leaves a SARIF file only when synth printed one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ci-step-'));
  try {
    // npm stands in for the real command: it prints SARIF and fails, or prints nothing and fails.
    for (const [fake, code, file] of [['echo \'{"version":"2.1.0"}\'; exit 1', 1, true], ['exit 1', 1, false], ['echo \'{}\'', 0, true]] as const) {
      writeFileSync(join(dir, 'npm'), `#!/bin/sh\n${fake}\n`, { mode: 0o755 });
      rmSync(join(dir, 'cdk8s-kubeflow.sarif'), { force: true });
      const r = spawnSync('bash', ['-e', '-c', step('synth').run!], { cwd: dir, env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
      expect([r.status, existsSync(join(dir, 'cdk8s-kubeflow.sarif'))]).toEqual([code, file]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
