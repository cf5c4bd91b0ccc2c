import * as fs from 'fs';
import type { Node } from 'yaml';
import { Finding } from '../manifest';
import { fieldPathSteps } from './cel/field-path';
import { yamlPackage } from './lazy-packages';
import { STDIN_NAME } from './load';
import { contentLine, countLines, DocumentSplitter, DocumentText } from './yaml-documents';

/**
 * The findings with the line of the field they name (`.spec.predictor.canaryTrafficPercent`)
 * instead of the line where its object starts, for editors and code-scanning annotations. Only
 * files with findings are read again, and only their documents with findings are parsed again
 * (with positions, which the fast reader does not keep); a field that is not there (a missing
 * one) points at its nearest parent that is. Standard input, which cannot be read again, keeps
 * the object's line.
 */
export function atFieldLines(findings: readonly Finding[]): Finding[] {
  const files = new Set(findings.filter(refinable).map((f) => f.file!));
  const documents = new Map<string, Map<number, DocumentText>>();
  for (const file of files) {
    const docs = documentsOf(file);
    if (docs) documents.set(file, docs);
  }
  const parsed = new Map<DocumentText, ReturnType<typeof parse>>();
  return findings.map((f) => {
    const doc = refinable(f) ? documents.get(f.file!)?.get(f.line!) : undefined;
    if (!doc) return f;
    if (!parsed.has(doc)) parsed.set(doc, parse(doc));
    const line = parsed.get(doc)!(f.path);
    return line === undefined ? f : { ...f, line };
  });
}

function refinable(f: Finding): boolean {
  return f.file !== undefined && f.file !== STDIN_NAME && f.line !== undefined && f.path.startsWith('.') && f.path !== '.';
}

/** A file's documents by the line their content starts on (the line a loaded object carries). */
function documentsOf(file: string): Map<number, DocumentText> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // reported when it was first read
  }
  const splitter = new DocumentSplitter();
  const docs = [...splitter.push(text.replace(/^\uFEFF/, '')), ...splitter.end()];
  return new Map(docs.map((d) => [contentLine(d), d]));
}

/** A function from a JSON path to the line of its deepest node in the document. */
function parse(doc: DocumentText): (path: string) => number | undefined {
  const yaml = yamlPackage();
  const parsed = yaml.parseDocument(doc.text);
  const lineOf = (offset: number) => doc.line + countLines(doc.text, offset);
  return (path) => {
    const steps = fieldPathSteps(path);
    let node = parsed.contents as Node | null;
    if (!steps || !node || !yaml.isMap(node)) return undefined;
    let line = node.range ? lineOf(node.range[0]) : undefined;
    for (const step of steps) {
      const next: unknown = yaml.isMap(node) ? pairOf(node, step) : yaml.isSeq(node) && /^\d+$/.test(step) ? node.items[Number(step)] : undefined;
      if (!yaml.isNode(next)) break;
      node = next;
      if (node.range) line = lineOf(node.range[0]);
    }
    return line;
  };
}

/** The value of `key` in a YAML mapping (keys compared as strings, so `80` matches a key `80`). */
function pairOf(map: { items: { key: unknown; value: unknown }[] }, key: string): unknown {
  const yaml = yamlPackage();
  return map.items.find((p) => String(yaml.isScalar(p.key) ? p.key.value : p.key) === key)?.value;
}
