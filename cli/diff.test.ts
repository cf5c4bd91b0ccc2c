import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../test/cli-output';
import { loadApp } from './app-loader';
import { COMMENT_MARKER, diffMarkdown } from './diff-markdown';
import { diffManifests } from './diff-model';
import { DiffReport } from './diff-report';
import { synthesize } from './synthesize';

// A git repository with two revisions of dist/, each written by synth from a list of plain
// objects (cli/testdata/diff-app.ts); the work tree's objects are the second revision's.
const APP = join(__dirname, 'testdata', 'diff-app.ts');
const ns = 'team';
const notebook = (name: string, image = 'jupyter:v1', memory = '1Gi') => ({
  apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name, namespace: ns },
  spec: { template: { spec: { containers: [{ name, image, resources: { requests: { memory } } }], volumes: [{ name: `${name}-workspace`, persistentVolumeClaim: { claimName: `${name}-workspace` } }] } } },
});
const experiment = (goal: number) => ({
  apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'tune', namespace: ns },
  spec: { maxTrialCount: 12, parallelTrialCount: 2, objective: { type: 'maximize', goal, objectiveMetricName: 'accuracy' } },
});
const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: ns }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } };
const settings = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, data: { mode: 'fast' } };
const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner', namespace: ns } };
const brokenNotebook = { ...notebook('empty'), spec: { template: { spec: { containers: [] } } } };

const BASE = [notebook('lab'), notebook('old-lab', 'pytorch:v3'), settings, experiment(0.9), claim];
// lab: new image, memory written another way (equal); old-lab renamed; settings removed; the experiment's goal (immutable); runner and empty added.
const HEAD = [notebook('lab', 'jupyter:v2', '1024Mi'), notebook('new-lab', 'pytorch:v3'), experiment(0.95), claim, account, brokenNotebook];

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' } });
const objectsFile = () => join(repo, 'objects.json');

/** Writes the objects and the dist/ synth makes of them. */
function revision(objects: object[]): void {
  writeFileSync(objectsFile(), JSON.stringify(objects));
  rmSync(join(repo, 'dist'), { recursive: true, force: true });
  for (const [file, text] of synthesize(loadApp(APP)).files) {
    mkdirSync(dirname(join(repo, 'dist', file)), { recursive: true });
    writeFileSync(join(repo, 'dist', file), text);
  }
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'diff-repo-'));
  process.env.DIFF_TEST_OBJECTS = join(repo, 'objects.json');
  git('init', '--quiet', '-b', 'main');
  revision(BASE);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
  git('checkout', '--quiet', '-b', 'feature');
  revision(HEAD);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'change');
  // A branch whose dist/ holds a file that does not parse.
  git('checkout', '--quiet', '-b', 'broken', 'main');
  writeFileSync(join(repo, 'dist', 'dev', ns, 'configmap-settings.yaml'), 'kind: ConfigMap\nmetadata: [unclosed\n');
  git('commit', '--quiet', '-am', 'broken');
  // A branch whose dist/ holds a document that parses but is not a Kubernetes object (a list), after an empty one.
  git('checkout', '--quiet', '-b', 'not-manifest', 'main');
  writeFileSync(join(repo, 'dist', 'dev', ns, 'notes.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n  namespace: team\n---\n---\n- a\n');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'not a manifest');
  git('checkout', '--quiet', 'feature');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  delete process.env.DIFF_TEST_OBJECTS;
});

const diff = (...args: string[]) => runCli('diff', '--app', APP, '--out', join(repo, 'dist'), ...args);

