import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { listManifestFiles, loadManifests, parseManifests } from './load';

describe('parseManifests', () => {
  test('reads multi-document YAML, skipping empty documents', () => {
    const text = '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# nothing here\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    expect(parseManifests(text, 'a.yaml').sources.map((s) => s.object.metadata?.name)).toEqual(['a', 'b']);
  });

  test('unpacks a List (kubectl get -o yaml)', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n';
    expect(parseManifests(text, 'l.yaml').sources.map((s) => s.object.kind)).toEqual(['ConfigMap', 'Secret']);
  });

  test('reads YAML as kubectl does: yes/on are booleans, dates stay strings', () => {
    const [s] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: yes, b: 2024-01-01}\n', 'a.yaml').sources;
    expect((s.object as any).data).toEqual({ a: true, b: '2024-01-01' });
  });

  test('reads JSON', () => {
    expect(parseManifests('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}', 'a.json').sources).toHaveLength(1);
  });

  test('reports a YAML parse error as a finding with document and line, and keeps the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [unclosed\n';
    const { sources, findings } = parseManifests(text, 'bad.yaml');
    expect(sources).toHaveLength(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', rule: 'load/parse', file: 'bad.yaml', line: 7, resource: 'document 2', path: '.' }); // the end of input, where the yaml package finds the sequence unclosed
    expect(findings[0].message).toMatch(/^cannot parse: /);
  });

  test('reports a duplicate key (kubectl rejects it too)', () => {
    const { findings } = parseManifests('apiVersion: v1\nkind: ConfigMap\nkind: Secret\n', 'dup.yaml');
    expect(findings[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^cannot parse: Map keys must be unique/) });
  });

  test('reports invalid JSON with its line', () => {
    const { findings } = parseManifests('{\n"apiVersion": "v1",\n"kind": "ConfigMap",\n}', 'bad.json');
    expect(findings[0]).toMatchObject({ rule: 'load/parse', file: 'bad.json', line: 4 });
  });
});

