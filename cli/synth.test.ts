import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { OUTPUT_MARKER } from '../manifest';
import { runCli as cli } from '../test/cli-output';
import { replaceDirectory } from './output-dir';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'apps');
const app = (name: string) => join(FIXTURES, `${name}.ts`);

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
beforeEach(() => { work = realpathSync(mkdtempSync(join(tmpdir(), 'synth-test-'))); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** An output folder holding a previous synth's result, to prove failures leave it alone. */
function previousOutput(): { out: string; before: Record<string, string> } {
  const out = join(work, 'dist');
  replaceDirectory(out, new Map([['dev/old.yaml', 'kind: Old\n']]));
  return { out, before: tree(out) };
}

describe('synth', () => {
  test('writes one validated YAML file per object under <stack>/<namespace>/, plus its stamp, and prints a summary on stdout', async () => {
    const out = join(work, 'dist');
    const r = await cli('synth', '--app', app('valid'), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Object.keys(tree(out)).sort()).toEqual([
      OUTPUT_MARKER,
      'dev/_cluster/inventory-dev.yaml',
      'dev/_cluster/profile-team-a.yaml',
      'dev/team-a/notebook-lab.yaml',
      'dev/team-a/persistentvolumeclaim-lab-workspace.yaml',
    ]);
    const nb = parse(readFileSync(join(out, 'dev/team-a/notebook-lab.yaml'), 'utf8'));
    expect(nb.metadata.labels['cdk8s-kubeflow.io/stack']).toBe('dev');
    // The three objects of the app and the stack's Inventory listing them.
    expect(parse(readFileSync(join(out, 'dev/_cluster/inventory-dev.yaml'), 'utf8')).spec.objects.map((o: any) => o.kind)).toEqual(['PersistentVolumeClaim', 'Notebook', 'Profile']);
    expect(r.stdout).toContain('stack dev (kubeflow-platform-2026-04): 4 objects');
    expect(r.stdout).toMatch(/\s1 {2}Notebook\n/);
    expect(r.stdout).toMatch(/wrote 4 files to .* in \d+ ms; 0 warning\(s\)/);
  });

  test('two runs give byte-identical output', async () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    expect((await cli('synth', '--app', app('valid'), '--out', a)).code).toBe(0);
    expect((await cli('synth', '--app', app('valid'), '--out', b)).code).toBe(0);
    expect(tree(a)).toEqual(tree(b));
  });

  test('replaces its own earlier output whole, dropping files of objects that are gone', async () => {
    const { out } = previousOutput();
    expect((await cli('synth', '--app', app('valid'), '--out', out)).code).toBe(0);
    expect(Object.keys(tree(out))).not.toContain('dev/old.yaml');
    expect(readdirSync(work)).toEqual(['dist']); // no staging or backup folders left behind
  });

  test('a construct error exits 1 with path, field and fix on stdout, and leaves the output untouched', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('construct-error'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: dev/lab: resources.gpu: GPU count must be a whole number ≥ 1, got 0 [construct]\n  fix: ');
    expect(r.stdout).toContain('synth failed: 1 error(s), 0 warning(s); nothing was written');
    expect(r.stderr).toBe('');
    expect(tree(out)).toEqual(before);
    expect(readdirSync(work)).toEqual(['dist']);
  });

  test('a schema error exits 1 naming file, object, JSON path and rule, and leaves the output untouched', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('schema-error'), '--out', out);
    expect(r.code).toBe(1);
    // The construct that made the object (the file it would go to is in --output json).
    expect(r.stdout).toContain('error: dev/lab: kubeflow.org/v1 Notebook team-a/lab: .spec.template.spec.containers[0]');
    expect(r.stdout).toContain('resourcez');
    expect(r.stdout).toContain('[schema]');
    expect(r.stdout).toMatch(/synth failed: 1 error\(s\)/);
    expect(tree(out)).toEqual(before);
  });

  test('construct validations (node.addValidation) fail synth', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('validation-error'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: dev: .: the stack needs at least one tenant [construct]');
    expect(tree(out)).toEqual(before);
  });

  test('a ConstructError thrown by a check at synth (addCheck) is reported with its path, field and fix', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('check-error'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`error: dev/settings: data: is empty [construct]\n  fix: add an entry\n\nsynth failed: 1 error(s), 0 warning(s); nothing was written to ${out}\n`);
    expect(tree(out)).toEqual(before);
  });

  test('an app that throws something else exits 1 with the error and the line of the app, no stack trace, and writes nothing', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('throws'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error: .*throws\.ts: \.: the app threw TypeError: Cannot read properties of undefined \(reading 'namespace'\) \(at .*throws\.ts:\d+:\d+\) \[app\/exception\]\n  fix: fix the app where it threw; --debug prints the whole stack trace\n/);
    expect(r.stdout).not.toMatch(/\n\s+at /);
    expect(r.stdout).toContain(`synth failed: 1 error(s), 0 warning(s); nothing was written to ${out}\n`);
    expect(tree(out)).toEqual(before);
  });

  test('--debug adds the whole stack trace of what the app threw', async () => {
    const r = await cli('--debug', 'synth', '--app', app('throws'), '--out', join(work, 'dist'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/TypeError: Cannot read properties of undefined[\s\S]*\n\s+at (Object\.)?buildApp \(.*throws\.ts:\d+/);
  });

  test('charts that are not top-level Stacks are errors: their objects would miss the stack label and content hash', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('nested-chart'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error: dev/inner: .: is a chart inside another chart [construct]\n  fix: make every chart a Stack');
    expect(r.stdout).toContain('error: plain: .: is a cdk8s Chart, not a Stack [construct]');
    expect(tree(out)).toEqual(before);
  });

});

