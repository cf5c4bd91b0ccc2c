import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli as cli } from '../test/cli-output';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'apps');

/** Every file under `dir` with its content, by relative path. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, e.name);
    if (e.isDirectory()) Object.assign(files, tree(dir, rel));
    else files[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return files;
}

let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'synth-test-')); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** An output dir holding a previous synth's result, to prove failures leave it alone. */
function previousOutput(): { out: string; before: Record<string, string> } {
  const out = join(work, 'dist');
  mkdirSync(join(out, 'dev'), { recursive: true });
  writeFileSync(join(out, 'dev', 'old.yaml'), 'kind: Old\n');
  return { out, before: tree(out) };
}

describe('synth', () => {
  test('writes one validated YAML file per object under <stack>/<namespace>/ and prints a summary', async () => {
    const out = join(work, 'dist');
    const r = await cli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(tree(out)).sort()).toEqual([
      'dev/_cluster/profile-team-a.yaml',
      'dev/team-a/notebook-lab.yaml',
      'dev/team-a/persistentvolumeclaim-lab-workspace.yaml',
    ]);
    const nb = parse(readFileSync(join(out, 'dev/team-a/notebook-lab.yaml'), 'utf8'));
    expect(nb.metadata.labels['cdk8s-kubeflow.io/stack']).toBe('dev');
    expect(r.stdout).toContain('stack dev: 3 objects');
    expect(r.stdout).toMatch(/\s1 {2}Notebook\n/);
    expect(r.stdout).toMatch(/wrote 3 files to .* in \d+ ms; 0 warning\(s\)/);
  });

  test('two runs give byte-identical output', async () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    expect((await cli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', a)).code).toBe(0);
    expect((await cli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', b)).code).toBe(0);
    expect(tree(a)).toEqual(tree(b));
  });

  test('replaces the whole output directory, dropping files of objects that are gone', async () => {
    const { out } = previousOutput();
    expect((await cli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', out)).code).toBe(0);
    expect(existsSync(join(out, 'dev', 'old.yaml'))).toBe(false);
    expect(readdirSync(work)).toEqual(['dist']); // no staging or backup directories left behind
  });

  test('a construct error exits 1 with path, field and fix, and leaves the output untouched', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', join(FIXTURES, 'construct-error.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: dev/lab: resources.gpu: GPU count must be a whole number ≥ 1, got 0\n  fix: ');
    expect(r.stderr).toContain('synth failed: nothing was written');
    expect(tree(out)).toEqual(before);
    expect(readdirSync(work)).toEqual(['dist']);
  });

  test('a schema error exits 1 naming file, object, JSON path and rule, and leaves the output untouched', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', join(FIXTURES, 'schema-error.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: dev/team-a/notebook-lab.yaml: kubeflow.org/v1 Notebook team-a/lab: .spec.template.spec.containers[0]');
    expect(r.stderr).toContain('resourcez');
    expect(r.stderr).toContain('[schema]');
    expect(r.stderr).toMatch(/synth failed: 1 error\(s\)/);
    expect(tree(out)).toEqual(before);
  });

  test('construct validations (node.addValidation) fail synth', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', join(FIXTURES, 'validation-error.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: dev: .: the stack needs at least one tenant [construct]');
    expect(tree(out)).toEqual(before);
  });

  test('a ConstructError thrown by a lazy value at synth is reported as such, not as cdk8s\'s wrapper', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', join(FIXTURES, 'lazy-error.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: dev/settings: data: is empty\n  fix: add an entry\n\nsynth failed: nothing was written to ${out}\n`);
    expect(tree(out)).toEqual(before);
  });

  test('an app that throws something else exits 1 with the error and where it was thrown, and writes nothing', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', join(FIXTURES, 'throws.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the app .*throws\.ts threw TypeError: Cannot read properties of undefined \(reading 'namespace'\)\n/);
    expect(r.stderr).toMatch(/at .*buildApp \(.*throws\.ts:\d+/);
    expect(r.stderr).toContain(`synth failed: nothing was written to ${out}\n`);
    expect(tree(out)).toEqual(before);
  });

  test('charts that are not top-level Stacks are errors: their objects would miss the stack label and content hash', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', join(FIXTURES, 'nested-chart.ts'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: dev/inner: .: is a chart inside another chart [construct]\n  fix: make every chart a Stack');
    expect(r.stderr).toContain('error: plain: .: is a cdk8s Chart, not a Stack [construct]');
    expect(tree(out)).toEqual(before);
  });

  test('an --out that is a file is a usage error and the file is kept', async () => {
    const out = join(work, 'dist');
    writeFileSync(out, 'precious');
    const r = await cli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --out ${out} is a file; synth replaces a directory\n`);
    expect(readFileSync(out, 'utf8')).toBe('precious');
  });

  test('an output that cannot be written exits 1 and leaves nothing behind', async () => {
    writeFileSync(join(work, 'file'), '');
    const r = await cli('synth', '--app', join(FIXTURES, 'valid.ts'), '--out', join(work, 'file', 'dist'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot write .*file\/dist: ENOTDIR.*\n\nsynth failed: .*file\/dist is unchanged\n$/);
    expect(readdirSync(work)).toEqual(['file']);
  });

  test.each([
    [['synth', '--bogus'], 'unknown option --bogus'],
    [['synth', '--app'], '--app needs a value'],
    [['synth', '--app', '/nonexistent/app.js', '--out', '/tmp/x'], 'does not exist: run `npm run build` first'],
    [['synth', '--app', join(FIXTURES, 'no-build-app.ts'), '--out', '/tmp/x'], 'does not export buildApp()'],
  ])('usage error %j exits 2', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