describe('loadManifests', () => {
  test('walks directories in name order, YAML and JSON only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-'));
    try {
      fs.mkdirSync(path.join(dir, 'b'));
      fs.writeFileSync(path.join(dir, 'b', 'two.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two}\n');
      fs.writeFileSync(path.join(dir, 'a.json'), '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"}}');
      fs.writeFileSync(path.join(dir, 'notes.md'), '# not a manifest');
      const { sources, findings } = loadManifests([dir]);
      expect(findings).toEqual([]);
      expect(sources.map((s) => [path.relative(dir, s.file!), s.object.metadata?.name])).toEqual([['a.json', 'one'], [path.join('b', 'two.yml'), 'two']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('throws for a path that does not exist', () => {
    expect(() => loadManifests(['/no/such/path'])).toThrow('ENOENT');
  });
});

describe('loadManifests on any input: each bad file or document is one finding, and the rest is read on', () => {
  // The real fs module (the one load.ts calls), to inject errors the tests cannot cause as root.
  const realFs: typeof fs = require('fs');
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  };
  const names = (r: { sources: { object: { metadata?: { name?: string } } }[] }) => r.sources.map((s) => s.object.metadata?.name);
  const enoent = (code: string, call: string) => Object.assign(new Error(`${code}: failed, ${call}`), { code });
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-any-')); });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a file that cannot be opened (EACCES, injected: as root, chmod 000 does not stop reads)', () => {
    const locked = file('a.yaml', cm('a'));
    file('b.yaml', cm('b'));
    const open = realFs.openSync;
    jest.spyOn(realFs, 'openSync').mockImplementation((p, ...rest) => {
      if (p === locked) throw enoent('EACCES', 'open');
      return open(p, ...rest);
    });
    const result = loadManifests([dir]);
    expect(result.findings).toEqual([{ severity: 'error', rule: 'load/read', file: locked, resource: locked, path: '.', message: 'cannot read: permission denied', fix: 'check the path and its permissions, or leave it out' }]);
    expect(names(result)).toEqual(['b']);
  });

  test('a folder that cannot be listed (EACCES)', () => {
    file('locked/a.yaml', cm('a'));
    file('open/b.yaml', cm('b'));
    const readdir = realFs.readdirSync;
    jest.spyOn(realFs, 'readdirSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).endsWith('locked')) throw enoent('EACCES', 'scandir');
      return (readdir as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readdirSync);
    const result = loadManifests([dir]);
    expect(result.findings.map((f) => [f.rule, f.file, f.message])).toEqual([['load/read', path.join(dir, 'locked'), 'cannot read: permission denied']]);
    expect(names(result)).toEqual(['b']);
  });

  test('a read that fails half-way (EIO): the documents before it stand, one finding', () => {
    const big = file('big.yaml', Array.from({ length: 30_000 }, (_, i) => cm(`c${i}`)).join('---\n')); // > one 1 MiB read
    const read = realFs.readSync;
    let calls = 0;
    jest.spyOn(realFs, 'readSync').mockImplementation(((...args: Parameters<typeof fs.readSync>) => {
      if (++calls === 2) throw enoent('EIO', 'read');
      return read(...args);
    }) as typeof fs.readSync);
    const result = loadManifests([big]);
    expect(result.findings.map((f) => [f.rule, f.file, f.message])).toEqual([['load/read', big, 'cannot read: EIO: failed, read']]);
    expect(result.sources.length).toBeGreaterThan(10_000);
  });

  test('binary files (NUL bytes), UTF-16 included', () => {
    const binary = file('a.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
    const utf16 = file('b.yaml', Buffer.from(`\ufeff${cm('b')}`, 'utf16le'));
    file('c.yaml', cm('c'));
    const result = loadManifests([dir]);
    expect(result.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      ['load/read', binary, 'cannot read: not a text file (a NUL byte at byte 6; YAML and JSON must be UTF-8 text)'],
      ['load/read', utf16, 'cannot read: not a text file (a NUL byte at byte 3; YAML and JSON must be UTF-8 text)'],
    ]);
    expect(names(result)).toEqual(['c']);
  });

  test('a "billion laughs" alias bomb is refused, with its line', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = levels.map((l, i) => `${l}: &${l} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(', ')}]`).join('\n');
    const result = parseManifests(`${cm('ok')}---\n${bomb}\n`, 'bomb.yaml');
    expect(names(result)).toEqual(['ok']);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: 'load/parse', file: 'bomb.yaml', line: 4, resource: 'document 2' });
    expect(result.findings[0].message).toMatch(/^cannot parse: Excessive alias count .*\(aliases expand to more than 1000 nodes\)$/);
  });

  test.each([
    ['YAML block mappings', 'deep.yaml', 1, (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:\n`).join('')],
    ['YAML flow sequences', 'deep.yaml', 1, (n: number) => `${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['YAML with an anchor (the yaml package reads it)', 'deep.yaml', 2, (n: number) => `x: &a 1\ny: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['JSON', 'deep.json', 1, (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
  ])('nesting 4000 levels deep (%s) is one finding', (_, name, line, make) => {
    const result = parseManifests(make(4000), name);
    expect(result.sources).toEqual([]);
    expect(result.findings.map((f) => [f.rule, f.line, f.message])).toEqual([['load/parse', line, 'cannot parse: nested more than 500 levels deep']]);
  });

  test('150,000 documents in one file', () => {
    const many = file('many.yaml', Array.from({ length: 150_000 }, (_, i) => cm(`c${i}`)).join('---\n'));
    const started = Date.now();
    const result = loadManifests([many]);
    expect(result.findings).toEqual([]);
    expect(result.sources).toHaveLength(150_000);
    expect(result.sources[149_999]).toEqual({ file: many, line: 149_999 * 4 + 1, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c149999' } } });
    expect(Date.now() - started).toBeLessThan(20_000); // about 1 s on an idle machine
  });

  test('empty files, and files with only `---` or comments, hold nothing and are no problem', () => {
    file('empty.yaml', '');
    file('dashes.yaml', '---\n');
    file('many-dashes.yml', '---\n---\n---');
    file('comment.yaml', '# nothing yet\n');
    file('empty.json', ' \n');
    const result = loadManifests([dir]);
    expect(result).toEqual({ sources: [], findings: [expect.objectContaining({ rule: 'load/parse', file: path.join(dir, 'empty.json') })] });
  });

  test('standard input, as the path `-`', () => {
    const input = file('input', `${cm('a')}---\n${cm('b')}`);
    const fd = fs.openSync(input, 'r');
    try {
      const result = loadManifests(['-', path.join(dir, 'input')], { stdin: fd });
      expect(result.sources.map((s) => [s.file, s.object.metadata?.name, s.line])).toEqual([['<stdin>', 'a', 1], ['<stdin>', 'b', 5], [input, 'a', 1], [input, 'b', 5]]);
    } finally {
      fs.closeSync(fd);
    }
  });

  test('standard input of a real process (a pipe)', () => {
    const script = `const { loadManifests } = require(${JSON.stringify(path.join(__dirname, 'load.ts'))}); process.stdout.write(JSON.stringify(loadManifests(['-'])));`;
    const r = require('child_process').spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { input: `${cm('piped')}---\nkind: [\n`, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout);
    expect(result.sources.map((s: { file: string; object: { metadata: { name: string } } }) => [s.file, s.object.metadata.name])).toEqual([['<stdin>', 'piped']]);
    expect(result.findings.map((f: { file: string; line: number; resource: string; message: string }) => [f.file, f.line, f.resource, f.message.slice(0, 13)])).toEqual([['<stdin>', 6, 'document 2', 'cannot parse:']]);
  });

  test('parse errors name the line in the whole file, in any document', () => {
    const text = `${cm('a')}---\n${cm('b')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  x: [1, 2\n`;
    const { findings } = parseManifests(text, 'bad.yaml');
    const [, , third] = YAML.parseAllDocuments(text) as YAML.Document[];
    expect(findings.map((f) => [f.resource, f.line])).toEqual([['document 3', third.errors[0].linePos![0].line]]);
  });

  test('Windows line breaks and a byte-order mark', () => {
    file('crlf.yaml', `\ufeff${cm('a')}---\n${cm('b')}`.replace(/\n/g, '\r\n'));
    expect(names(loadManifests([dir]))).toEqual(['a', 'b']);
  });
});

test('a folder is searched without its hidden folders and node_modules (CI workflows, dependencies, .git)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-skip-'));
  try {
    for (const f of ['app/cm.yaml', '.github/workflows/ci.yml', 'node_modules/x/package.json', '.git/x.json']) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    }
    expect(listManifestFiles(dir).map((f) => path.relative(dir, f))).toEqual(['app/cm.yaml']);
    // Named explicitly, a file in such a folder is read.
    expect(listManifestFiles(path.join(dir, '.github/workflows/ci.yml'))).toHaveLength(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
