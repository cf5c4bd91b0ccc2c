import { Manifest } from '../manifest';
import { Health, HealthModel, Message, MessagePart, Path, Predicate, Scalar } from './model';

/**
 * The TypeScript evaluator of the health model language (model.ts): the same semantics as the
 * Lua the compiler (lua.ts) emits, checked on every fixture in Argo CD's own runtime
 * (argocd-lua.test.ts). Reads plain objects and never throws, whatever their shape.
 */

type Json = unknown;

function get(obj: Json, path: Path): Json {
  let cur: Json = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, Json>)[key];
  }
  return cur === null ? undefined : cur;
}

const isScalar = (v: Json): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The last entry of the list at `in` whose `type` is `type` (see Predicate). */
function findCondition(obj: Json, type: string, at: Path = ['status', 'conditions']): Record<string, Json> | undefined {
  const list = get(obj, at);
  if (!Array.isArray(list)) return undefined;
  let found: Record<string, Json> | undefined;
  for (const c of list) if (c !== null && typeof c === 'object' && !Array.isArray(c) && (c as Record<string, Json>).type === type) found = c as Record<string, Json>;
  return found;
}

export function matches(obj: Json, pred: Predicate): boolean {
  if ('exists' in pred) return get(obj, pred.exists) !== undefined;
  if ('absent' in pred) return get(obj, pred.absent) === undefined;
  if ('all' in pred) return pred.all.every((q) => matches(obj, q));
  if ('any' in pred) return pred.any.some((q) => matches(obj, q));
  if ('not' in pred) return !matches(obj, pred.not);
  if ('condition' in pred) {
    const c = findCondition(obj, pred.condition, pred.in);
    if (!c) return false;
    if (pred.status !== undefined && c.status !== pred.status) return false;
    if (pred.reasonIn !== undefined && !(typeof c.reason === 'string' && pred.reasonIn.includes(c.reason))) return false;
    const message = c.message;
    return pred.messageStartsWith === undefined || (typeof message === 'string' && pred.messageStartsWith.some((prefix) => message.startsWith(prefix)));
  }
  const v = get(obj, pred.field);
  if ('equals' in pred) return v === pred.equals;
  if ('oneOf' in pred) return isScalar(v) && pred.oneOf.includes(v);
  if ('lessThan' in pred) {
    const than = typeof pred.lessThan === 'number' ? pred.lessThan : get(obj, pred.lessThan);
    if (pred.plus === undefined) return typeof v === 'number' && typeof than === 'number' && v < than;
    const plus = get(obj, pred.plus);
    return typeof v === 'number' && typeof plus === 'number' && typeof than === 'number' && v + plus < than;
  }
  if ('differsFrom' in pred) {
    const other = get(obj, pred.differsFrom);
    return isScalar(v) && isScalar(other) && v !== other;
  }
  return Array.isArray(v) && v.includes(pred.contains);
}

/** A value as message text: scalars as Lua's tostring writes them, anything else as ''. */
function text(v: Json): string {
  return isScalar(v) ? String(v) : '';
}

export function render(obj: Json, message: Message): string {
  return message.map((part: MessagePart) => {
    if (typeof part === 'string') return part;
    if ('field' in part) return text(get(obj, part.field));
    return text(findCondition(obj, part.type, part.in)?.[part.conditionField]);
  }).join('');
}

/** The model's outcome for `obj`, as Argo CD's Lua would give it (before Argo CD's deletion rule). */
export function evaluate(model: HealthModel, obj: Manifest): Health {
  for (const rule of model.rules) if (matches(obj, rule.when)) return { status: rule.status, message: render(obj, rule.message) };
  return { status: model.otherwise.status, message: render(obj, model.otherwise.message) };
}

/**
 * What Argo CD does after any health check (gitops-engine `pendingDeletionHealth`): an object
 * being deleted is Progressing, naming the finalizers that hold it.
 */
export function pendingDeletion(obj: Manifest): Health | undefined {
  if (get(obj, ['metadata', 'deletionTimestamp']) === undefined) return undefined;
  const finalizers = get(obj, ['metadata', 'finalizers']);
  const names = Array.isArray(finalizers) ? finalizers.filter((x): x is string => typeof x === 'string') : [];
  return { status: 'Progressing', message: names.length ? `Pending deletion; blocked by finalizers: ${names.join(', ')}` : 'Pending deletion' };
}
