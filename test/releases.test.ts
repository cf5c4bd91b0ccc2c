import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Finding, formatFinding, RELEASE_PRESETS } from '../manifest';
import { runCli } from './cli-output';

// Every preset, as a user targets it: the default stack app (stacks/main.ts) and each example
// app (examples/*/main.ts) synthesize with `synth --release <preset>`, and every object
// validates against that preset's schemas.
const ROOT = join(__dirname, '..');
const APPS: [string, string][] = [
  ['stacks', join(ROOT, 'stacks', 'main.ts')],
  ...readdirSync(join(ROOT, 'examples')).sort().filter((e) => existsSync(join(ROOT, 'examples', e, 'main.ts'))).map((e): [string, string] => [`examples/${e}`, join(ROOT, 'examples', e, 'main.ts')]),
];

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'releases-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the apps are the default stack app and every example with an app', () => {
  expect(APPS.map(([name]) => name)).toEqual(expect.arrayContaining(['stacks', 'examples/serving', 'examples/training', 'examples/tuning']));
});

describe.each(Object.keys(RELEASE_PRESETS))('synth --release %s', (preset) => {
  test.each(APPS)('%s synthesizes and every object validates against the preset\'s schemas', async (name, module) => {
    const r = await runCli('synth', '--app', module, '--out', join(work, preset, name), '--release', preset, '--output', 'json');
    const doc = JSON.parse(r.stdout) as { findings: Finding[]; stacks: Record<string, { release: string }> };
    // Errors, and kinds the preset has no schema for (warnings: nothing checked them).
    expect(doc.findings.filter((f) => f.severity === 'error' || f.rule === 'schema/unknown-kind').map(formatFinding)).toEqual([]);
    expect(r.code).toBe(0);
    // Every stack that does not name its own release targets the one given.
    expect(Object.values(doc.stacks).map((s) => s.release)).toContain(preset);
  });
});
