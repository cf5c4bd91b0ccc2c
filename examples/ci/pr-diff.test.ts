import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMENT_MARKER } from '../../cli/diff-markdown';

// The pull-request diff example: what it runs is a valid diff command that prints the comment,
// and its script creates one comment and then updates that one.
const ROOT = join(__dirname, '..', '..');
const workflow = parse(readFileSync(join(__dirname, 'pr-diff.yml'), 'utf8'));
const steps: { name?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> }[] = workflow.jobs.diff.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;

test('runs on pull requests, may write pull-request comments, and fetches the base branch\'s history', () => {
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  expect(workflow.permissions).toEqual({ 'contents': 'read', 'pull-requests': 'write' });
  expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
  expect(steps.some((s) => s.run === 'npm run --silent build')).toBe(true);
  expect(step('diff').env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
  expect(step('diff').run).toContain('npx cdk8s-kubeflow diff --base "origin/$BASE_REF" --output markdown > diff.md || status=$?');
  expect(step('comment on the pull request')).toMatchObject({ if: "${{ !cancelled() && hashFiles('diff.md') != '' }}", uses: expect.stringMatching(/^actions\/github-script@v\d+$/) });
});

test('the diff step runs a valid diff of the base branch and leaves the comment in diff.md (exit 0)', () => {
  // A clone has the origin/<base> branch the step names; its compiled app is this one's.
  const clone = mkdtempSync(join(tmpdir(), 'pr-diff-'));
  try {
    execFileSync('git', ['clone', '--quiet', '--shared', ROOT, clone]);
    for (const d of ['lib', 'node_modules']) symlinkSync(join(ROOT, d), join(clone, d));
    // npx stands in for the installed package: the same command line, run by our CLI.
    writeFileSync(join(clone, 'npx'), `#!/bin/sh\n[ "$1" = cdk8s-kubeflow ] || exit 99\nshift\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'lib', 'cli', 'main.js'))} "$@"\n`, { mode: 0o755 });
    const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const r = spawnSync('bash', ['-e', '-c', step('diff').run!], { cwd: clone, encoding: 'utf8', env: { ...process.env, BASE_REF: branch, PATH: `${clone}:${process.env.PATH}` } });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const comment = readFileSync(join(clone, 'diff.md'), 'utf8');
    expect(comment.split('\n')[0]).toBe(COMMENT_MARKER);
    expect(comment).toContain(`\`dist/ at origin/${branch} (`);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
});

test('the diff step fails with diff\'s exit code and leaves no comment when diff prints none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pr-diff-step-'));
  try {
    for (const [fake, code, file] of [['echo "error: --base origin/x: unknown git revision" >&2; exit 2', 2, false], [`echo '${COMMENT_MARKER}'`, 0, true]] as const) {
      writeFileSync(join(dir, 'npx'), `#!/bin/sh\n${fake}\n`, { mode: 0o755 });
      rmSync(join(dir, 'diff.md'), { force: true });
      const r = spawnSync('bash', ['-e', '-c', step('diff').run!], { cwd: dir, env: { ...process.env, BASE_REF: 'main', PATH: `${dir}:${process.env.PATH}` } });
      expect([r.status, spawnSync('test', ['-e', join(dir, 'diff.md')]).status === 0]).toEqual([code, file]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the comment script', () => {
  type Comment = { id: number; body: string; user: { type: string } };
  const body = `${COMMENT_MARKER}\n### cdk8s-kubeflow diff\n`;

  /** Runs the workflow's script as github-script would, against a fake API with these comments. */
  async function comment(existing: Comment[]): Promise<string[]> {
    const calls: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'pr-diff-script-'));
    const cwd = process.cwd();
    try {
      writeFileSync(join(dir, 'diff.md'), body);
      process.chdir(dir);
      const listComments = () => undefined;
      const github = {
        paginate: async (fn: unknown, args: object) => {
          expect([fn, args]).toEqual([listComments, { owner: 'o', repo: 'r', issue_number: 7, per_page: 100 }]);
          return existing;
        },
        rest: { issues: {
          listComments,
          createComment: async (a: { issue_number: number; body: string }) => { calls.push(`create #${a.issue_number} ${a.body === body}`); },
          updateComment: async (a: { comment_id: number; body: string }) => { calls.push(`update ${a.comment_id} ${a.body === body}`); },
        } },
      };
      const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
      await new AsyncFunction('require', 'github', 'context', (step('comment on the pull request').with as { script: string }).script)(require, github, context);
      return calls;
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('creates the comment the first time', async () => {
    expect(await comment([{ id: 1, body: 'LGTM', user: { type: 'User' } }])).toEqual(['create #7 true']);
  });

  test('then updates its own comment in place, never a person\'s comment that quotes the marker', async () => {
    expect(await comment([
      { id: 1, body: `${COMMENT_MARKER}\nquoted`, user: { type: 'User' } },
      { id: 2, body: `${COMMENT_MARKER}\nold diff`, user: { type: 'Bot' } },
    ])).toEqual(['update 2 true']);
  });
});
