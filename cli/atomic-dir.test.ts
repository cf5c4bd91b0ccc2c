import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceDirectory } from './atomic-dir';

let work: string;
beforeEach(() => { work = mkdtempSync(join(tmpdir(), 'atomic-dir-')); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

test('a run killed while writing (Ctrl-C) leaves the output as it was; the next run cleans up after it', () => {
  const out = join(work, 'dist');
  mkdirSync(out);
  writeFileSync(join(out, 'old.yaml'), 'old');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'test', 'fixtures', 'interrupted-write.ts'), out], { encoding: 'utf8' });
  expect(r.stdout).toBe('');
  expect(r.signal).toBe('SIGINT');
  expect(readdirSync(out)).toEqual(['old.yaml']);
  expect(readdirSync(work)).toEqual(['dist', `dist.staging-${r.pid}`]);

  replaceDirectory(out, new Map([['new.yaml', 'new']]));
  expect(readdirSync(work)).toEqual(['dist']);
  expect(readFileSync(join(out, 'new.yaml'), 'utf8')).toBe('new');
});

test('only leftovers of dead runs of the same directory are removed', () => {
  const dead = 2 ** 22 + 1; // above Linux's pid_max: never a live process
  const live = process.ppid; // e.g. another synth, still writing
  for (const d of [`dist.old-${dead}`, `dist.staging-${live}`, `other.staging-${dead}`]) mkdirSync(join(work, d));
  replaceDirectory(join(work, 'dist'), new Map([['a.yaml', 'a']]));
  expect(readdirSync(work).sort()).toEqual(['dist', `dist.staging-${live}`, `other.staging-${dead}`]);
});

test('a file where the directory should be is refused, not replaced', () => {
  const out = join(work, 'dist');
  writeFileSync(out, 'precious');
  expect(() => replaceDirectory(out, new Map([['a.yaml', 'a']]))).toThrow(`${out} is a file, not a directory`);
  expect(readFileSync(out, 'utf8')).toBe('precious');
  expect(existsSync(`${out}.staging-${process.pid}`)).toBe(false);
});
