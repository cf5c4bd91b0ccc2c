import { resolvePlainScalar } from './yaml-scalars';

/**
 * Nesting limit for a document: far beyond any real object (Kubernetes objects nest tens of
 * levels), and below where recursive code overflows the stack (the `yaml` package's composer
 * at ~900 levels, ajv, our own walks). Deeper documents are rejected with one finding.
 */
export const MAX_DEPTH = 500;

/** A document nests deeper than MAX_DEPTH. */
export class TooDeepError extends Error {
  constructor() {
    super(`nested more than ${MAX_DEPTH} levels deep`);
    this.name = 'TooDeepError';
  }
}

/** What `readCommonYaml` returns for a document it leaves to the `yaml` package. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported YAML');

/** Thrown inside the reader when the document leaves the common subset; never escapes it. */
const BAIL = new Error('unsupported YAML');

/** Characters left to the full parser anywhere in a document: C0 controls but tab and line breaks, DEL, BOM. */
const RARE_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]/;
/** Characters that cannot start a plain scalar (YAML's indicators, except `-`, `?` and `:`, checked apart). */
const NOT_PLAIN_START = new Set([...'[]{}#&*!|>\'"%@`,']);
const FLOW_INDICATOR = new Set([...',[]{}']);

/**
 * Reads one YAML document (the text of one `---` section: optional comments and `---` marker,
 * the content, an optional `...`) in the form Kubernetes manifests are written — block
 * mappings and sequences, single-line plain and quoted scalars, literal and folded block
 * scalars, flow collections (so JSON too) — 20 to 30 times faster than the `yaml` package,
 * with the same result (see `fast-yaml.test.ts`, which compares both).
 *
 * It never reports a syntax error: on anything outside that subset (anchors, aliases, tags,
 * complex or non-string keys, merge keys, multi-line plain or quoted scalars, tabs as
 * indentation, duplicate keys, anything the `yaml` package might reject) it returns
 * UNSUPPORTED, and the caller parses the document with the `yaml` package, which decides
 * and words the error. Throws TooDeepError for a document nested deeper than MAX_DEPTH.
 */
export function readCommonYaml(text: string): unknown {
  if (RARE_CHARACTERS.test(text)) return UNSUPPORTED;
  if (text.includes('\r')) {
    if (/\r(?!\n)/.test(text)) return UNSUPPORTED; // a CR alone is not a line break
    text = text.replace(/\r\n/g, '\n'); // CRLF line breaks read as LF, as YAML says
  }
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e === BAIL) return UNSUPPORTED;
    throw e;
  }
}

function bail(): never {
  throw BAIL;
}

class Reader {
  private readonly lines: string[];
  /** The current line, and the column where the node being read starts on it. */
  private li = 0;
  private col = 0;
  /** Past the document's `---` line: another marker would start a second document. */
  private started = false;
  /** What the last successful `keyAt` found: the key, and the column after its `:`. */
  private key = '';
  private afterKey = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
    if (text.endsWith('\n')) this.lines.pop(); // the split's empty tail is not a line
    // A closing `...` (and comments after it) ends the content: drop it so that it reads as the end.
    let last = this.lines.length - 1;
    while (last >= 0 && /^ *(?:#.*)?$/.test(this.lines[last])) last--;
    if (last >= 0 && isMarker(this.lines[last], '...') && restIsBlank(this.lines[last], 3)) this.lines.length = last;
  }

  public document(): unknown {
    if (!this.nextContent(0)) return null;
    const line = this.lines[this.li];
    if (line[0] === '%') bail(); // directives
    if (isMarker(line, '---')) {
      if (!restIsBlank(line, 3)) bail(); // content on the marker line
      this.started = true;
      if (!this.nextContent(this.li + 1)) return null;
    }
    this.started = true;
    const value = this.blockNode(-1, 1);
    if (this.li < this.lines.length) bail(); // more than one root node
    return value;
  }

  /**
   * Moves to the first line at or after `from` that holds content (skipping blank and comment
   * lines) and sets `col` to its indentation; false at the end of the document.
   */
  private nextContent(from: number): boolean {
    for (let li = from; li < this.lines.length; li++) {
      const line = this.lines[li];
      let i = 0;
      while (i < line.length && line.charCodeAt(i) === 32) i++;
      if (i === line.length) continue;
      const c = line[i];
      if (c === '\t') bail();
      if (c === '#') continue;
      if (i === 0 && this.started && (isMarker(line, '---') || isMarker(line, '...'))) bail(); // a second document
      this.li = li;
      this.col = i;
      return true;
    }
    this.li = this.lines.length;
    return false;
  }

  /** The indentation of line `li` (not `col`, which may be inside a compact `- key:` entry). */
  private indentOf(li: number): number {
    const line = this.lines[li];
    let i = 0;
    while (i < line.length && line.charCodeAt(i) === 32) i++;
    return i;
  }

  /** A node starting at the current position, whose parent collection is indented `parent`. */
  private blockNode(parent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new TooDeepError();
    const line = this.lines[this.li];
    const c = line[this.col];
    if (c === '-' && (this.col + 1 === line.length || line[this.col + 1] === ' ')) return this.sequence(this.col, depth);
    if (this.keyAt(line, this.col)) return this.mapping(this.col, depth); // the first key is read
    return this.inlineValue(parent, depth);
  }

  /** A block sequence whose `-` indicators are in column `indent`. */
  private sequence(indent: number, depth: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      const line = this.lines[this.li];
      let i = this.col + 1;
      while (i < line.length && line[i] === ' ') i++;
      if (i < line.length && line[i] === '\t') bail();
      if (i === line.length || line[i] === '#') {
        // `-` alone: the item is on the following lines, or null
        items.push(this.nextContent(this.li + 1) && this.col > indent ? this.blockNode(indent, depth + 1) : null);
      } else {
        this.col = i; // a compact node: `- key: value`, `- - x`, `- value`
        items.push(this.blockNode(indent, depth + 1));
      }
      if (this.li >= this.lines.length) return items;
      const next = this.lines[this.li];
      const at = this.col; // every node ends on the next content line, at its indentation
      if (at > indent) bail();
      if (at < indent || !(next[at] === '-' && (at + 1 === next.length || next[at + 1] === ' '))) return items;
      this.col = at;
    }
  }

