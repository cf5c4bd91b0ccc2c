import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { synthesize } from '../cli/synthesize';
import { DEFAULT_RELEASE, OUTPUT_MARKER, RELEASE_ENV } from '../manifest';
import { buildApp } from './main';

const DIST = join(__dirname, '..', 'dist');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

// Argo CD deploys the committed dist/; it must be exactly what the code in stacks/ synthesizes
// for the default release (`npm run synth` passes no --release).
test('the committed dist/ is up to date with stacks/ (run `npm run synth` and commit dist/ if this fails)', () => {
  const chosen = process.env[RELEASE_ENV];
  delete process.env[RELEASE_ENV];
  let result;
  try {
    result = synthesize(buildApp());
  } finally {
    if (chosen !== undefined) process.env[RELEASE_ENV] = chosen;
  }
  expect(new Set([...result.releases.values()].map((r) => r.name))).toEqual(new Set([DEFAULT_RELEASE]));
  const { files: expected } = result;
  const actual = new Map(files(DIST).map((f) => [relative(DIST, f), readFileSync(f, 'utf8')]));
  expect([...actual.keys()].sort()).toEqual([OUTPUT_MARKER, ...expected.keys()]);
  for (const [file, content] of expected) expect({ file, content: actual.get(file) }).toEqual({ file, content });
});
