import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppConfig } from './app-loader';
import { UsageError } from './usage';

const ROOT = join(__dirname, '..');
let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'app-config-')); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)])).sort();
}

describe('cdk8s.yaml', () => {
  test('the project\'s cdk8s.yaml names the compiled default app and dist/', () => {
    expect(readAppConfig(ROOT)).toEqual({ appModule: join(ROOT, 'lib', 'stacks', 'main.js'), output: join(ROOT, 'dist') });
  });

  test.each([
    ['app: node lib/stacks/main.js\n', 'app must run "cdk8s-kubeflow synth --app <module.js>"'],
    ['output: dist\n', 'got "undefined"'],
  ])('%j is a usage error', (yaml, message) => {
    writeFileSync(join(work, 'cdk8s.yaml'), yaml);
    expect(() => readAppConfig(work)).toThrow(UsageError);
    expect(() => readAppConfig(work)).toThrow(message);
  });

  test('no cdk8s.yaml is a usage error', () => {
    expect(() => readAppConfig(work)).toThrow('no cdk8s.yaml in');
  });

  // `npm test` builds lib/ first; the cdk8s CLI then runs our synth through cdk8s.yaml.
  test('`cdk8s synth` writes exactly what `cdk8s-kubeflow synth` writes', () => {
    const out = join(work, 'out');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--output', out, '--no-validate'], { cwd: ROOT, stdio: 'pipe' });
    const dist = join(ROOT, 'dist');
    expect(files(out)).toEqual(files(dist));
    for (const f of files(dist)) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(dist, f), 'utf8'));
  });
});
