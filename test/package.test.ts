import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The package as a user gets it: `npm pack`, installed into a scratch project (npm test has
// built lib/ first), typed imports of 'cdk8s-kubeflow', and its CLI synthesizing the app.
const ROOT = join(__dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let scratch: string;
let compiled: ReturnType<typeof spawnSync>;

const APP = `import { App } from 'cdk8s';
import { Notebook, Stack, Tenant } from 'cdk8s-kubeflow';

export function buildApp(): App {
  const app = new App();
  const dev = new Stack(app, 'dev');
  const team = new Tenant(dev, 'TeamA', { owner: 'alice@example.com' });
  new Notebook(dev, 'Lab', { tenant: team });
  return app;
}
`;

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: scratch, encoding: 'utf8' });
// node16 resolution reads the package's `exports` (types condition), as current TypeScript projects do.
const tsc = (file: string) => run(process.execPath, [TSC, '--strict', '--target', 'ES2022', '--module', 'node16', '--skipLibCheck', file]);

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'package-'));
  // --ignore-scripts: the lib/ that npm test built, not a `prepack` rebuild of it while other test
  // files (running in parallel) execute it, or one that fails on a source file being edited.
  execFileSync('npm', ['pack', ROOT, '--ignore-scripts', '--pack-destination', scratch, '--silent'], { cwd: scratch, stdio: 'pipe' });
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(scratch, 'package.json'), '{ "name": "scratch", "private": true }\n');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', `./${tarball}`], { cwd: scratch, stdio: 'pipe' });
  writeFileSync(join(scratch, 'app.ts'), APP);
  compiled = tsc('app.ts');
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds the compiled package, schemas and precompiled validators, no tests, stacks or scripts', () => {
  const listing = execFileSync('tar', ['-tzf', readdirSync(scratch).find((f) => f.endsWith('.tgz'))!], { cwd: scratch, encoding: 'utf8' }).split('\n');
  expect(listing).toEqual(expect.arrayContaining(['package/lib/constructs/index.js', 'package/lib/constructs/index.d.ts', 'package/lib/cli/main.js', 'package/schemas/kubeflow-platform-2026-04/index.json', 'package/schemas/newest/index.json', 'package/lib/policies/precompiled/manifest.js']));
  expect(listing.filter((f) => /\.test\.|\/(stacks|examples|test|testdata|scripts|bench)\//.test(f))).toEqual([]);
});

test('a TypeScript app importing \'cdk8s-kubeflow\' type-checks against the installed package, and the types are real', () => {
  expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
  expect(compiled.status).toBe(0);
  writeFileSync(join(scratch, 'bad.ts'), APP.replace("owner: 'alice@example.com'", 'owner: 42'));
  expect(tsc('bad.ts').stdout).toContain("error TS2322: Type 'number' is not assignable to type 'string'");
});

test('the installed cdk8s-kubeflow command synthesizes and validates the app', () => {
  const bin = join(scratch, 'node_modules', '.bin', 'cdk8s-kubeflow');
  expect(run(bin, ['--version']).stdout).toBe(`${require('../package.json').version}\n`);
  const synth = run(bin, ['synth', '--app', 'app.js', '--out', 'dist']);
  expect(synth.stderr).toBe('');
  expect(synth.stdout).toMatch(/^stack dev \(kubeflow-platform-2026-04\): 4 objects\n {5}1 {2}Inventory\n[\s\S]*wrote 4 files to dist in \d+ ms; 0 warning\(s\)\n$/);
  const validate = run(bin, ['validate', 'dist']);
  expect(validate.stdout).toBe('4 objects; schemas of kubeflow-platform-2026-04: 4 valid, 0 invalid, 0 not validated; policy rules: 0 errors, 0 warnings\n');
  expect(validate.status).toBe(0);
});
