/**
 * What the compiler needs from @bufbuild/cel's parsed AST (cel.expr.Expr): the variables and
 * functions a rule uses, and the rewrite of Kubernetes' escaped field names.
 */
export interface Expr {
  readonly exprKind: { readonly case?: string; readonly value?: unknown };
}

/** Every node of the tree, parents first. */
export function* walk(node: Expr | undefined): Generator<Expr> {
  if (!node) return;
  yield node;
  const v = node.exprKind.value as Record<string, any>;
  switch (node.exprKind.case) {
    case 'selectExpr':
      yield* walk(v.operand);
      break;
    case 'callExpr':
      yield* walk(v.target);
      for (const a of v.args as Expr[]) yield* walk(a);
      break;
    case 'listExpr':
      for (const e of v.elements as Expr[]) yield* walk(e);
      break;
    case 'structExpr':
      for (const e of v.entries as Array<{ mapKey?: Expr; value?: Expr }>) {
        yield* walk(e.mapKey);
        yield* walk(e.value);
      }
      break;
    case 'comprehensionExpr':
      for (const k of ['iterRange', 'accuInit', 'loopCondition', 'loopStep', 'result']) yield* walk(v[k]);
      break;
  }
}

/** A call: its function, and the `a.b` it is called on when that is a chain of names (`sets`, `self.x`). */
export function callOf(node: Expr): { fn: string; qualifier?: string } | undefined {
  if (node.exprKind.case !== 'callExpr') return undefined;
  const v = node.exprKind.value as Record<string, any>;
  return { fn: v.function, qualifier: v.target ? qualifiedName(v.target) : undefined };
}

export function isIdent(node: Expr, name: string): boolean {
  return node.exprKind.case === 'identExpr' && (node.exprKind.value as { name: string }).name === name;
}

function qualifiedName(node: Expr): string | undefined {
  const v = node.exprKind.value as Record<string, any>;
  if (node.exprKind.case === 'identExpr') return v.name;
  if (node.exprKind.case === 'selectExpr' && !v.testOnly) {
    const left = qualifiedName(v.operand);
    return left === undefined ? undefined : `${left}.${v.field}`;
  }
  return undefined;
}

/** CEL's reserved words, which Kubernetes escapes as `__word__` when they name a field. */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);
const ESCAPES: Record<string, string> = { underscores: '__', dot: '.', dash: '-', slash: '/' };

/**
 * Rules name fields as Kubernetes escapes them (`self.__namespace__`, `self.x__dash__y` for
 * `x-y`); the values we bind hold the real names, so selections are rewritten to those. (Since
 * Kubernetes 1.31 a reserved word may also be written as is, `self.namespace`: no rewrite needed.)
 */
export function unescapeFieldNames(root: Expr): void {
  for (const node of walk(root)) {
    if (node.exprKind.case !== 'selectExpr') continue;
    const v = node.exprKind.value as { field: string };
    if (!v.field.includes('__')) continue;
    const keyword = /^__([a-z]+)__$/.exec(v.field);
    v.field = keyword && RESERVED.has(keyword[1]) ? keyword[1] : v.field.replace(/__(underscores|dot|dash|slash)__/g, (_, w: string) => ESCAPES[w]);
  }
}
