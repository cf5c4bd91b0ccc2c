import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { MAX_DEPTH, readCommonYaml, TooDeepError, UNSUPPORTED } from './fast-yaml';
import { DocumentSplitter } from './yaml-documents';
import { KUBE_YAML } from './yaml-options';

const root = path.resolve(__dirname, '..');

/** The yaml package's reading of one document (as JSON, so NaN, -0 and undefined compare as the reader's), or its error. */
function viaYaml(text: string): string {
  const docs = YAML.parseAllDocuments(text, KUBE_YAML);
  if (!Array.isArray(docs) || docs.length === 0) return 'null';
  if (docs.length > 1) return 'several documents';
  return docs[0].errors.length > 0 ? `error: ${docs[0].errors[0].message}` : JSON.stringify(docs[0].toJS());
}

function viaFastReader(text: string): string | typeof UNSUPPORTED {
  const value = readCommonYaml(text);
  return value === UNSUPPORTED ? value : JSON.stringify(value) ?? 'null';
}

function documentsOf(text: string): string[] {
  const splitter = new DocumentSplitter();
  return [...splitter.push(text), ...splitter.end()].map((d) => d.text);
}

function yamlFiles(dir: string, maxBytes: number): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p, maxBytes);
    return /\.ya?ml$/.test(e.name) && fs.statSync(p).size <= maxBytes ? [p] : [];
  });
}

describe('readCommonYaml reads what the yaml package reads, the same way', () => {
  test('every document of dist/ and of the smaller schema-only CRDs, without falling back', () => {
    const crds = fs.readdirSync(path.join(root, 'schemas')).flatMap((preset) => yamlFiles(path.join(root, 'schemas', preset, 'crds'), 100_000));
    const files = [...yamlFiles(path.join(root, 'dist'), Infinity), ...crds];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      for (const doc of documentsOf(fs.readFileSync(file, 'utf8'))) expect([file, viaFastReader(doc)]).toEqual([file, viaYaml(doc)]);
    }
  });

  const forms: [string, string][] = [
    ['block mapping, comments', 'a: 1 # one\n# alone\nb: two\n'],
    ['nested mappings and sequences', 'a:\n  b:\n    - 1\n    - c: d\n      e: [f, g]\n  h: {}\n'],
    ['a sequence at its key\'s indentation', 'a:\n- 1\n- 2\nb: 3\n'],
    ['compact nested sequences', '- - 1\n  - 2\n- - 3\n'],
    ['an item on the following lines', '-\n  a: 1\n- \n'],
    ['empty values', 'a:\nb: \nc: # none\n'],
    ['quoted scalars and keys', '"a b": \'it\'\'s\'\n\'c\': "x\\ty\\n\\u00e9\\x41\\\\\\""\n'],
    ['YAML 1.1 scalars', `a: [yes, No, on, OFF, ~, null, 0755, 0x1f, 0b11, 1_000, .5, 1e3, -.inf, 2024-01-01, 500m]\nb:\n${['y', 'n', '0o7', '1:20', '1.0', '-0'].map((s) => `- ${s}\n`).join('')}`],
    ['literal block scalars', 'a: |\n  one\n\n  two\n    indented\nb: |-\n  x\nc: |+\n  y\n\nd: 1\n'],
    ['folded block scalars', 'a: >\n  one\n  two\n\n  three\nb: >-\n  x\n  y\n'],
    ['a block scalar at the end, without a line break', 'a: |\n  x'],
    ['flow collections over lines (JSON)', '{\n  "a": [1, 2.5, -3e2, "x", null, true],\n  "b": {"c": {}}\n}\n'],
    ['document markers', '---\na: 1\n...\n'],
    ['a comment-only document', '---\n# nothing\n'],
    ['plain scalars with indicators inside', 'a: b#c\nd: e:f\nurl: http://x/y?z=1\nk8s: app.kubernetes.io/name\n'],
    ['CRLF line breaks', 'a: 1\r\nb: |\r\n  x\r\n  y\r\nc: [d, e]\r\n'],
  ];
  test.each(forms)('%s', (_, text) => {
    expect(viaFastReader(text)).toEqual(viaYaml(text));
  });

  const leftToYaml: [string, string][] = [
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['merge keys', 'a: {b: 1}\nc:\n  <<: {d: 2}\n'],
    ['complex keys', '? a\n: b\n'],
    ['non-string keys', '1: a\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['multi-line plain scalars', 'a: one\n  two\n'],
    ['multi-line quoted scalars', 'a: "one\n  two"\n'],
    ['tabs as indentation', 'a:\n\tb: 1\n'],
    ['directives', '%YAML 1.1\n---\na: 1\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a nested mapping on one line', 'a: b: c\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a lone CR', 'a: 1\rb: 2\n'],
  ];
  test.each(leftToYaml)('leaves %s to the yaml package', (_, text) => {
    expect(readCommonYaml(text)).toBe(UNSUPPORTED);
  });

  test(`rejects nesting deeper than ${MAX_DEPTH} levels, block and flow, before the stack overflows`, () => {
    let block = '';
    for (let i = 0; i < 4000; i++) block += `${' '.repeat(i)}a:\n`;
    expect(() => readCommonYaml(block)).toThrow(TooDeepError);
    expect(() => readCommonYaml(`${'['.repeat(4000)}${']'.repeat(4000)}`)).toThrow(TooDeepError);
    expect(() => readCommonYaml('- '.repeat(4000) + 'x\n')).toThrow(TooDeepError);
    expect(readCommonYaml(`${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}`)).not.toBe(UNSUPPORTED);
  });

  test('never reads a mutated manifest differently from the yaml package (differential fuzzing, fixed seed)', () => {
    const seeds = [...yamlFiles(path.join(root, 'dist', 'dev'), Infinity).slice(0, 8).map((f) => fs.readFileSync(f, 'utf8')), ...forms.map(([, text]) => text)];
    const pieces = [' ', '\n', ':', '-', '#', '"', "'", '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '?', 'a', '1', '\t', '  ', '\n  ', '- ', ': ', '...', '---', '\\', '%', '.', '\r\n'];
    let seed = 20260101;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    let read = 0;
    for (let i = 0; i < 15_000; i++) {
      let text = seeds[random(seeds.length)];
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(text.length + 1);
        text = random(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + random(3)) : text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
      }
      let fast: string | typeof UNSUPPORTED;
      try {
        fast = viaFastReader(text);
      } catch (e) {
        if (e instanceof TooDeepError) continue;
        throw e;
      }
      if (fast === UNSUPPORTED) continue;
      read++;
      if (fast !== viaYaml(text)) expect({ text, fast }).toEqual({ text, fast: viaYaml(text) });
    }
    expect(read).toBeGreaterThan(3000); // the reader takes most well-formed mutations itself
  });
});
