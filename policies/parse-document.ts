import { MAX_DEPTH, readCommonYaml, TooDeepError, UNSUPPORTED } from './fast-yaml';
import { yamlPackage } from './lazy-packages';
import { DocumentText } from './yaml-documents';
import { KFP_YAML, KUBE_YAML } from './yaml-options';

/** What one document held: its value(s), or why it could not be parsed (line in the stream). */
export type ParsedDocument =
  | { readonly values: unknown[] }
  | { readonly problem: { readonly line?: number; readonly message: string } };

/**
 * Aliases may expand to this many nodes in one document; more is a "billion laughs" attack
 * (`yaml` counts expanded nodes, weighted by size, against it).
 */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses one document cut by DocumentSplitter: with the fast reader when the document is in
 * the common form, else with the `yaml` package. Never throws for any input: syntax errors,
 * alias bombs and excessive nesting come back as a problem with the line.
 */
export function parseYamlDocument(doc: DocumentText): ParsedDocument {
  try {
    const value = readCommonYaml(doc.text);
    if (value !== UNSUPPORTED) return { values: [value] };
    return parseWithYamlPackage(doc);
  } catch (e) {
    if (e instanceof TooDeepError) return { problem: { line: doc.line, message: e.message } };
    throw e;
  }
}

/**
 * One document parsed again as a document kfp writes (see KFP_YAML), once its value showed it
 * is one: read as Kubernetes YAML, kfp's unquoted `n` and `y` would be booleans.
 */
export function parseKfpDocument(doc: DocumentText): ParsedDocument {
  return parseWithYamlPackage(doc, KFP_YAML);
}

function parseWithYamlPackage(doc: DocumentText, options = KUBE_YAML): ParsedDocument {
  const values: unknown[] = [];
  // Normally one document; more only if the splitter and `yaml` disagreed, which costs nothing here.
  for (const parsed of yamlPackage().parseAllDocuments(doc.text, options)) {
    const error = parsed.errors[0];
    if (error) {
      const line = error.linePos ? doc.line + error.linePos[0].line - 1 : doc.line;
      // `yaml` catches its own stack overflow on deep nesting and reports it as a syntax error.
      const tooDeep = error.message.startsWith('Maximum call stack size exceeded');
      return { problem: { line, message: tooDeep ? new TooDeepError().message : firstLine(error.message) } };
    }
    let value: unknown;
    try {
      value = parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const message = e instanceof RangeError ? new TooDeepError().message : `${(e as Error).message} (aliases expand to more than ${MAX_ALIAS_COUNT} nodes)`;
      return { problem: { line: doc.line, message } };
    }
    if (depthExceeds(value, MAX_DEPTH)) return { problem: { line: doc.line, message: new TooDeepError().message } };
    values.push(value);
  }
  return { values };
}

/** Whether `value` nests deeper than `max`; iterative, so that it cannot overflow the stack itself. */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>(); // aliases share objects: visit each once
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    if (depth > max) return true;
    seen.add(v);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The first line of a `yaml` error message, without its position (the finding gives the line) and source excerpt. */
export function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
