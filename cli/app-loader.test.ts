import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppConfig } from './app-loader';
import { UsageError } from './usage';

const ROOT = join(__dirname, '..');
let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'app-config-')); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('cdk8s.yaml', () => {
  test('the project\'s cdk8s.yaml names the compiled default app, dist/ to replace, and a scratch folder for cdk8s-cli', () => {
    expect(readAppConfig(ROOT)).toEqual({
      projectDir: ROOT,
      appModule: join(ROOT, 'lib', 'stacks', 'main.js'),
      out: join(ROOT, 'dist'),
      cdk8sOutput: join(ROOT, 'cdk8s.out'),
    });
  });

  test('--out defaults to dist, output (cdk8s-cli\'s) to dist as cdk8s-cli has it', () => {
    writeFileSync(join(work, 'cdk8s.yaml'), 'app: node lib/cli/main.js synth --app=app.js\n');
    expect(readAppConfig(work)).toMatchObject({ appModule: join(work, 'app.js'), out: join(work, 'dist'), cdk8sOutput: join(work, 'dist') });
  });

  test.each([
    ['app: node lib/stacks/main.js\n', 'app must run "cdk8s-kubeflow synth --app <module.js> --out <dir>", got "node lib/stacks/main.js"'],
    ['output: dist\n', 'got "undefined"'],
    ['app: [unclosed\n', 'not valid YAML'],
  ])('%j is a usage error', (yaml, message) => {
    writeFileSync(join(work, 'cdk8s.yaml'), yaml);
    expect(() => readAppConfig(work)).toThrow(UsageError);
    expect(() => readAppConfig(work)).toThrow(message);
  });

  test('no cdk8s.yaml is a usage error', () => {
    expect(() => readAppConfig(work)).toThrow('no cdk8s.yaml in');
  });
});
