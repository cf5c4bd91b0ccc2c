/**
 * The REST resource name of a kind (`InferenceService` → `inferenceservices`), as RBAC rules
 * name it. Constructs cannot read schemas/, so this is the API machinery's own rule (lower case,
 * `y` → `ies`, `s`/`x`/`ch`/`sh` → `es`, else `s`) with the kinds that break it; a test checks it
 * against the plural of every kind in schemas/<preset>/index.json.
 * @internal
 */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  const exception = EXCEPTIONS[lower];
  if (exception) return exception;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** Kinds whose plural their API does not derive by the rule. */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  endpoints: 'endpoints',
};
