import * as YAML from 'yaml';
import { KUBE_YAML } from '../yaml-options';
import { parseProto } from './proto';
import { Json } from './stable-json';

/** The files the `schemas` command reads: CRD YAML, OpenAPI JSON, protobuf definitions. */
export const INPUT_FILE = /\.(ya?ml|json|proto)$/;

/**
 * The documents in one input file: JSON (an OpenAPI document), a `.proto` file (as one
 * document, see parseProto) or YAML, possibly several documents (`---`). Throws an Error
 * naming the file and line on malformed input.
 */
export function parseInputText(text: string, file: string): Json[] {
  if (file.endsWith('.proto')) return [parseProto(text, file)];
  if (file.endsWith('.json')) {
    try {
      return [JSON.parse(text) as Json];
    } catch (e) {
      throw new Error(`${file}: invalid JSON: ${(e as Error).message}`);
    }
  }
  const docs = YAML.parseAllDocuments(text, KUBE_YAML);
  const out: Json[] = [];
  for (const doc of YAML.isDocument(docs) ? [docs] : docs) {
    const error = doc.errors[0];
    if (error) throw new Error(`${file}:${error.linePos?.[0].line ?? '?'}: invalid YAML: ${firstLine(error.message)}`);
    out.push(doc.toJS({ maxAliasCount: -1 }) as Json);
  }
  return out;
}

/** The yaml package's message without its "at line L, column C:" tail and source excerpt. */
export function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
