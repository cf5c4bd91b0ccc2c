import { CelInput, CelResult, parse, plan } from '@bufbuild/cel';
import { callOf, isIdent, unescapeFieldNames, walk } from './ast';
import { isKnownFunction, KUBERNETES_ENV } from './environment';

/** A compiled CEL expression, or why it cannot be evaluated here. */
export type Program =
  | { readonly ok: true; readonly usesOldSelf: boolean; readonly run: (bindings: Record<string, CelInput>) => CelResult }
  | { readonly ok: false; readonly usesOldSelf: boolean; readonly why: string };

/** Compiled once per process and expression text: the same rule appears in many kinds and places. */
const cache = new Map<string, Program>();
let compilations = 0;

export function compile(expression: string): Program {
  let program = cache.get(expression);
  if (!program) {
    compilations++;
    cache.set(expression, (program = compileUncached(expression)));
  }
  return program;
}

/** How many expressions have been compiled in this process (for tests of the cache). */
export function compilationCount(): number {
  return compilations;
}

function compileUncached(expression: string): Program {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (e) {
    // The API server accepted the rule, so a parse failure is ours (e.g. the `.?` optional syntax).
    return { ok: false, usesOldSelf: /\boldSelf\b/.test(expression), why: `cannot compile: ${(e as Error).message}` };
  }
  const nodes = [...walk(parsed.expr)];
  const usesOldSelf = nodes.some((n) => isIdent(n, 'oldSelf'));
  const unknown = new Set<string>();
  for (const node of nodes) {
    const call = callOf(node);
    if (call && !isKnownFunction(call.fn, call.qualifier)) unknown.add(namespaced(call.qualifier) ? `${call.qualifier}.${call.fn}` : call.fn);
  }
  if (unknown.size > 0) return { ok: false, usesOldSelf, why: `unsupported function${unknown.size > 1 ? 's' : ''}: ${[...unknown].join(', ')}` };
  unescapeFieldNames(parsed.expr);
  const evaluate = plan(KUBERNETES_ENV, parsed);
  return { ok: true, usesOldSelf, run: (bindings) => evaluate(bindings) };
}

/** `cel.bind`, `optional.of`: a call on a bare name other than the rule's variables is namespaced. */
function namespaced(qualifier: string | undefined): boolean {
  return qualifier !== undefined && /^[A-Za-z_]\w*$/.test(qualifier) && qualifier !== 'self' && qualifier !== 'oldSelf';
}
