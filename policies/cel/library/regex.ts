import { celEnv, CelFunc, celMethod, CelScalar, isCelError, listType } from '@bufbuild/cel';
import { toJsRegExp } from './re2-syntax';

/**
 * Kubernetes' regex library: `find` and `findAll`, with Go's semantics for successive matches
 * (an empty match right after a previous match is skipped). `matches` is CEL's own (RE2).
 */
export const REGEX_FUNCTIONS: CelFunc[] = [
  celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, pattern: string) {
    return findAll(this, pattern, 1)[0] ?? '';
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], listType(CelScalar.STRING), function (this: string, pattern: string) {
    return findAll(this, pattern, -1);
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], listType(CelScalar.STRING), function (this: string, pattern: string, limit: bigint) {
    return findAll(this, pattern, Number(limit));
  }),
];

const compiled = new Map<string, RegExp>();

function findAll(text: string, pattern: string, limit: number): string[] {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = toJsRegExp(pattern, 'g')));
  const out: string[] = [];
  let prevEnd = -1;
  for (let pos = 0; pos <= text.length && (limit < 0 || out.length < limit);) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      pos += pos < text.length ? String.fromCodePoint(text.codePointAt(pos)!).length : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m[0]);
  }
  return out;
}

/** CEL's own `matches` (RE2 in JavaScript), which compiles its pattern at every call. */
const re2Matches = celEnv().funcs.find('matches')!;
const matchers = new Map<string, { test(text: string): boolean }>();

/**
 * The engine of `matches`: each pattern compiled once, to a JavaScript RegExp when the
 * translation keeps its meaning (fast), else left to CEL's RE2, which is exact but slow.
 */
export const CACHED_RE2 = {
  compile(pattern: string): { test(text: string): boolean } {
    let matcher = matchers.get(pattern);
    if (!matcher) {
      try {
        const re = toJsRegExp(pattern);
        matcher = { test: (text) => re.test(text) };
      } catch {
        matcher = {
          test(text) {
            const result = re2Matches.call(0, text, [pattern]);
            if (typeof result === 'boolean') return result;
            throw isCelError(result) ? result : new Error(`cannot match ${JSON.stringify(pattern)}`);
          },
        };
      }
      matchers.set(pattern, matcher);
    }
    return matcher;
  },
};
