import { main } from '../cli/main';

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => { stdout += s; return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += s; return true; });
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