describe('synth never deletes what it did not write', () => {
  const project = () => join(work, 'project');
  beforeEach(() => {
    mkdirSync(join(project(), '.git'), { recursive: true });
    writeFileSync(join(project(), 'package.json'), '{}');
  });
  const inProject = async (...argv: string[]) => {
    const cwd = process.cwd();
    process.chdir(project());
    try {
      return await cli(...argv);
    } finally {
      process.chdir(cwd);
    }
  };

  test.each([
    [['--out', '.'], 'is the project folder'],
    [['--out='], '--out is empty'],
    [['--out', ''], '--out is empty'],
    [['--out', '..'], 'is a parent of the project folder'],
    [['--out', '/'], 'is a parent of the project folder'],
  ])('synth %j is a usage error (exit 2) and changes nothing', async (args, message) => {
    const before = tree(project());
    const r = await inProject('synth', '--app', app('valid'), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(tree(project())).toEqual(before);
  });

  test('a folder with one foreign file survives, and the error names it', async () => {
    mkdirSync(join(project(), 'manifests'));
    writeFileSync(join(project(), 'manifests', 'hand-written.yaml'), 'kind: Mine\n');
    const r = await inProject('synth', '--app', app('valid'), '--out', 'manifests');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --out manifests holds files synth did not write ("hand-written.yaml"); synth replaces only folders that are empty or carry its stamp file ${OUTPUT_MARKER}. Choose another folder, or empty this one (if it holds the output of an older cdk8s-kubeflow, delete it once)\n`);
    expect(readFileSync(join(project(), 'manifests', 'hand-written.yaml'), 'utf8')).toBe('kind: Mine\n');
  });

  test('a symlink to a foreign folder: refused; to earlier output: replaced through the link', async () => {
    mkdirSync(join(work, 'foreign'));
    writeFileSync(join(work, 'foreign', 'keep.txt'), 'mine');
    symlinkSync(join(work, 'foreign'), join(project(), 'out'));
    expect((await inProject('synth', '--app', app('valid'), '--out', 'out')).code).toBe(2);
    expect(tree(join(work, 'foreign'))).toEqual({ 'keep.txt': 'mine' });

    replaceDirectory(join(work, 'ours'), new Map([['old.yaml', 'x']]));
    symlinkSync(join(work, 'ours'), join(project(), 'dist'));
    expect((await inProject('synth', '--app', app('valid'), '--out', 'dist')).code).toBe(0);
    expect(Object.keys(tree(join(work, 'ours')))).toContain('dev/team-a/notebook-lab.yaml');
  });

  test('a file given as --out is kept', async () => {
    writeFileSync(join(project(), 'dist'), 'precious');
    const r = await inProject('synth', '--app', app('valid'), '--out', 'dist');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --out dist is a file; synth replaces a folder\n');
    expect(readFileSync(join(project(), 'dist'), 'utf8')).toBe('precious');
  });
});

describe('synth --output json and --fail-on', () => {
  test('--output json prints one JSON document: counts, stacks and findings', async () => {
    const out = join(work, 'dist');
    const r = await cli('synth', '--app', app('valid'), '--out', out, '--output', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      command: 'synth', ok: true, errors: 0, warnings: 0, out, written: true, files: 4,
      stacks: { dev: { release: 'kubeflow-platform-2026-04', objects: 4, kinds: { Inventory: 1, Notebook: 1, PersistentVolumeClaim: 1, Profile: 1 } } },
      findings: [], waived: [],
    });
  });

  test('--output json on failure: ok false, each finding with rule, resource, path, message and fix', async () => {
    const r = await cli('synth', '--app', app('construct-error'), '--out', join(work, 'dist'), '--output', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ command: 'synth', ok: false, errors: 1, warnings: 0, written: false, files: 0 });
    expect(doc.findings).toEqual([{
      severity: 'error', rule: 'construct', resource: 'dev/lab', path: 'resources.gpu',
      message: 'GPU count must be a whole number ≥ 1, got 0', fix: expect.stringContaining('Gpu.nvidia(1)'),
    }]);
  });

  test('warnings pass by default and fail with --fail-on warning, writing nothing', async () => {
    const out = join(work, 'dist');
    const ok = await cli('synth', '--app', app('warning'), '--out', out);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^warning: dev\/train: kubeflow.org\/v1 PyTorchJob team-a\/train: \.spec\.runPolicy\.ttlSecondsAfterFinished: .* \[platform\/ttl-gitops\]\n  fix: /);
    expect(ok.stdout).toMatch(/1 warning\(s\)\n$/);

    rmSync(out, { recursive: true });
    const strict = await cli('synth', '--app', app('warning'), '--out', out, '--fail-on', 'warning');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('synth failed: 0 error(s), 1 warning(s) (--fail-on warning); nothing was written to');
    expect(readdirSync(work)).toEqual([]);
  });
});

describe('synth command line', () => {
  test.each([
    [['synth', '--bogus'], "unknown option '--bogus'"],
    [['synth', '--app'], "option '--app <module.js>' argument missing"],
    [['synth', 'stacks/main.ts'], "too many arguments for 'synth'"],
    [['synth', '--output', 'yaml'], "option '--output <format>' argument 'yaml' is invalid. Allowed choices are text, json"],
    [['synth', '--fail-on', 'info'], 'Allowed choices are error, warning'],
    [['synth', '--kubeconfig', 'x', '--app', app('valid'), '--out', '/tmp/never'], '--kubeconfig goes with --server'],
    [['synth', '--app', '/nonexistent/app.js', '--out', '/tmp/never'], 'does not exist: run `npm run build` first'],
    [['synth', '--app', app('no-build-app'), '--out', '/tmp/never'], 'does not export buildApp()'],
    [['synth', '--app', app('valid'), '--out', '/tmp/never', '--release', '/nonexistent/schemas'], '--release /nonexistent/schemas: no such folder; pass a preset (kubeflow-platform-2026-04 (the default), newest)'],
    [['synth', '--app', app('valid'), '--out', '/tmp/never', '--release', 'newset'], '--release newset: no such preset (did you mean newest?)'],
    [['synth', '--app', app('valid'), '--out', '/tmp/never', '--release', '/tmp'], '--release /tmp: the folder has no release.json, which names the release and its component versions; make it a release with `cdk8s-kubeflow schemas'],
    [['synth', '--app', app('valid'), '--out', '/tmp/never', '--schemas', '/nonexistent/schemas'], "unknown option '--schemas'"],
  ])('%j is a usage error: exit 2, message on stderr, nothing on stdout', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('synth reports what the app does wrong, without stack traces', () => {
  test('a thrown value that is not an Error is named, with no location to give', async () => {
    const r = await cli('synth', '--app', app('throws-string'), '--out', join(work, 'dist'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the app threw "boom string", which is not an Error, so there is no location [app/exception]');
  });

  test('a syntax error in the app module names the file and line', async () => {
    const r = await cli('synth', '--app', join(FIXTURES, 'syntax-error.js'), '--out', join(work, 'dist'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the app threw SyntaxError: .* \(at .*syntax-error\.js:1\) \[app\/exception\]/);
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  test('what the app prints goes to stderr, so --output json stays parseable', () => {
    // A real process: jest's console does not write through process.stdout.
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'main.ts'), 'synth', '--app', app('logs'), '--out', join(work, 'dist'), '--output', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    expect(r.stderr).toContain('hello from the app');
  });


  test('loads only what synth needs: no Kubernetes client without --server, no schema compiler', () => {
    // The fixed cost of every run: a preload records each package the built CLI (npm test builds
    // first; the validators are precompiled into lib/) resolves.
    const preload = join(work, 'record.cjs');
    writeFileSync(preload, `const M = require('module'); const seen = new Set(); const resolve = M._resolveFilename;
M._resolveFilename = function (...a) { const f = resolve.apply(this, a); const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\/(.*)/.exec(f); if (m) seen.add(m[1] + '/' + m[2]); return f; };
process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify([...seen]) + '\\n'));`);
    const lib = join(__dirname, '..', 'lib');
    const r = spawnSync(process.execPath, ['-r', preload, join(lib, 'cli', 'main.js'), 'synth', '--app', join(lib, 'test', 'fixtures', 'apps', 'valid.js'), '--out', join(work, 'dist')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded: string[] = JSON.parse(/LOADED (.*)/.exec(r.stderr)![1]);
    expect(loaded.some((f) => f.startsWith('cdk8s/'))).toBe(true); // the recorder works
    expect(loaded.filter((f) => f.startsWith('@kubernetes/client-node/'))).toEqual([]);
    // Precompiled validators need ajv's small runtime helpers, never its compiler.
    expect(loaded.filter((f) => f.startsWith('ajv/') && !f.startsWith('ajv/dist/runtime/'))).toEqual([]);
  });

  test('an app that synthesizes nothing is an error: an empty output would make Argo CD prune everything', async () => {
    const { out, before } = previousOutput();
    const r = await cli('synth', '--app', app('empty'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the app synthesized no objects, and replacing');
    expect(tree(out)).toEqual(before);
  });

  test.each([
    ['a folder', () => FIXTURES, 'is a folder: name the compiled app module in it'],
    ['a JSON file', () => join(__dirname, '..', 'package.json'), 'is not a JavaScript module'],
    ['an empty --app', () => '', '--app is empty'],
    ['a buildApp returning a Promise', () => app('async'), 'buildApp() returned a Promise'],
  ])('--app naming %s is a usage error (exit 2)', async (_, appPath, message) => {
    const r = await cli('synth', `--app=${appPath()}`, '--out', join(work, 'dist'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test('an option value that is an option (--out -h) is a usage error and writes nothing', async () => {
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const r = await cli('synth', '--app', app('valid'), '--out', '-h');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('"-h" looks like an option, not a path');
      expect(readdirSync(work)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  test.each([
    ['a dangling symlink', (w: string) => { symlinkSync(join(w, 'nowhere'), join(w, 'out')); return join(w, 'out'); }, 'which does not exist'],
    ['a symlink loop', (w: string) => { symlinkSync(join(w, 'b'), join(w, 'a')); symlinkSync(join(w, 'a'), join(w, 'b')); return join(w, 'a'); }, 'is a symlink loop'],
    ['a path inside a file', (w: string) => { writeFileSync(join(w, 'f'), ''); return join(w, 'f', 'dist'); }, 'is a file, so no folder can be made inside it'],
  ])('--out through %s is a usage error (exit 2)', async (_, make, message) => {
    const r = await cli('synth', '--app', app('valid'), '--out', make(work));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('synth --release: each stack validated against its release', () => {
  const synth = (...args: string[]) => cli('synth', '--app', app('releases'), '--out', join(work, 'dist'), '--output', 'json', ...args);
  const errorsOf = (stdout: string) => JSON.parse(stdout).findings.map((f: { resource: string; path: string }) => `${f.resource} ${f.path}`);

  test('a stack without a release of its own takes the default; one that names the newest is validated against the newest', async () => {
    const r = await synth();
    expect(r.code).toBe(1);
    expect(errorsOf(r.stdout)).toEqual(['serving.kserve.io/v1beta1 InferenceService team-a/model .spec.predictor.storageContainerName']);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ construct: 'platform/model', message: 'unknown field "storageContainerName"' });
  });

  test('--release is the release of every stack that does not set its own: the app sees it while it runs, and it is restored after', async () => {
    const before = process.env.CDK8S_KUBEFLOW_RELEASE;
    const r = await synth('--release', 'newest');
    expect(process.env.CDK8S_KUBEFLOW_RELEASE).toBe(before);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.fromEntries(Object.entries(doc.stacks as Record<string, { release: string }>).map(([s, v]) => [s, v.release]))).toEqual({ edge: 'newest', platform: 'newest' });
    expect(parse(readFileSync(join(work, 'dist', 'platform', 'team-a', 'configmap-seen.yaml'), 'utf8')).data.release).toBe('newest');
  });

  test('the text report names each stack\'s release', async () => {
    const r = await cli('synth', '--app', app('releases'), '--out', join(work, 'dist'), '--release', 'newest');
    expect(r.stdout).toContain('stack edge (newest): 2 objects\n');
    expect(r.stdout).toContain('stack platform (newest): 3 objects\n');
  });

  test('--release <folder>: the app is given its absolute path', async () => {
    const folder = join(work, 'mine');
    mkdirSync(folder);
    writeFileSync(join(folder, 'release.json'), JSON.stringify({ name: 'my-cluster', title: 'mine', components: { trainingOperator: '1.9.4', trainer: '2.3.0', katib: '0.19.0', kserve: '0.20.0', notebooks: '1.11.0', dashboard: '2.0.0', pipelines: '2.17.0', argocd: '3.5.1', kubernetes: '1.35' } }));
    writeFileSync(join(folder, 'index.json'), '{}');
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const r = await cli('synth', '--app', app('releases'), '--out', join(work, 'dist'), '--release', './mine', '--output', 'json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).stacks.platform.release).toBe('my-cluster');
      expect(parse(readFileSync(join(work, 'dist', 'platform', 'team-a', 'configmap-seen.yaml'), 'utf8')).data.release).toBe(folder);
      // That folder has no schema: platform's objects are not validated, only warned about; edge keeps the newest's.
      expect(JSON.parse(r.stdout).findings.map((f: { rule: string; construct: string }) => `${f.construct} ${f.rule}`)).toEqual(['platform schema/unknown-kind', 'platform/seen schema/unknown-kind', 'platform/model schema/unknown-kind']); // the stack's Inventory first
    } finally {
      process.chdir(cwd);
    }
  });

  test.each([
    ['0.20.0', []],
    ['0.18.0', ['upgraded schema/release-approximate: KServe 0.18.0 objects were validated against the schemas of newest (KServe 0.20.0): no preset runs that version']],
  ])('a preset withComponents({ kserve: %s }): KServe kinds are validated against the preset that runs it (or the nearest newer one, said)', async (kserve, notes) => {
    process.env.RELEASES_FIXTURE_KSERVE = kserve;
    try {
      const r = await synth('--release', 'newest');
      const findings = JSON.parse(r.stdout).findings as Array<{ construct: string; rule: string; message: string }>;
      // storageContainerName exists only in KServe 0.20's CRD: not rejected on the upgraded stack.
      expect(findings.map((f) => `${f.construct} ${f.rule}: ${f.message}`)).toEqual(notes);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).stacks.upgraded.release).toBe(`kubeflow-platform-2026-04+kserve-${kserve}`);
    } finally {
      delete process.env.RELEASES_FIXTURE_KSERVE;
    }
  });

  test('a stack whose own release names an unusable schemas folder is an error of that stack, not of the command line', async () => {
    const folder = join(work, 'broken');
    mkdirSync(folder);
    writeFileSync(join(folder, 'release.json'), JSON.stringify({ name: 'broken', title: 'b', components: { trainingOperator: '1.9.4', trainer: '2.3.0', katib: '0.19.0', kserve: '0.20.0', notebooks: '1.11.0', dashboard: '2.0.0', pipelines: '2.17.0', argocd: '3.5.1', kubernetes: '1.35' } }));
    process.env.RELEASES_FIXTURE_FOLDER = folder;
    try {
      const r = await synth('--release', 'newest');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({
        severity: 'error', rule: 'schema', resource: 'stack mine', message: expect.stringMatching(/^the schemas of its release broken \(.*broken\) are unusable: .*index\.json not found/),
        fix: expect.stringContaining('regenerate that folder with `cdk8s-kubeflow schemas'),
      })]);
    } finally {
      delete process.env.RELEASES_FIXTURE_FOLDER;
    }
  });
});
