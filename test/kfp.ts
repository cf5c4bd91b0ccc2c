// The real Kubeflow Pipelines compiler for tests: `scripts/kfp-venv.sh` installs the pinned kfp
// SDK into the per-user cache once; `compileTwins` compiles Python twin pipelines with it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

let python: string | undefined;

/** The kfp venv's python (installed on first use, about 15 s; the script runs once per test file). */
export function kfpPython(): string {
  python ??= execFileSync('bash', [path.join(ROOT, 'scripts/kfp-venv.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
  return python;
}

/** Compiles every `*.py` of `twinsDir` with kfp; returns twin name → IR file written by kfp. */
export function compileTwins(twinsDir: string): Map<string, string> {
  const twins = fs.readdirSync(twinsDir).filter((f) => f.endsWith('.py')).sort();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-twins-'));
  execFileSync(kfpPython(), [path.join(ROOT, 'tools/kfp/compile_twins.py'), out, ...twins.map((f) => path.join(twinsDir, f))], {
    encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return new Map(twins.map((f) => [f.replace(/\.py$/, ''), path.join(out, f.replace(/\.py$/, '.yaml'))]));
}
