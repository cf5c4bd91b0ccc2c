import * as YAML from 'yaml';
import { DocumentSplitter, DocumentText } from './yaml-documents';

/** The documents of `text` pushed in pieces of `size` characters. */
function split(text: string, size: number): DocumentText[] {
  const splitter = new DocumentSplitter();
  const docs: DocumentText[] = [];
  for (let i = 0; i < text.length; i += size) docs.push(...splitter.push(text.slice(i, i + size)));
  return [...docs, ...splitter.end()];
}

describe('DocumentSplitter', () => {
  const streams = [
    '', '# only a comment\n', '\n\n', '---', '---\n---\n', 'a: 1', 'a: 1\n---\n', '# lead\n---\na: 1',
    '%YAML 1.1\n---\na: 1\n', 'a: 1\n...\n# after\n', 'a: 1\n...\nb: 2\n', 'a: 1\n...\n---\nb: 2\n', '...\n', 'a: 1\n...\n...\n',
    '--- \na: 1', '---a: 1\n', 'a: 1\n--- b\n', 'a: |\n  x\n---\nb: 2', 'a: 1\n---\nb: 2\n---\nc: 3\n', 'a\n...\nb\n...\nc\n---\nd\n',
    '# a\n\n# b\na: 1\n---\n\n\nb: 2\n# tail\n', 'a: 1\r\n---\r\nb: 2\r\n',
  ];

  test.each(streams)('cuts %j into the documents the yaml package sees, in pieces of any size', (text) => {
    const parsed = YAML.parseAllDocuments(text);
    const expected = Array.isArray(parsed) ? parsed.length : 0;
    for (const size of [1, 2, 3, 7, 1 << 20]) {
      const docs = split(text, size);
      expect(docs.map((d) => d.index)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
      expect(text.startsWith(docs.map((d) => d.text).join(''))).toBe(true); // in order, nothing repeated
    }
  });

  test('gives the line where each document starts', () => {
    const docs = split('# lead\na: 1\n---\n\nb: 2\n...\n---\nc: |\n  x\n', 4);
    expect(docs.map((d) => [d.index, d.line, d.text])).toEqual([[1, 1, '# lead\na: 1\n'], [2, 3, '---\n\nb: 2\n...\n'], [3, 7, '---\nc: |\n  x\n']]);
  });

  test('holds on to one document at most: what was emitted is let go', () => {
    const splitter = new DocumentSplitter();
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n';
    let emitted = 0;
    for (let i = 0; i < 10_000; i++) {
      emitted += splitter.push(doc).length;
      expect((splitter as unknown as { pending: string }).pending.length).toBeLessThanOrEqual(doc.length);
    }
    emitted += splitter.end().length;
    expect(emitted).toBe(10_001); // the last `---` starts an empty document
  });
});
