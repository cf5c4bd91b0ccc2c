import { runCli } from '../test/cli-output';

describe('cdk8s-kubeflow', () => {
  test.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'usage: cdk8s-kubeflow <command>'],
  ])('%j is a usage error: exit 2, message on stderr', async (argv, message) => {
    const r = await runCli(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test.each([['--help'], ['synth', '--help'], ['validate', '--help'], ['schemas', '--help']])('%j prints its usage and exits 0', async (...argv) => {
    const r = await runCli(...argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: cdk8s-kubeflow /);
    expect(r.stderr).toBe('');
  });
});