  /** A block mapping whose keys start in column `indent`; its first key has just been read by `keyAt`. */
  private mapping(indent: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let first = true; ; first = false) {
      const line = this.lines[this.li];
      if (!first && !this.keyAt(line, this.col)) bail();
      const key = this.key;
      if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(map, key)) bail();
      map[key] = this.valueAfter(line, this.afterKey, indent, depth + 1);
      if (this.li >= this.lines.length) return map;
      const at = this.col; // every node ends on the next content line, at its indentation
      if (at > indent) bail();
      if (at < indent) return map;
      this.col = at;
      const next = this.lines[this.li];
      if (next[at] === '-' && (at + 1 === next.length || next[at + 1] === ' ')) bail(); // a sequence where a key belongs
    }
  }

  /**
   * Whether a block mapping key starts at `col` (`key:`, `"key":`, `'key':`, followed by a
   * space or the end of the line); if so, sets `key` and `afterKey` (the column after its `:`).
   */
  private keyAt(line: string, col: number): boolean {
    const c = line[col];
    if (c === '"' || c === "'") {
      const quoted = readQuoted(line, col);
      let i = quoted.end;
      while (i < line.length && line[i] === ' ') i++;
      if (line[i] !== ':' || (i + 1 < line.length && line[i + 1] !== ' ')) return false;
      this.key = quoted.value;
      this.afterKey = i + 1;
      return true;
    }
    if (NOT_PLAIN_START.has(c) || ((c === '?' || c === ':' || c === '-') && (col + 1 === line.length || line[col + 1] === ' '))) return false;
    let colon = line.indexOf(':', col);
    while (colon !== -1 && colon + 1 < line.length && line[colon + 1] !== ' ') colon = line.indexOf(':', colon + 1);
    if (colon === -1) return false;
    const comment = line.indexOf(' #', col);
    if (comment !== -1 && comment < colon) return false;
    let end = colon;
    while (end > col && line[end - 1] === ' ') end--;
    const raw = line.slice(col, end);
    if (raw.includes('\t') || colon - col > 1024) bail();
    if (resolvePlainScalar(raw) !== raw) bail(); // a key that is a number, boolean or null
    this.key = raw;
    this.afterKey = colon + 1;
    return true;
  }

  /** The value after a mapping key's `:` at column `after` of `line`; `indent` is the mapping's. */
  private valueAfter(line: string, after: number, indent: number, depth: number): unknown {
    let i = after;
    while (i < line.length && line[i] === ' ') i++;
    if (i < line.length && line[i] === '\t') bail();
    if (i < line.length && line[i] !== '#') {
      this.col = i;
      return this.inlineValue(indent, depth);
    }
    // Nothing after the colon: the value is on the following lines, or null.
    if (!this.nextContent(this.li + 1)) return null;
    const at = this.col;
    if (at > indent) return this.blockNode(indent, depth);
    const next = this.lines[this.li];
    // A sequence may sit at its key's indentation.
    if (at === indent && next[at] === '-' && (at + 1 === next.length || next[at + 1] === ' ')) return this.sequence(indent, depth);
    return null;
  }

  /**
   * A scalar, block scalar or flow collection starting at the current position; afterwards the
   * position is on the next content line, which must not be indented more than `parent`.
   */
  private inlineValue(parent: number, depth: number): unknown {
    const line = this.lines[this.li];
    const c = line[this.col];
    let value: unknown;
    if (c === '|' || c === '>') return this.blockScalar(line, parent);
    if (c === '[' || c === '{') {
      const flow = new FlowReader(this.lines, this.li, this.col, parent);
      value = flow.node(depth);
      this.li = flow.li; // just after the closing bracket
      if (!restIsBlank(this.lines[this.li], flow.col)) bail();
    } else if (c === '"' || c === "'") {
      const quoted = readQuoted(line, this.col);
      if (!restIsBlank(line, quoted.end)) bail();
      value = quoted.value;
    } else {
      value = plainBlockScalar(line, this.col);
    }
    if (this.nextContent(this.li + 1) && this.col > parent) bail(); // a continuation line
    return value;
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at the current position. */
  private blockScalar(line: string, parent: number): string {
    const header = /^([|>])([-+]?)(?: +(?:#.*)?)?$/.exec(line.slice(this.col));
    if (!header) bail(); // indentation indicators and anything unusual
    const [, style, chomping] = header;
    const body: string[] = [];
    let indent = -1;
    let li = this.li + 1;
    for (; li < this.lines.length; li++) {
      const text = this.lines[li];
      const at = this.indentOf(li);
      if (at === text.length) {
        if (indent !== -1 && at > indent) bail(); // a whitespace-only line longer than the indentation
        body.push('');
        continue;
      }
      if (indent === -1) {
        if (at <= parent) break; // empty scalar
        if (body.some((_, i) => this.lines[this.li + 1 + i].length > at)) bail(); // leading blank lines longer than the indentation
        indent = at;
      }
      if (at < indent) break;
      body.push(text.slice(indent));
    }
    if (indent === -1) bail(); // no content lines: leave the subtleties to the yaml package
    let last = body.length - 1;
    while (last >= 0 && body[last] === '') last--;
    const trailing = body.length - 1 - last;
    let value = style === '|' ? body.slice(0, last + 1).join('\n') : fold(body.slice(0, last + 1));
    if (chomping === '') value += '\n';
    else if (chomping === '+') value += '\n'.repeat(trailing + 1);
    this.nextContent(li);
    return value;
  }
}

/** Folding of a `>` scalar's lines: single line breaks become spaces, each blank line a newline. */
function fold(lines: string[]): string {
  let out = '';
  let blanks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      blanks++;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') bail(); // more-indented lines are not folded
    out += started ? (blanks > 0 ? '\n'.repeat(blanks) : ' ') : '\n'.repeat(blanks);
    out += line;
    blanks = 0;
    started = true;
  }
  return out;
}

/** A single-line plain scalar in block context starting at `col` of `line`, resolved. */
function plainBlockScalar(line: string, col: number): unknown {
  const c = line[col];
  if (NOT_PLAIN_START.has(c) || ((c === '-' || c === '?' || c === ':') && (col + 1 === line.length || line[col + 1] === ' '))) bail();
  let end = line.indexOf(' #', col);
  if (end === -1) end = line.length;
  while (end > col && line[end - 1] === ' ') end--;
  const raw = line.slice(col, end);
  if (raw.includes(': ') || raw.endsWith(':') || raw.includes('\t')) bail();
  return resolvePlainScalar(raw);
}

function isMarker(line: string, marker: '---' | '...'): boolean {
  return line.startsWith(marker) && (line.length === 3 || line[3] === ' ' || line[3] === '\t');
}

/** Whether `line` holds only spaces and perhaps a comment from `col` on. */
function restIsBlank(line: string, col: number): boolean {
  let i = col;
  while (i < line.length && line[i] === ' ') i++;
  return i === line.length || (line[i] === '#' && i > col);
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

/** A single-line quoted scalar starting at `col` (its quote); `end` is the column after the closing quote. */
function readQuoted(line: string, col: number): { value: string; end: number } {
  const quote = line[col];
  let value = '';
  let from = col + 1;
  for (;;) {
    const close = line.indexOf(quote, from);
    if (close === -1) bail(); // multi-line
    if (quote === "'") {
      if (line[close + 1] === "'") {
        value += line.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      return { value: value + line.slice(from, close), end: close + 1 };
    }
    const escape = line.indexOf('\\', from);
    if (escape === -1 || escape > close) return { value: value + line.slice(from, close), end: close + 1 };
    value += line.slice(from, escape);
    const e = line[escape + 1];
    if (e === 'x' || e === 'u') {
      const digits = e === 'x' ? 2 : 4;
      const hex = line.slice(escape + 2, escape + 2 + digits);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) bail();
      const code = parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) bail();
      value += String.fromCharCode(code);
      from = escape + 2 + digits;
    } else {
      const decoded = ESCAPES[e];
      if (decoded === undefined) bail();
      value += decoded;
      from = escape + 2;
    }
  }
}

/** Flow collections (`{…}`, `[…]`), which may span lines, JSON included. */
class FlowReader {
  /** `li`, `col`: where reading starts, and afterwards where it stopped. */
  constructor(private readonly lines: string[], public li: number, public col: number, private readonly blockIndent: number) {}

  public node(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new TooDeepError();
    const line = this.lines[this.li];
    const c = line[this.col];
    if (c === '{') return this.map(depth);
    if (c === '[') return this.seq(depth);
    if (c === '"' || c === "'") {
      const quoted = readQuoted(line, this.col);
      this.col = quoted.end;
      return quoted.value;
    }
    return resolvePlainScalar(this.plain());
  }

  private map(depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.col++;
    this.skip();
    if (this.peek() === '}') {
      this.col++;
      return map;
    }
    for (;;) {
      const line = this.lines[this.li];
      const c = line[this.col];
      let key: string;
      if (c === '"' || c === "'") {
        const quoted = readQuoted(line, this.col);
        key = quoted.value;
        this.col = quoted.end;
        this.skip();
        if (this.peek() !== ':') bail();
        this.col++;
      } else {
        key = this.plain();
        if (resolvePlainScalar(key) !== key) bail();
        if (this.peek() !== ':') bail(); // `{a, b}`: keys without values
        this.col++;
        const after = this.peek();
        if (after !== undefined && after !== ' ' && !FLOW_INDICATOR.has(after)) bail();
      }
      if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(map, key)) bail();
      this.skip();
      const next = this.peek();
      map[key] = next === ',' || next === '}' ? null : this.node(depth + 1);
      this.skip();
      const sep = this.peek();
      this.col++;
      if (sep === '}') return map;
      if (sep !== ',') bail();
      this.skip();
      if (this.peek() === '}') bail(); // a trailing comma
    }
  }

  private seq(depth: number): unknown[] {
    const items: unknown[] = [];
    this.col++;
    this.skip();
    if (this.peek() === ']') {
      this.col++;
      return items;
    }
    for (;;) {
      items.push(this.node(depth + 1));
      this.skip();
      const sep = this.peek();
      this.col++;
      if (sep === ']') return items;
      if (sep !== ',') bail(); // `[a: b]` (a pair) or garbage
      this.skip();
      if (this.peek() === ']') bail(); // a trailing comma
    }
  }

  /** A plain scalar inside a flow collection: on one line, without `: `, flow indicators or ` #`. */
  private plain(): string {
    const line = this.lines[this.li];
    const start = this.col;
    const c = line[start];
    if (c === undefined || NOT_PLAIN_START.has(c) || c === '-' || c === '?' || c === ':') {
      // `-1` and `-x` are fine plain scalars; `- `, `? `, `: ` and indicators are not
      if (!(c === '-' && start + 1 < line.length && line[start + 1] !== ' ' && !FLOW_INDICATOR.has(line[start + 1]))) bail();
    }
    let i = start;
    for (; i < line.length; i++) {
      const ch = line[i];
      if (FLOW_INDICATOR.has(ch) || ch === ':' || ch === '\t' || (ch === '#' && line[i - 1] === ' ')) break;
    }
    if (line[i] === '\t' || (line[i] === ':' && i + 1 < line.length && line[i + 1] !== ' ' && !FLOW_INDICATOR.has(line[i + 1]))) bail();
    let end = i;
    while (end > start && line[end - 1] === ' ') end--;
    if (end === start) bail();
    this.col = end;
    if (i === line.length || line[i] === '#') {
      // The scalar reached the end of its line: it must not continue on the next one.
      this.skip();
      const next = this.peek();
      if (next === undefined || !(FLOW_INDICATOR.has(next) || next === ':')) bail();
      // plain() callers read the position again; the scalar itself ended on its own line
    }
    return line.slice(start, end);
  }

  /** Skips spaces, comments and line breaks; continuation lines must be indented past the block. */
  private skip(): void {
    for (;;) {
      const line = this.lines[this.li];
      while (this.col < line.length && line[this.col] === ' ') this.col++;
      if (this.col < line.length) {
        const c = line[this.col];
        if (c === '\t') bail();
        if (c !== '#') return;
        if (this.col > 0 && line[this.col - 1] !== ' ') bail();
      }
      this.li++;
      if (this.li >= this.lines.length) bail(); // unterminated
      const next = this.lines[this.li];
      let i = 0;
      while (i < next.length && next[i] === ' ') i++;
      if (i < next.length && next[i] !== '#' && i <= this.blockIndent) bail();
      if (isMarker(next, '---') || isMarker(next, '...')) bail();
      this.col = i;
    }
  }

  private peek(): string | undefined {
    return this.lines[this.li][this.col];
  }
}