describe('diff against git', () => {
  test('json: added, removed, changed, renamed and immutable objects, and the new policy finding', async () => {
    const r = await diff('--base', 'main', '--output', 'json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const doc = JSON.parse(r.stdout);
    expect(doc.differs).toBe(true);
    expect(doc.base).toMatchObject({ ref: 'main', commit: git('rev-parse', 'main').trim() });
    // Changed: the Experiment, the Notebook and the stack's Inventory, which lists every object with its content hash.
    expect(doc.summary).toEqual({ added: 2, removed: 1, changed: 3, renamed: 1, unchanged: 1, immutable: 1, ignored: 0, policies: { new: 1, fixed: 0 } });
    expect(doc.objects.filter((o: { kind: string }) => o.kind === 'Inventory').map((o: { name: string; status: string }) => `${o.name}: ${o.status}`)).toEqual(['dev: changed']);
    const byName = Object.fromEntries(doc.objects.map((o: { name: string }) => [o.name, o]));
    expect(byName.lab.changes).toEqual([{ op: 'change', path: '.spec.template.spec.containers[name=lab].image', old: 'jupyter:v1', new: 'jupyter:v2' }]);
    expect(byName['new-lab']).toMatchObject({ status: 'renamed', renamedFrom: { namespace: ns, name: 'old-lab' }, oldFile: 'dev/team/notebook-old-lab.yaml', changes: [] });
    expect(byName.settings.status).toBe('removed');
    expect(byName.runner.status).toBe('added');
    expect(byName.tune.immutable).toEqual([expect.objectContaining({ field: '.spec', paths: ['.spec.objective.goal'], enforcedBy: 'webhook' })]);
    expect(byName.tune.immutable[0].remedies.map((x: { kind: string }) => x.kind)).toEqual(['new-name', 'recreate']);
    expect(doc.policies.new.map((f: { rule: string; resource: string }) => [f.rule, f.resource])).toEqual([['kubeflow/notebook-containers', 'kubeflow.org/v1 Notebook team/empty']]);
  });

  test('the default base is the merge-base with the default branch', async () => {
    git('checkout', '--quiet', '-b', 'later', 'main');
    git('commit', '--quiet', '--allow-empty', '-m', 'later on main');
    git('branch', '--quiet', '-f', 'main', 'later');
    git('checkout', '--quiet', 'feature');
    const doc = JSON.parse((await diff('--output', 'json')).stdout);
    expect(doc.base.commit).toBe(git('merge-base', 'HEAD', 'main').trim());
    expect(doc.base.ref).toBe('merge-base of HEAD and main');
    expect(doc.summary.renamed).toBe(1);
  });

  test('text: one block per object with its fields, the immutable change with what to do, no colour off a terminal', async () => {
    const r = await diff('--base', 'main');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toContain('~ changed kubeflow.org/v1 Notebook team/lab  (dev/team/notebook-lab.yaml)\n    ~ .spec.template.spec.containers[name=lab].image: jupyter:v1 → jupyter:v2\n');
    expect(r.stdout).toContain('→ renamed kubeflow.org/v1 Notebook team/old-lab → team/new-lab');
    expect(r.stdout).toContain('~ changed cdk8s-kubeflow.io/v1alpha1 Inventory dev  (dev/_cluster/inventory-dev.yaml)\n');
    expect(r.stdout).toContain('! immutable: .spec.objective.goal: Katib\'s validating webhook');
    expect(r.stdout).toContain('      fix: give it a new name');
    expect(r.stdout).toContain('      or:  annotate it `argocd.argoproj.io/sync-options: Force=true,Replace=true`');
    expect(r.stdout).toContain('policy findings new in this change (1):\n  error: dev/o5: kubeflow.org/v1 Notebook team/empty: .spec.template.spec.containers:');
    expect(r.stdout).toMatch(/7 objects differ: 2 added, 1 removed, 3 changed, 1 renamed; 1 unchanged; 1 object with immutable-field changes; policy findings: 1 new, 0 fixed\n$/);
  });

  test('text: colour with FORCE_COLOR, none with NO_COLOR', async () => {
    const env = { ...process.env };
    try {
      process.env.FORCE_COLOR = '1';
      expect((await diff('--base', 'main')).stdout).toMatch(/\u001b\[/);
      process.env.NO_COLOR = '1';
      expect((await diff('--base', 'main')).stdout).not.toMatch(/\u001b\[/);
    } finally {
      process.env = env;
    }
  });

  test('markdown: the marker, the summary table first, the failing sync, one collapsible section per object', async () => {
    const r = await diff('--base', 'main', '--output', 'markdown');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    const table = lines.indexOf('| | objects |');
    expect(table).toBeGreaterThan(0);
    expect(table).toBeLessThan(lines.findIndex((l) => l.startsWith('<details>')));
    expect(lines.slice(table + 2, table + 11)).toEqual(['| ➕ added | 2 |', '| ➖ removed | 1 |', '| ✏️ changed | 3 |', '| 🔀 renamed | 1 |', '| unchanged | 1 |', '| ⛔ immutable-field changes | 1 |', '| ignored by Argo CD | 0 |', '| policy findings | 1 new, 0 fixed |', '']);
    expect(r.stdout).toContain('> **The sync fails on 1 object**');
    expect(r.stdout.match(/<details>/g)).toHaveLength(7);
    expect(r.stdout.match(/<\/details>/g)).toHaveLength(7);
    expect(r.stdout).toContain('```diff\n- .spec.template.spec.containers[name=lab].image: jupyter:v1\n+ .spec.template.spec.containers[name=lab].image: jupyter:v2\n```');
  });

  test('--exit-code: 1 when they differ, 0 when not; without it 0', async () => {
    expect((await diff('--base', 'main', '--exit-code')).code).toBe(1);
    const same = await diff('--base', 'HEAD', '--exit-code');
    expect([same.code, same.stdout]).toEqual([0, expect.stringContaining('no differences (7 objects)')]);
    expect((await diff('--base', 'main')).code).toBe(0);
  });

  test('an unknown revision is an error naming it (exit 2)', async () => {
    const r = await diff('--base', 'no-such-branch', '--exit-code');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --base no-such-branch: unknown git revision (fetch it first, e.g. `git fetch origin no-such-branch`; in CI check out with fetch-depth: 0)\n');
    expect(r.stdout).toBe('');
  });

  test('a base whose output does not parse is an error naming the file and the revision (exit 2)', async () => {
    const r = await diff('--base', 'broken', '--exit-code');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: dist\/dev\/team\/configmap-settings\.yaml at broken \([0-9a-f]{7}\): cannot parse: .*; the base must hold valid manifests\n$/);
  });

  test('a base document that parses but is not a Kubernetes object is an error naming the file, the revision and the document (exit 2)', async () => {
    const r = await diff('--base', 'not-manifest', '--exit-code');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^error: dist\/dev\/team\/notes\.yaml at not-manifest \([0-9a-f]{7}\): document 3 \(line 8\): not a Kubernetes object \(a list\): a manifest is an object with apiVersion, kind and metadata\.name; the base must hold valid manifests\n$/);
  });

  test('an output folder that does not exist at the base (the change that first adds it): a notice naming it and the revision, and everything is added', async () => {
    const added = join(repo, 'deploy');
    cpSync(join(repo, 'dist'), added, { recursive: true });
    try {
      const r = await runCli('diff', '--app', APP, '--out', added, '--base', 'main', '--output', 'json');
      expect([r.code, r.stderr]).toEqual([0, `notice: deploy/ does not exist at main (${git('rev-parse', '--short=7', 'main').trim()}): every object is added\n`]);
      expect(JSON.parse(r.stdout).summary).toMatchObject({ added: 7, removed: 0, changed: 0, unchanged: 0 });
    } finally {
      rmSync(added, { recursive: true, force: true });
    }
  });

  test('--out naming a folder that exists neither at the base nor in the work tree is an error: nothing to compare with (exit 2)', async () => {
    const r = await runCli('diff', '--app', APP, '--out', join(repo, 'nowhere'), '--base', 'main', '--exit-code');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^error: nowhere\/ exists neither at main \([0-9a-f]{7}\) nor in the work tree, so there is nothing to compare the app's output with: give --out the folder the app synthesizes to and commits \(e\.g\. --out dist\)\n$/);
  });

  test('a folder that is not in a git repository is an error that says what to do instead (exit 2)', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'diff-nogit-'));
    try {
      const r = await runCli('diff', '--app', APP, '--out', join(outside, 'dist'), '--exit-code');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not in a git repository, so there is no base to compare with: pass two folders instead (diff <old-dir> <new-dir>)');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('an app that does not synthesize is an error, not a diff (exit 2)', async () => {
    writeFileSync(objectsFile(), JSON.stringify([{ ...settings, metadata: { name: 'Not_A_Name', namespace: ns } }, { ...settings, metadata: { name: 'Not_A_Name', namespace: ns } }]));
    try {
      const r = await diff('--base', 'main');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: the app does not synthesize/);
    } finally {
      writeFileSync(objectsFile(), JSON.stringify(HEAD));
    }
  });
});

