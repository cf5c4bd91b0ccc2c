import { stringify } from 'yaml';

/**
 * YAML as kubectl, Argo CD and the API server read it (YAML 1.1, sigs.k8s.io/yaml): strings they
 * would read as booleans, numbers or timestamps (`n`, `yes`, `on`, `2026-01-01`, `1_000`) are
 * quoted. A pipeline input named `n` would otherwise reach KFP as `false`. No line wrapping.
 */
export const YAML_OUTPUT = { lineWidth: 0, version: '1.1' } as const;

/**
 * `yaml`'s `stringify(value, YAML_OUTPUT)`, byte for byte, at a fraction of its cost: how synth
 * writes `dist/` (one file per object; the `yaml` package, a general document model, spent most of
 * a large synth building nodes) and pipelines their kfp YAML. Maps, lists, whole numbers, booleans, null and strings that are plainly
 * safe are written here; every other scalar (quoted, block, float) is rendered by `yaml` itself,
 * so the rules for those stay the package's. A test compares both on real and tricky input.
 */
export function toYaml(value: unknown): string {
  if (!isBlock(value)) return stringify(value, YAML_OUTPUT);
  return (Array.isArray(value) ? seqLines(value, '') : mapLines(value as JsonMap, '')).join('\n') + '\n';
}

type JsonMap = Record<string, unknown>;

function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Not empty collections and not scalars: rendered on the lines below their key or dash. */
function isBlock(v: unknown): boolean {
  return (Array.isArray(v) && v.length > 0) || (isMap(v) && Object.keys(v).length > 0);
}

function mapLines(map: JsonMap, indent: string): string[] {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(map)) {
    if (v === undefined) continue; // as yaml and JSON: an undefined member is no member
    const key = `${indent}${keyText(k, indent === '')}:`;
    if (Array.isArray(v) && v.length > 0) lines.push(key, ...seqLines(v, `${indent}  `));
    else if (isBlock(v)) lines.push(key, ...mapLines(v as JsonMap, `${indent}  `));
    else lines.push(...scalarLines(key, v, indent));
  }
  return lines;
}

function seqLines(seq: readonly unknown[], indent: string): string[] {
  const lines: string[] = [];
  for (const item of seq) {
    const v = item === undefined ? null : item; // yaml writes a hole as null
    if (isBlock(v)) {
      // The first line of the nested block shares the dash's line.
      const nested = Array.isArray(v) ? seqLines(v, `${indent}  `) : mapLines(v as JsonMap, `${indent}  `);
      lines.push(`${indent}- ${nested[0].slice(indent.length + 2)}`, ...nested.slice(1));
    } else {
      lines.push(...scalarLines(`${indent}-`, v, indent));
    }
  }
  return lines;
}

/** `prefix` (a key with its colon, or a dash) and the scalar after it: one line, or a block scalar's lines. */
function scalarLines(prefix: string, v: unknown, indent: string): string[] {
  const text = plainScalar(v);
  if (text !== undefined) return [`${prefix} ${text}`];
  // Rendered by yaml as the value of a top-level key, then moved to this indentation.
  const rendered = stringify({ k: v }, YAML_OUTPUT).slice('k:'.length).replace(/\n$/, '').split('\n');
  return [`${prefix}${rendered[0]}`, ...rendered.slice(1).map((l) => (l === '' ? l : indent + l))];
}

// YAML 1.1's booleans and null spelled with letters: plain strings that a 1.1 reader would not read as strings.
const WORDS_1_1 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL']);
// Starts with a letter, `_`, `/` or one or two dashes and a letter (an option, `--lr=0.1`): never a
// number, a timestamp, a document marker or an indicator; no `#`, quote, bracket, brace, backslash,
// tab or line break; no leading or trailing space.
const PLAIN = /^(?:--?[A-Za-z]|[A-Za-z_/])[A-Za-z0-9_./:@=,+ -]*$/;
// YAML 1.1 floats with no digits before the exponent (`e2`, `-E5`, `e+1`): yaml quotes them (GCP's machine family `e2`).
const EXPONENT_ONLY = /^-?[eE][-+]?[0-9]+$/;
// Quantities (`32Gi`, `500m`): digits and a unit, which no YAML 1.1 number or timestamp ends with.
const QUANTITY = /^[0-9]+(?:[KMGTPE]i|[mkMGTP])$/;

/** The scalar's text when it is one line that needs no escaping (plain, or a number-like string quoted); undefined when yaml decides. */
function plainScalar(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 && !Object.is(v, -0) ? String(v) : undefined;
  if (typeof v === 'object') return Array.isArray(v) ? '[]' : '{}'; // empty: non-empty collections are blocks
  if (typeof v !== 'string') return undefined;
  if (QUANTITY.test(v)) return v;
  // What a YAML 1.1 reader would take for a number or a boolean: yaml double-quotes it.
  if (/^[0-9]+$/.test(v) || WORDS_1_1.has(v)) return `"${v}"`;
  if (!PLAIN.test(v) || WORDS_1_1.has(v) || EXPONENT_ONLY.test(v) || v.endsWith(' ') || v.endsWith(':') || v.includes(': ') || v.includes('  ')) return undefined;
  return v;
}

/** A map key: plain when safe, else as yaml writes it there (`---` is quoted only at the start of a line). */
function keyText(k: string, topLevel: boolean): string {
  const plain = plainScalar(k);
  if (plain !== undefined) return plain;
  if (topLevel) return stringify({ [k]: null }, YAML_OUTPUT).replace(/: null\n$/, '');
  return stringify({ x: { [k]: null } }, YAML_OUTPUT).replace(/^x:\n {2}/, '').replace(/: null\n$/, '');
}
