/** One YAML document's text, cut from a stream. */
export interface DocumentText {
  /** The document's lines, with its `---` (and leading comments or directives) and `...` markers. */
  readonly text: string;
  /** The line of the stream where `text` starts (1-based). */
  readonly line: number;
  /** Its position among the stream's documents (1-based), as the `yaml` package counts them. */
  readonly index: number;
}

/**
 * Cuts YAML text that arrives in pieces into documents, so that a file of any size is parsed
 * one document at a time and memory stays bounded by the largest document. A document ends
 * before a `---` line and after a `...` line (both at column 0, followed by a space or the line
 * end): YAML forbids these lines inside any scalar, so the cut never falls inside a value.
 * Leading comments and directives belong to the next document; a section with neither a
 * marker nor content is not a document, as in `yaml`'s parseAllDocuments.
 */
export class DocumentSplitter {
  /** Text from the start of the current document; lines before `scanned` have been looked at. */
  private pending = '';
  private scanned = 0;
  private startLine = 1;
  private count = 0;
  private hasMarker = false;
  private hasContent = false;

  /** Adds `piece` and returns the documents it completes. */
  public push(piece: string): DocumentText[] {
    this.pending += piece;
    const done: DocumentText[] = [];
    for (;;) {
      const eol = this.pending.indexOf('\n', this.scanned);
      if (eol === -1) return done;
      this.line(this.scanned, eol + 1, done);
    }
  }

  /** Ends the stream: the last document, if any. */
  public end(): DocumentText[] {
    const done: DocumentText[] = [];
    if (this.scanned < this.pending.length) this.line(this.scanned, this.pending.length, done);
    if (this.hasMarker || this.hasContent) this.cut(this.pending.length, done);
    this.pending = '';
    this.scanned = 0;
    return done;
  }

  /** Looks at the line from `start` to `next` (after its line break). */
  private line(start: number, next: number, done: DocumentText[]): void {
    const text = this.pending;
    const c = text.charCodeAt(start);
    if (c === 45 /* - */ && isMarker(text, start, '---')) {
      if (this.hasMarker || this.hasContent) {
        this.cut(start, done); // the marker line starts the next document, now at 0
        next -= start;
      }
      this.hasMarker = true;
    } else if (c === 46 /* . */ && isMarker(text, start, '...')) {
      this.hasMarker = true;
      this.cut(next, done); // the marker line ends this document
      return;
    } else if (!this.hasContent && !isBlankOrComment(text, start, next) && !(c === 37 /* % */ && !this.hasMarker)) {
      this.hasContent = true;
    }
    this.scanned = next;
  }

  /** Emits `pending` up to `end` (a line start) as a document. */
  private cut(end: number, done: DocumentText[]): void {
    done.push({ text: this.pending.slice(0, end), line: this.startLine, index: ++this.count });
    this.startLine += countLines(this.pending, end);
    this.pending = this.pending.slice(end);
    this.scanned = 0;
    this.hasMarker = false;
    this.hasContent = false;
  }
}

function isMarker(text: string, start: number, marker: string): boolean {
  if (!text.startsWith(marker, start)) return false;
  const after = text.charCodeAt(start + 3);
  return Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13;
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) return true;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** The number of line breaks in `text` before `end`. */
export function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The line where a document's content starts: after its leading comments, directives and `---` (the line of an empty document). */
export function contentLine(doc: DocumentText): number {
  let line = doc.line;
  for (let start = 0; start < doc.text.length; line++) {
    const end = doc.text.indexOf('\n', start);
    const text = doc.text.slice(start, end === -1 ? undefined : end);
    const rest = isMarker(text, 0, '---') ? text.slice(3) : text;
    if (!/^\s*(?:#.*)?$/.test(rest) && !text.startsWith('%')) return line;
    if (end === -1) break;
    start = end + 1;
  }
  return doc.line;
}
