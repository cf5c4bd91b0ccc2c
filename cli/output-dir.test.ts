import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_MARKER } from '../manifest';
import { checkOutputDir, replaceDirectory } from './output-dir';
import { UsageError } from './usage';

let work: string;
beforeEach(() => { work = realpathSync(mkdtempSync(join(tmpdir(), 'output-dir-'))); });
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A folder holding an earlier synth's output (stamped). */
function earlierOutput(dir: string): string {
  replaceDirectory(dir, new Map([['dev/a.yaml', 'a']]));
  return dir;
}

describe('checkOutputDir: synth replaces only folders it wrote', () => {
  const project = () => join(work, 'project');
  beforeEach(() => mkdirSync(project()));

  test.each([
    ['absent', () => join(work, 'project', 'dist')],
    ['empty', () => { mkdirSync(join(work, 'project', 'dist')); return join(work, 'project', 'dist'); }],
    ['earlier synth output', () => earlierOutput(join(work, 'project', 'dist'))],
    ['in a missing parent', () => join(work, 'project', 'out', 'nested', 'dist')],
  ])('%s: accepted', (_, make) => {
    const out = make();
    expect(checkOutputDir(out, [project()])).toBe(out);
  });

  test.each([
    ['the project folder', () => '.', /--out \. .*is the project folder; synth replaces its output folder whole/],
    ['`--out=` (empty)', () => '', /--out is empty/],
    ['a parent of the project', () => work, /is a parent of the project folder/],
    ['the root folder', () => '/', /is a parent of the project folder|is the root folder/],
    ['the home folder', () => homedir(), /is (your home folder|a parent of the project folder)/],
  ])('%s: refused', (_, out, message) => {
    const cwd = process.cwd();
    process.chdir(project());
    try {
      expect(() => checkOutputDir(out(), [project()])).toThrow(UsageError);
      expect(() => checkOutputDir(out(), [project()])).toThrow(message);
    } finally {
      process.chdir(cwd);
    }
  });

  test('the home folder is refused even when it is not above the project', () => {
    expect(() => checkOutputDir(homedir(), [project()])).toThrow(/is (your home folder|a parent of)/);
  });

  test('a folder with one foreign file is refused, naming the file, and nothing changes', () => {
    const out = join(project(), 'manifests');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect(() => checkOutputDir(out, [project()])).toThrow(`--out ${out} holds files synth did not write ("notes.txt"); synth replaces only folders that are empty or carry its stamp file ${OUTPUT_MARKER}`);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  test('a symlink to a foreign folder is refused; a symlink to earlier output is followed, and stays a link', () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.yaml'), 'mine');
    symlinkSync(foreign, join(project(), 'link'));
    expect(() => checkOutputDir(join(project(), 'link'), [project()])).toThrow(`--out ${join(project(), 'link')} (→ ${foreign}) holds files synth did not write ("keep.yaml")`);

    const ours = earlierOutput(join(work, 'ours'));
    symlinkSync(ours, join(project(), 'dist'));
    const target = checkOutputDir(join(project(), 'dist'), [project()]);
    expect(target).toBe(ours);
    replaceDirectory(target, new Map([['dev/b.yaml', 'b']]));
    expect(readFileSync(join(project(), 'dist', 'dev', 'b.yaml'), 'utf8')).toBe('b');
    expect(existsSync(join(project(), 'dist', 'dev', 'a.yaml'))).toBe(false);
  });

  test('a symlink to the project folder is refused', () => {
    symlinkSync(project(), join(work, 'alias'));
    expect(() => checkOutputDir(join(work, 'alias'), [project()])).toThrow(/\(→ .*project\) is the project folder/);
  });

  test('a file is refused', () => {
    writeFileSync(join(project(), 'dist'), 'precious');
    expect(() => checkOutputDir(join(project(), 'dist'), [project()])).toThrow('is a file; synth replaces a folder');
  });
});

describe('replaceDirectory', () => {
  test('writes exactly the files plus the stamp', () => {
    const out = join(work, 'dist');
    replaceDirectory(out, new Map([['dev/a.yaml', 'a']]));
    expect(readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'dev']);
    expect(readFileSync(join(out, OUTPUT_MARKER), 'utf8')).toContain('cdk8s-kubeflow synth');
  });

  test('a run killed while writing (Ctrl-C) leaves the output as it was; the next run cleans up after it', () => {
    const out = earlierOutput(join(work, 'dist'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'test', 'fixtures', 'interrupted-write.ts'), out], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.signal).toBe('SIGINT');
    expect(readFileSync(join(out, 'dev', 'a.yaml'), 'utf8')).toBe('a');
    expect(readdirSync(work)).toEqual(['dist', `dist.staging-${r.pid}`]);

    replaceDirectory(out, new Map([['new.yaml', 'new']]));
    expect(readdirSync(work)).toEqual(['dist']);
    expect(readFileSync(join(out, 'new.yaml'), 'utf8')).toBe('new');
  });

  test('only stamped leftovers of dead runs of the same folder are removed', () => {
    const dead = 2 ** 22 + 1; // above Linux's pid_max: never a live process
    const live = process.ppid; // e.g. another synth, still writing
    for (const d of [`dist.old-${dead}`, `dist.staging-${live}`, `other.staging-${dead}`, `dist.staging-${dead + 2}`]) {
      mkdirSync(join(work, d));
      writeFileSync(join(work, d, OUTPUT_MARKER), '');
    }
    mkdirSync(join(work, `dist.old-${dead + 4}`)); // not stamped: not ours, kept
    replaceDirectory(join(work, 'dist'), new Map([['a.yaml', 'a']]));
    expect(readdirSync(work).sort()).toEqual(['dist', `dist.old-${dead + 4}`, `dist.staging-${live}`, `other.staging-${dead}`]);
  });

  test('a file where the folder should be is refused, not replaced', () => {
    const out = join(work, 'dist');
    writeFileSync(out, 'precious');
    expect(() => replaceDirectory(out, new Map([['a.yaml', 'a']]))).toThrow(`${out} is a file, not a directory`);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect(existsSync(`${out}.staging-${process.pid}`)).toBe(false);
  });
});
