// Each test file gets its own scratch folder as the temporary directory, removed after its
// tests: cdk8s's Testing.app() and many tests create temporary folders and leave them behind
// (hundreds per run would otherwise pile up in the system's /tmp).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// jest gives test files a copy of process.env; os.tmpdir() reads the worker's real one.
const realEnv = process.getBuiltinModule('node:process').env;
const systemTmp = os.tmpdir();
const scratch = fs.mkdtempSync(path.join(systemTmp, 'cdk8s-kubeflow-test-'));
realEnv.TMPDIR = scratch;
process.env.TMPDIR = scratch;

afterAll(() => {
  realEnv.TMPDIR = systemTmp;
  process.env.TMPDIR = systemTmp;
  fs.rmSync(scratch, { recursive: true, force: true });
});
