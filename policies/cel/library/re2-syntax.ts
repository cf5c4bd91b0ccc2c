/**
 * Translates an RE2 pattern (Go's regexp, which Kubernetes uses) to a JavaScript RegExp with the
 * same meaning, or throws "unsupported" for a construct whose meaning would differ, so that a
 * rule using it is reported as not checked rather than judged wrongly.
 * Handled: leading `(?is)` flags, `(?P<name>`, `.` (which excludes only `\n` in RE2), `\s`
 * (ASCII whitespace in RE2), `\A`, `\z`, `\pL`, `\x{…}`, escaped punctuation.
 */
export function toJsRegExp(pattern: string, extraFlags = ''): RegExp {
  let flags = 'u' + extraFlags;
  let src = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(src);
  if (leading) {
    // (?m): JavaScript's ^ and $ also break lines at \r, RE2's only at \n.
    if (/[^is]/.test(leading[1])) throw unsupported(pattern, `flags (?${leading[1]})`);
    flags += [...new Set(leading[1])].join('');
    src = src.slice(leading[0].length);
  }
  const dotAll = flags.includes('s');
  // Case-insensitive \w and \b also match ſ and K (Kelvin) in JavaScript, not in RE2.
  if (flags.includes('i') && /\\[wWbB]/.test(src)) throw unsupported(pattern, '(?i) with \\w or \\b');
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) throw unsupported(pattern, 'a trailing backslash');
      i++;
      if (next === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (next === 'S' && !inClass) out += '[^\\t\\n\\f\\r ]';
      else if (next === 'A' && !inClass) out += '^';
      else if (next === 'z' && !inClass) out += '$';
      else if ((next === 'p' || next === 'P') && /[A-Z]/.test(src[i + 1] ?? '')) out += `\\${next}{${src[++i]}}`;
      else if (next === 'x' && src[i + 1] === '{') {
        const close = src.indexOf('}', i);
        if (close < 0) throw unsupported(pattern, 'an unterminated \\x{');
        out += `\\u{${src.slice(i + 2, close)}}`;
        i = close;
      } else if (next === '-') out += inClass ? '\\-' : '-';
      else if (/[dDwWbBtnrfvpP0x]/.test(next) || /[\\^$.*+?()[\]{}|/]/.test(next)) out += `\\${next}`;
      else if (/[!-~]/.test(next) && !/[A-Za-z0-9]/.test(next)) out += `\\u{${next.charCodeAt(0).toString(16)}}`;
      else throw unsupported(pattern, `\\${next}`);
    } else if (inClass) {
      if (c === '[' && src[i + 1] === ':') throw unsupported(pattern, 'POSIX character classes');
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += '\\' + src[++i]; // a leading ] is literal in RE2
    } else if (c === '(' && src[i + 1] === '?') {
      if (src.startsWith('(?P<', i)) {
        out += '(?<';
        i += 3;
      } else if (src.startsWith('(?:', i) || /^\(\?<[A-Za-z]/.test(src.slice(i))) {
        out += c;
      } else {
        throw unsupported(pattern, 'inline flags or lookaround');
      }
    } else if (c === '.' && !dotAll) {
      out += '[^\\n]';
    } else {
      out += c;
    }
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw unsupported(pattern, (e as Error).message);
  }
}

function unsupported(pattern: string, what: string): Error {
  return new Error(`unsupported: regular expression ${JSON.stringify(pattern)}: ${what}`);
}
