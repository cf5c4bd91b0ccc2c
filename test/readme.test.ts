import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-output';
import { codeBlocks, linesNotIn, readmeSection } from './readme-section';

// The README's tenant and notebook example, its synth output and its error examples are what
// the CLI really prints for them.
const APP = join(__dirname, 'fixtures', 'apps', 'readme.ts');
const example = readmeSection('A tenant and a notebook');
const mistakes = codeBlocks(readmeSection('When something is wrong'), '');

let out: string;
beforeEach(() => { out = join(mkdtempSync(join(tmpdir(), 'readme-')), 'dist'); });
afterEach(() => {
  rmSync(join(out, '..'), { recursive: true, force: true });
  delete process.env.README_MISTAKE;
});

test('"A tenant and a notebook": the app is the one printed, and synth prints the summary shown', async () => {
  expect(linesNotIn(codeBlocks(example, 'ts'), APP)).toEqual([]);
  const r = await runCli('synth', '--app', APP, '--out', out);
  expect(r.code).toBe(0);
  expect(r.stdout.replace(/ in \d+ ms;/, ' in 812 ms;')).toBe(codeBlocks(example, '')[0].replace(/ to dist /, ` to ${out} `));
});

test.each([['gpu', 0], ['name', 1], ['field', 2]])('"When something is wrong": the %s mistake', async (mistake, block) => {
  process.env.README_MISTAKE = mistake as string;
  const r = await runCli('synth', '--app', APP, '--out', out);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(mistakes[block as number].replace(/ to dist\n$/, ` to ${out}\n`));
});

test('"Command line": the --output json example is what synth prints for the GPU mistake', async () => {
  process.env.README_MISTAKE = 'gpu';
  const r = await runCli('synth', '--app', APP, '--out', out, '--output', 'json');
  expect(r.code).toBe(1);
  const [example] = [...readmeSection('Command line').matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  expect(JSON.parse(r.stdout)).toEqual({ ...JSON.parse(example), out });
});
