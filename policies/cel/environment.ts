import { CelEnv, celEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { LIST_FUNCTIONS } from './library/lists';
import { QUANTITY_FUNCTIONS } from './library/quantity';
import { CACHED_RE2, REGEX_FUNCTIONS } from './library/regex';
import { SET_FUNCTIONS } from './library/sets';
import { URL_FUNCTIONS } from './library/urls';

/**
 * The CEL environment of CRD validation rules: CEL's standard definitions and strings
 * extension (both from @bufbuild/cel), plus the Kubernetes libraries we implement. A function
 * missing here makes its rule "not checked", never silently passed.
 */
export const KUBERNETES_ENV: CelEnv = celEnv({
  funcs: [...strings, ...LIST_FUNCTIONS, ...SET_FUNCTIONS, ...REGEX_FUNCTIONS, ...URL_FUNCTIONS, ...QUANTITY_FUNCTIONS],
  re2: CACHED_RE2,
});

/** Calls the evaluator resolves itself rather than through its function table (operators, macros' helpers). */
const BUILT_IN_CALLS = new Set(['_&&_', '_||_', '_?_:_', '_[_]', '_[?_]', '_?._', '@not_strictly_false', '__not_strictly_false__']);

/** Whether a call named `name` (or `qualifier.name`, e.g. `sets.contains`) can be evaluated. */
export function isKnownFunction(name: string, qualifier?: string): boolean {
  if (BUILT_IN_CALLS.has(name)) return true;
  if (qualifier !== undefined && KUBERNETES_ENV.funcs.find(`${qualifier}.${name}`)) return true;
  return KUBERNETES_ENV.funcs.find(name) !== undefined;
}
