import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App } from 'cdk8s';
import { synthesize } from '../cli/synthesize';
import { buildApp as mxnetExample } from '../examples/mxnet/main';
import { buildApp as servingExample } from '../examples/serving/main';
import { buildApp as trainingExample } from '../examples/training/main';
import { buildApp as tuningExample } from '../examples/tuning/main';
import { formatFinding } from '../manifest';
import { checkFiles } from '../policies/check-files';

// `validate` (schemas, CEL, every default rule) passes on the committed dist/ and on what every
// example synthesizes: no error and no warning, read back from the files as a user's CI would.
let scratch: string;
beforeAll(() => { scratch = mkdtempSync(join(tmpdir(), 'validate-outputs-')); });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function written(name: string, app: App): string {
  const out = join(scratch, name);
  for (const [file, yaml] of synthesize(app).files) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), yaml);
  }
  return out;
}

test.each<[string, () => string]>([
  ['dist/', () => join(__dirname, '..', 'dist')],
  ['examples/training', () => written('training', trainingExample())],
  ['examples/tuning', () => written('tuning', tuningExample())],
  ['examples/mxnet', () => written('mxnet', mxnetExample())],
  ['examples/serving (each rollout stage)', () => { for (const stage of [0, 1, 2]) written(`serving/${stage}`, servingExample(stage)); return join(scratch, 'serving'); }],
])('validate %s: every object valid, no finding', async (_name, folder) => {
  const result = await checkFiles([folder()]);
  expect(result.findings.map(formatFinding)).toEqual([]);
  expect(result.counts.objects).toBeGreaterThan(0);
  expect(result.counts.valid).toBe(result.counts.objects);
});
