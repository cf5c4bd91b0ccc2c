import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

// The real cdk8s CLI (cdk8s-cli from npm) on a copy of this project: `cdk8s synth` builds
// first, runs our synth, and never deletes dist/ (cdk8s-cli deletes only its scratch output).
const ROOT = join(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'cdk8s.out', 'coverage', '.cache']);
let project: string;

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir);
  return files;
}

function cdk8s(...args: string[]) {
  return spawnSync(join(ROOT, 'node_modules', '.bin', 'cdk8s'), args, { cwd: project, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: undefined } });
}

function editMain(from: string, to: string): () => void {
  const file = join(project, 'stacks', 'main.ts');
  const before = readFileSync(file, 'utf8');
  expect(before).toContain(from);
  writeFileSync(file, before.replace(from, to));
  return () => writeFileSync(file, before);
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'cdk8s-cli-'));
  // lib/ comes along so that the build is incremental (seconds, not a full compile).
  cpSync(ROOT, project, { recursive: true, filter: (src) => !SKIP.has(relative(ROOT, src).split('/')[0]) });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('`cdk8s synth` (the real cdk8s CLI)', () => {
  test('writes dist/ exactly as `cdk8s-kubeflow synth` does, and copies it to its scratch output', () => {
    rmSync(join(project, 'dist'), { recursive: true });
    const r = cdk8s('synth');
    expect(r.status).toBe(0);
    expect(tree(join(project, 'dist'))).toEqual(tree(join(ROOT, 'dist')));
    const { '.cdk8s-kubeflow': _stamp, ...objects } = tree(join(ROOT, 'dist'));
    expect(tree(join(project, 'cdk8s.out'))).toEqual(objects);
    expect(r.stderr).toMatch(/wrote \d+ files to dist in \d+ ms; 0 warning\(s\)/);
  });

  test('--stdout prints the manifests and leaves dist/ alone', () => {
    const before = tree(join(project, 'dist'));
    const r = cdk8s('synth', '--stdout');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kind: Profile');
    expect(r.stdout).toContain('name: ml-research');
    expect(tree(join(project, 'dist'))).toEqual(before);
  });

  test('a TypeScript error fails with the compiler\'s message and keeps dist/', () => {
    const before = tree(join(project, 'dist'));
    const restore = editMain("new PlatformStack(app, 'dev', { researchGpus: 3 });", "new PlatformStack(app, 'dev', { researchGpus: '3' });");
    try {
      const r = cdk8s('synth');
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/stacks\/main\.ts.*error TS2322: Type 'string' is not assignable to type 'number'/);
      expect(r.stderr).toContain('build failed: fix the TypeScript errors above');
      expect(tree(join(project, 'dist'))).toEqual(before);
      // `npm run synth` too: exit 1 (the app is broken), not tsc's 2 (which means usage error).
      const npm = spawnSync('npm', ['run', '--silent', 'synth'], { cwd: project, encoding: 'utf8' });
      expect(npm.status).toBe(1);
      expect(npm.stderr).toContain("error TS2322: Type 'string' is not assignable to type 'number'");
      expect(tree(join(project, 'dist'))).toEqual(before);
    } finally {
      restore();
    }
  });

  test('a construct error fails with path, field and fix, and keeps dist/', () => {
    const before = tree(join(project, 'dist'));
    const restore = editMain("{ researchGpus: 3 }", "{ researchGpus: 2.5 }");
    try {
      const r = cdk8s('synth');
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('error: dev/Research: quota.gpu: GPU count must be a whole number');
      expect(r.stderr).toContain('nothing was written to dist');
      expect(tree(join(project, 'dist'))).toEqual(before);
    } finally {
      restore();
    }
  });

  test('a changed stack is picked up: the build runs before synth', () => {
    const restore = editMain("{ researchGpus: 16, featureServers: 2 }", "{ researchGpus: 24, featureServers: 2 }");
    try {
      expect(cdk8s('synth').status).toBe(0);
      expect(readFileSync(join(project, 'dist', 'prod', '_cluster', 'profile-ml-research.yaml'), 'utf8')).toContain('requests.nvidia.com/gpu: "24"');
    } finally {
      restore();
    }
  });

  test('`cdk8s synth -o dist` (cdk8s-cli deletes dist first): synth writes it again and says why, so it is not left empty', () => {
    const r = cdk8s('synth', '-o', 'dist');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: cdk8s-cli deleted dist before this run: its output folder (`output` in cdk8s.yaml, or `-o`) is the folder synth replaces');
    expect(tree(join(project, 'dist'))).toEqual(tree(join(ROOT, 'dist')));
  });

});
