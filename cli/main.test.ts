import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/cli-output';

const COMMANDS = ['synth', 'validate', 'schemas', 'status', 'reconcile', 'diff'];

describe('cdk8s-kubeflow', () => {
  test.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [[], 'Usage: cdk8s-kubeflow [options] [command]'],
    [['--bogus'], "unknown option '--bogus'"],
    [['help', 'nope'], "unknown command 'nope' (commands: synth, validate, schemas, status, reconcile, diff)"],
  ])('%j is a usage error: exit 2, message on stderr', async (...argv) => {
    const message = argv.pop() as string;
    const r = await runCli(...(argv[0] as unknown as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test.each([['--help'], ['-h'], ['help']])('%s lists every command and the exit codes on stdout, exit 0', async (flag) => {
    const r = await runCli(flag);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of [...COMMANDS, 'help']) expect(r.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    expect(r.stdout).toContain('Exit codes: 0 success, 1 errors in the input (or warnings with --fail-on warning), 2 usage errors.');
  });

  test.each([['--version'], ['-V']])('%s prints the package version', async (flag) => {
    const r = await runCli(flag);
    expect(r.code).toBe(0);
     
    expect(r.stdout).toBe(`${require('../package.json').version}\n`);
  });

  describe.each(COMMANDS)('%s', (command) => {
    test.each([[[command, '--help']], [[command, '-h']], [['help', command]]])('%j describes every option, exit 0', async (argv) => {
      const r = await runCli(...argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^Usage: cdk8s-kubeflow ${command} \\[options\\]`));
      // Every option line carries a description: the option, two spaces or more, then words.
      const options = r.stdout.split('Options:\n')[1].split('\n').filter((l) => /^ {2}-/.test(l));
      expect(options.length).toBeGreaterThan(1);
      for (const line of options) expect(line).toMatch(/^ {2}(-\w, )?--[\w-]+( <[^>]+>)?(\.\.\.)? {2,}\S/);
      // The global options and the exit codes too, so that `<command> --help` is the whole story.
      expect(r.stdout).toMatch(/Global Options:\n[\s\S]*--debug/);
      expect(r.stdout).toContain('Exit codes: 0 success');
    });
  });

  test('-h never runs the command: synth -h writes nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'help-'));
    try {
      const out = join(work, 'dist');
      const r = await runCli('synth', '--app', join(__dirname, '..', 'test', 'fixtures', 'apps', 'valid.ts'), '--out', out, '-h');
      expect(r.code).toBe(0);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('synth --help and validate --help name --output and --fail-on with their choices', async () => {
    for (const command of ['synth', 'validate']) {
      const stdout = (await runCli(command, '--help')).stdout.replace(/\s+/g, ' ');
      expect(stdout).toContain('--output <format> report format (sarif: for GitHub code scanning) (choices: "text", "json", "sarif", default: "text")');
      expect(stdout).toContain('--fail-on <severity> lowest severity that fails the command (exit 1) (choices: "error", "warning", default: "error")');
    }
  });
});