describe('diff of two folders', () => {
  let old: string;
  let now: string;
  beforeAll(() => {
    old = join(repo, 'old');
    now = join(repo, 'now');
    // The two revisions' dist/, read back from git.
    for (const [dir, rev] of [[old, 'main'], [now, 'feature']] as const) {
      mkdirSync(dir);
      execFileSync('bash', ['-c', `git archive ${rev} dist | tar -x -C ${dir} --strip-components=1`], { cwd: repo });
    }
  });

  test('compares them without synthesizing anything', async () => {
    const r = await runCli('diff', old, now, '--output', 'json', '--exit-code');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect([doc.base.label, doc.head.label]).toEqual([old, now]);
    expect(doc.summary).toEqual({ added: 2, removed: 1, changed: 3, renamed: 1, unchanged: 1, immutable: 1, ignored: 0, policies: { new: 1, fixed: 0 } });
    expect((await runCli('diff', now, now, '--exit-code')).code).toBe(0);
  });

  test.each([
    [['/no/such/folder', 'NOW'], 'error: the old folder /no/such/folder does not exist\n'],
    [['OLD'], 'error: give two folders (diff <old-dir> <new-dir>), or none to compare what the app synthesizes with git\n'],
    [['OLD', 'NOW', '--base', 'main'], 'error: --base compares with git; it does not go with two folders\n'],
    [['OLD', 'NOW', '--release', 'newest'], 'error: --release chooses what the app synthesizes; two folders are compared as they are\n'],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await runCli('diff', ...args.map((a) => (a === 'OLD' ? old : a === 'NOW' ? now : a)), '--exit-code');
    expect([r.code, r.stderr, r.stdout]).toEqual([2, message, '']);
  });

  describe('a document that parses but is not a Kubernetes object is an error naming the file and the document, on either side (exit 2)', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team\n';
    test.each([
      ['x.yaml', 'x: 1\n', 'document 1: not a Kubernetes object (no apiVersion, kind, metadata.name)', 1],
      ['x.yaml', `${manifest}---\n- a\n- b\n`, 'document 2: not a Kubernetes object (a list)', 7],
      ['x.yaml', `---\n---\njust text\n`, 'document 2: not a Kubernetes object (a string "just text")', 3],
      ['x.yaml', '42\n', 'document 1: not a Kubernetes object (a number 42)', 1],
      ['x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: team\n', 'document 1: not a Kubernetes object (no metadata.name)', 1],
      ['x.json', '[{"apiVersion": "v1"}]', 'document 1: not a Kubernetes object (a list)', 1],
      ['x.json', '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "ConfigMap"}]}', 'document 1: not a Kubernetes object (no metadata.name)', 1],
    ])('%s %j', async (file, text, message, line) => {
      const dir = mkdtempSync(join(repo, 'odd-'));
      try {
        mkdirSync(join(dir, 'dev', ns), { recursive: true });
        writeFileSync(join(dir, 'dev', ns, file), text);
        const path = join(dir, 'dev', ns, file);
        const asOld = await runCli('diff', dir, now, '--exit-code');
        expect([asOld.code, asOld.stdout, asOld.stderr]).toEqual([2, '', `error: ${path}:${line}: ${message}: a manifest is an object with apiVersion, kind and metadata.name; the old folder must hold valid manifests\n`]);
        const asNew = await runCli('diff', old, dir);
        expect([asNew.code, asNew.stderr]).toEqual([2, expect.stringMatching(/; the new folder must hold valid manifests\n$/)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('empty documents are fine', async () => {
      const dir = mkdtempSync(join(repo, 'empty-docs-'));
      try {
        mkdirSync(join(dir, 'dev', ns), { recursive: true });
        writeFileSync(join(dir, 'dev', ns, 'c.yaml'), `---\n---\n${manifest}---\n# nothing\n---\n`);
        const r = await runCli('diff', dir, dir, '--exit-code');
        expect([r.code, r.stderr, r.stdout]).toEqual([0, '', expect.stringContaining('no differences (1 object)')]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test('a file that does not parse is an error naming it and its line', async () => {
    const bad = join(repo, 'bad');
    mkdirSync(join(bad, 'dev', ns), { recursive: true });
    writeFileSync(join(bad, 'dev', ns, 'x.yaml'), 'a: b\n  c: [\n');
    const r = await runCli('diff', bad, now);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${bad}/dev/team/x\\.yaml:\\d+: cannot parse: .*; the old folder must hold valid manifests\\n$`));
  });
});

// dev delivered by ArgoCdDelivery (RunOnce.KEEP_FINISHED): its Application ignores the spec of
// run-once objects but an Experiment's counts, and syncs with RespectIgnoreDifferences=true.
describe('diff of objects delivered by Argo CD', () => {
  let argoRepo: string;
  const run = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' } });
  const pytorch = (image: string) => ({
    apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'train', namespace: ns },
    spec: { pytorchReplicaSpecs: { Master: { replicas: 1, restartPolicy: 'OnFailure', template: { spec: { containers: [{ name: 'pytorch', image }] } } } } },
  });
  const counted = (goal: number, maxTrialCount: number) => ({ ...experiment(goal), spec: { ...experiment(goal).spec, maxTrialCount } });
  const argoDiff = (...args: string[]) => runCli('diff', '--app', APP, '--out', join(argoRepo, 'dist'), '--base', 'main', ...args);
  let objectsBefore: string | undefined;

  beforeAll(() => {
    objectsBefore = process.env.DIFF_TEST_OBJECTS;
    argoRepo = mkdtempSync(join(tmpdir(), 'diff-argocd-'));
    process.env.DIFF_TEST_OBJECTS = join(argoRepo, 'objects.json');
    const write = (objects: object[]) => {
      writeFileSync(process.env.DIFF_TEST_OBJECTS!, JSON.stringify({ objects, delivery: true }));
      rmSync(join(argoRepo, 'dist'), { recursive: true, force: true });
      for (const [file, text] of synthesize(loadApp(APP)).files) {
        mkdirSync(dirname(join(argoRepo, 'dist', file)), { recursive: true });
        writeFileSync(join(argoRepo, 'dist', file), text);
      }
    };
    run(argoRepo, 'init', '--quiet', '-b', 'main');
    write([counted(0.9, 12), pytorch('trainer:v1')]);
    run(argoRepo, 'add', '-A');
    run(argoRepo, 'commit', '--quiet', '-m', 'base');
    // The goal (immutable, ignored), maxTrialCount (editable, applied) and the job's image (ignored).
    write([counted(0.95, 20), pytorch('trainer:v2')]);
  });

  afterAll(() => {
    rmSync(argoRepo, { recursive: true, force: true });
    process.env.DIFF_TEST_OBJECTS = objectsBefore;
  });

  test('text: the ignored goal and image named with the Application, no failing sync; maxTrialCount a normal change', async () => {
    const r = await argoDiff();
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).not.toContain('! immutable');
    expect(r.stdout).toContain('    ~ .spec.maxTrialCount: 12 → 20\n    ~ .spec.objective.goal: 0.9 → 0.95\n'
      + '  = ignored by Argo CD (Application dev, ignoreDifferences + RespectIgnoreDifferences): .spec.objective.goal: the cluster keeps the old value; to apply the change, give it a new name: ');
    expect(r.stdout).toContain('  note (may-be-refused): .spec: a finished experiment restarts only if');
    expect(r.stdout).toContain('    ~ .spec.pytorchReplicaSpecs.Master.template.spec.containers[name=pytorch].image: trainer:v1 → trainer:v2\n'
      + '  = ignored by Argo CD (Application dev, ignoreDifferences + RespectIgnoreDifferences): the cluster keeps the old value; to apply the change, give it a new name: ');
    expect(r.stdout).not.toContain('note (not-applied)');
    expect(r.stdout).toMatch(/3 objects differ: 0 added, 0 removed, 3 changed, 0 renamed; \d+ unchanged; 2 objects with changes ignored by Argo CD\n$/);
  });

  test('markdown: its own summary row, a note naming what Argo CD ignores, no caution block', async () => {
    const r = await argoDiff('--output', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| ⛔ immutable-field changes | 0 |\n| ignored by Argo CD | 2 |\n');
    expect(r.stdout).not.toContain('[!CAUTION]');
    expect(r.stdout).toContain('> **Argo CD ignores changes to 2 objects**');
    expect(r.stdout).toContain('> - `Experiment team/tune` (`dev/team/experiment-tune.yaml`) `.spec.objective.goal` (Application `dev`). **To apply:** give it a new name');
    expect(r.stdout).toContain('✏️ changed <code>kubeflow.org/v1beta1 Experiment team/tune</code> — 2 fields (1 ignored by Argo CD)</summary>');
    expect(r.stdout).toContain('- ⏸️ `.spec.objective.goal`: ignored by Argo CD (Application dev, ignoreDifferences + RespectIgnoreDifferences): the cluster keeps the old value;');
  });

  test('json: the argocd field and the summary count', async () => {
    const doc = JSON.parse((await argoDiff('--output', 'json')).stdout);
    // The Experiment, the PyTorchJob and the Inventory listing their new content hashes.
    expect(doc.summary).toMatchObject({ changed: 3, immutable: 0, ignored: 2 });
    const tune = doc.objects.find((o: { name: string }) => o.name === 'tune');
    expect(tune.immutable).toEqual([]);
    expect(tune.argocd).toEqual({ application: 'dev', respectIgnoreDifferences: true, ignored: ['.spec.objective.goal'], unevaluated: [], remedy: expect.stringMatching(/^give it a new name/) });
    expect(doc.objects.find((o: { name: string }) => o.name === 'train').argocd.ignored).toHaveLength(1);
  });

  test('two folders, whatever their names: the Application whose path ends with /<stack> delivers the stack', async () => {
    const before = join(argoRepo, 'before');
    mkdirSync(before);
    execFileSync('bash', ['-c', `git archive main dist | tar -x -C ${before} --strip-components=1`], { cwd: argoRepo });
    const r = await runCli('diff', before, join(argoRepo, 'dist'), '--output', 'json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ immutable: 0, ignored: 2 });
    // Copied to a folder not named dist: the same.
    const after = join(argoRepo, 'after');
    cpSync(join(argoRepo, 'dist'), after, { recursive: true });
    expect(JSON.parse((await runCli('diff', before, after, '--output', 'json')).stdout).summary).toMatchObject({ immutable: 0, ignored: 2 });
  });

  test('two folders whose Applications deliver none of the changed objects\' stacks: one notice on stderr, not in the report', async () => {
    const before = join(argoRepo, 'before2');
    const after = join(argoRepo, 'after2');
    mkdirSync(before);
    execFileSync('bash', ['-c', `git archive main dist | tar -x -C ${before} --strip-components=1`], { cwd: argoRepo });
    cpSync(join(argoRepo, 'dist'), after, { recursive: true });
    const app = join(after, 'gitops', 'argocd', 'application-dev.yaml');
    writeFileSync(app, readFileSync(app, 'utf8').replace('path: dist/dev', 'path: dist/staging'));
    const r = await runCli('diff', before, after);
    expect([r.code, r.stderr]).toEqual([0, 'notice: the new side has Argo CD Applications, but none delivers stack dev (no source.path ends with /dev): changes there are checked without an Application\'s ignoreDifferences\n']);
    expect(r.stdout).not.toContain('notice');
    // Without the Application's ignoreDifferences, the experiment's goal is refused.
    expect(r.stdout).toContain('! immutable: .spec.objective.goal');
  });
});

describe('markdown size cap', () => {
  test('stops before the limit, keeps the summary, and says how many objects it left out', () => {
    const objects = Array.from({ length: 300 }, (_, i) => ({ object: { ...notebook(`nb-${i}`, 'x'.repeat(200)) }, file: `dev/team/notebook-nb-${i}.yaml` }));
    const report: DiffReport = { base: { label: 'a' }, head: { label: 'b' }, diff: diffManifests([], objects), policies: { new: [], fixed: [] } };
    const all = diffMarkdown(report, 10_000_000);
    expect(all.match(/<details>/g)).toHaveLength(300);
    const capped = diffMarkdown(report, 20_000);
    expect(capped.length).toBeLessThanOrEqual(20_000);
    const shown = capped.match(/<details>/g)!.length;
    expect(shown).toBeGreaterThan(10);
    expect(capped).toContain('| ➕ added | 300 |');
    expect(capped).toContain(`${300 - shown} more objects not shown: the comment is capped at 20,000 characters.`);
    expect(capped.match(/<details>/g)!.length).toBe(capped.match(/<\/details>/g)!.length);
  });
});

describe('diff --release', () => {
  // The fixture records the release it was built for in a ConfigMap: a base committed without
  // --release, a diff with --release newest that changes it.
  const releases = join(__dirname, '..', 'test', 'fixtures', 'apps', 'releases.ts');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'diff-release-'));
    const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' } });
    run('init', '--quiet', '-b', 'main');
    for (const [file, text] of synthesize(loadApp(releases)).files) {
      mkdirSync(dirname(join(dir, 'dist', file)), { recursive: true });
      writeFileSync(join(dir, 'dist', file), text);
    }
    run('add', '-A');
    run('commit', '--quiet', '-m', 'base');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const diffWith = (...args: string[]) => runCli('diff', '--app', releases, '--out', join(dir, 'dist'), '--base', 'main', '--output', 'json', ...args);

  test('is the release the app synthesizes for (of every stack without its own), as synth --release', async () => {
    expect(JSON.parse((await diffWith()).stdout).differs).toBe(false);
    const r = await diffWith('--release', 'newest');
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout).objects.find((o: { name: string }) => o.name === 'seen');
    expect(seen.changes).toEqual([{ op: 'change', path: '.data.release', old: '(unset)', new: 'newest' }]);
  });

  test('an unknown release is a usage error (exit 2)', async () => {
    const r = await diffWith('--release', 'newset');
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--release newset: no such preset (did you mean newest?)')]);
  });
});
