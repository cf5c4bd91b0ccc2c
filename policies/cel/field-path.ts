/**
 * The steps of a rule's `fieldPath` (`.spec.ports`, `.labels['app.kubernetes.io/name']`,
 * `.items[0]`), relative to the node the rule sits on; undefined when it is malformed.
 */
export function fieldPathSteps(fieldPath: string): string[] | undefined {
  const steps: string[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[(\d+)\]/y;
  let at = 0;
  while (at < fieldPath.length) {
    re.lastIndex = at;
    const m = re.exec(fieldPath);
    if (!m) return undefined;
    steps.push(m[1] ?? unescape(m[2] ?? m[3]) ?? m[4]);
    at = re.lastIndex;
  }
  return steps;
}

function unescape(quoted: string | undefined): string | undefined {
  return quoted?.replace(/\\(.)/g, '$1');
}
