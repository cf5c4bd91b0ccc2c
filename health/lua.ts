import { HealthModel, Message, Path, Predicate, Scalar } from './model';

/**
 * The compiler of the health model language (model.ts) into an Argo CD health script: Lua that
 * reads the global `obj` and returns `{status, message}`. Argo CD runs argocd-cm scripts with
 * Lua's standard libraries off (util/lua: only base, table, package and a safe os), so the
 * script uses nothing from `string`; every field is reached through `get`, which stops at the
 * first missing or non-table step, so no object can make the script fail.
 */

/** The few functions every script starts with; the semantics of evaluate.ts, line for line. */
const PRELUDE = `local function get(o, path)
  local cur = o
  for _, k in ipairs(path) do
    if type(cur) ~= "table" then return nil end
    cur = cur[k]
  end
  return cur
end
local function cond(o, path, t)
  local list = get(o, path)
  if type(list) ~= "table" then return nil end
  local found = nil
  for _, c in ipairs(list) do
    if type(c) == "table" and c.type == t then found = c end
  end
  return found
end
local function scalar(v)
  local t = type(v)
  return t == "string" or t == "number" or t == "boolean"
end
local function text(v)
  if scalar(v) then return tostring(v) end
  return ""
end
local function has(list, s)
  if type(list) ~= "table" then return false end
  for _, x in ipairs(list) do
    if x == s then return true end
  end
  return false
end`;

/**
 * Whether the string `s` starts with one of `prefixes`, for `messageStartsWith`, without the
 * string library: Lua compares strings byte by byte, so `s` starts with `p` exactly when
 * `p <= s < p .. "\255"` (UTF-8 text never holds the byte 255). Only in the scripts that use it.
 */
const STARTS = `local function starts(s, prefixes)
  if type(s) ~= "string" then return false end
  for _, p in ipairs(prefixes) do
    if s >= p and s < p .. "\\255" then return true end
  end
  return false
end`;

/** A Lua string literal; bytes outside printable ASCII as decimal escapes. */
export function luaString(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (byte >= 0x20 && byte < 0x7f) out += ch;
    else out += `\\${byte}`;
  }
  return `${out}"`;
}

const scalarLiteral = (v: Scalar): string => (typeof v === 'string' ? luaString(v) : String(v));
const pathLiteral = (path: Path): string => `{${path.map(luaString).join(', ')}}`;
const getExpr = (path: Path): string => `get(obj, ${pathLiteral(path)})`;
const CONDITIONS: Path = ['status', 'conditions'];

function predicate(pred: Predicate): string {
  if ('exists' in pred) return `${getExpr(pred.exists)} ~= nil`;
  if ('absent' in pred) return `${getExpr(pred.absent)} == nil`;
  if ('all' in pred) return pred.all.length ? `(${pred.all.map(predicate).join(' and ')})` : 'true';
  if ('any' in pred) return pred.any.length ? `(${pred.any.map(predicate).join(' or ')})` : 'false';
  if ('not' in pred) return `not (${predicate(pred.not)})`;
  if ('condition' in pred) {
    const c = `cond(obj, ${pathLiteral(pred.in ?? CONDITIONS)}, ${luaString(pred.condition)})`;
    const tests = [`${c} ~= nil`];
    if (pred.status !== undefined) tests.push(`${c}.status == ${luaString(pred.status)}`);
    if (pred.reasonIn !== undefined) tests.push(`(${pred.reasonIn.map((r) => `${c}.reason == ${luaString(r)}`).join(' or ') || 'false'})`);
    if (pred.messageStartsWith !== undefined) tests.push(`starts(${c}.message, {${pred.messageStartsWith.map(luaString).join(', ')}})`);
    return `(${tests.join(' and ')})`;
  }
  const v = getExpr(pred.field);
  if ('equals' in pred) return `${v} == ${scalarLiteral(pred.equals)}`;
  if ('oneOf' in pred) return `(scalar(${v}) and (${pred.oneOf.map((x) => `${v} == ${scalarLiteral(x)}`).join(' or ') || 'false'}))`;
  if ('lessThan' in pred) {
    const than = typeof pred.lessThan === 'number' ? String(pred.lessThan) : getExpr(pred.lessThan);
    if (pred.plus === undefined) return `(type(${v}) == "number" and type(${than}) == "number" and ${v} < ${than})`;
    const plus = getExpr(pred.plus);
    return `(type(${v}) == "number" and type(${plus}) == "number" and type(${than}) == "number" and ${v} + ${plus} < ${than})`;
  }
  if ('differsFrom' in pred) {
    const other = getExpr(pred.differsFrom);
    return `(scalar(${v}) and scalar(${other}) and ${v} ~= ${other})`;
  }
  return `has(${v}, ${luaString(pred.contains)})`;
}

function message(msg: Message): string {
  if (msg.length === 0) return '""';
  return msg.map((part) => {
    if (typeof part === 'string') return luaString(part);
    if ('field' in part) return `text(${getExpr(part.field)})`;
    const c = `cond(obj, ${pathLiteral(part.in ?? CONDITIONS)}, ${luaString(part.type)})`;
    return `text(${c} and ${c}.${part.conditionField})`;
  }).join(' .. ');
}

/** The Argo CD health script of `model`. */
export function compileLua(model: HealthModel): string {
  const id = model.group ? `${model.group}/${model.kind}` : model.kind;
  const usesStarts = JSON.stringify([model.rules, model.otherwise]).includes('"messageStartsWith"');
  const lines = [`-- Health of ${id}: generated by cdk8s-kubeflow from health/${model.group || 'core'}/${model.kind}/model.ts; do not edit.`, PRELUDE, ...(usesStarts ? [STARTS] : []), 'local hs = {}'];
  for (const rule of model.rules) {
    lines.push(`if ${predicate(rule.when)} then`, `  hs.status = ${luaString(rule.status)}`, `  hs.message = ${message(rule.message)}`, '  return hs', 'end');
  }
  lines.push(`hs.status = ${luaString(model.otherwise.status)}`, `hs.message = ${message(model.otherwise.message)}`, 'return hs');
  return `${lines.join('\n')}\n`;
}
