import { celError, CelInput, CelResult, isCelError } from '@bufbuild/cel';
import { childPointer, pointerToPath } from '../json-path';
import type { CelResult as Result, CelViolation } from './cel-validator';
import { plainToCel, scalarToCel } from './cel-value';
import { fieldPathSteps } from './field-path';
import { compile } from './program';
import { SchemaNode, ValidationRule } from './schema-tree';

/**
 * One object's walk: converts the parts of the object that rules can see into CEL values
 * (once, bottom-up) and runs the rules of every schema node present in it.
 */
export class Evaluation implements Result {
  public readonly violations: CelViolation[] = [];
  public readonly unchecked: Result['unchecked'] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly data: unknown) {}

  /**
   * Runs the rules at and below `node` on `value` (at JSON pointer `pointer`). Returns the
   * value as CEL sees it when an enclosing rule needs it (`needed`) or this node has rules.
   */
  public visit(node: SchemaNode, value: unknown, pointer: string, needed: boolean, resource = false): CelInput | undefined {
    const here = node.rules.length > 0;
    const keep = needed || here;
    let self: CelInput | undefined;
    if (Array.isArray(value)) {
      const items = node.items;
      const out: CelInput[] = [];
      value.forEach((v, i) => {
        const walk = items !== undefined && v !== null && (keep || items.watched);
        const item = walk ? this.visit(items, v, childPointer(pointer, String(i)), keep) : keep ? plainToCel(v) : undefined;
        if (keep) out.push(item!);
      });
      self = keep ? out : undefined;
    } else if (isObject(value)) {
      self = this.visitObject(node, withDefaults(node, value), pointer, keep, resource || node.embeddedResource);
    } else if (keep) {
      self = scalarToCel(node, value);
    }
    if (here) this.check(node.rules, self!, pointer);
    return self;
  }

  private visitObject(node: SchemaNode, value: Record<string, unknown>, pointer: string, keep: boolean, resource: boolean): CelInput | undefined {
    const out = keep ? new Map<string, CelInput>() : undefined;
    for (const [key, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      const child = node.properties.get(key) ?? node.additionalProperties;
      if (resource && (key === 'apiVersion' || key === 'kind' || (key === 'metadata' && !child?.properties.size))) {
        // As the API server types a resource (WithTypeAndObjectMeta): of metadata, rules see only the names.
        if (out) out.set(key, key === 'metadata' ? objectMetaNames(v) : plainToCel(v));
        continue;
      }
      if (child && (keep || child.watched)) {
        const c = this.visit(child, v, childPointer(pointer, key), keep);
        out?.set(key, c!);
      } else if (!child && out && node.preserveUnknown) {
        out.set(key, plainToCel(v)); // other unknown fields are pruned by the API server
      }
    }
    return out;
  }

  private check(rules: readonly ValidationRule[], self: CelInput, pointer: string): void {
    for (const rule of rules) {
      const program = compile(rule.rule);
      if (program.usesOldSelf) {
        // A transition rule needs the old object, so it applies only on update; with
        // optionalOldSelf it also runs on create, with oldSelf unset (optional types, which we lack).
        if (rule.optionalOldSelf) this.notChecked(rule, 'optionalOldSelf rules run on create with an unset oldSelf; optional values are not supported here', pointer);
        continue;
      }
      if (!program.ok) {
        this.notChecked(rule, program.why, pointer);
        continue;
      }
      const result = safeRun(program.run, self);
      if (result === true) continue;
      if (result === false) {
        this.violations.push({ path: this.pathOf(pointer, rule.fieldPath), message: messageOf(rule, self), rule: rule.rule, ...(rule.reason ? { reason: rule.reason } : {}) });
      } else if (isCelError(result) && isEvaluationError(result.message)) {
        // As the API server does: a rule that cannot be evaluated on this object rejects it.
        const error = result.message.replace(/^field not found:/, 'no such key:');
        this.violations.push({ path: this.pathOf(pointer), message: `${error} evaluating rule: ${ruleText(rule)}`, rule: rule.rule, evaluationError: error });
      } else {
        this.notChecked(rule, isCelError(result) ? `cannot evaluate: ${result.message}` : 'the rule did not evaluate to a bool', pointer);
      }
    }
  }

  private notChecked(rule: ValidationRule, why: string, pointer: string): void {
    if (this.reported.has(rule.rule)) return;
    this.reported.add(rule.rule);
    this.unchecked.push({ rule: rule.rule, why, path: this.pathOf(pointer) });
  }

  private pathOf(pointer: string, fieldPath?: string): string {
    const steps = fieldPath ? fieldPathSteps(fieldPath) : undefined;
    return pointerToPath(steps ? steps.reduce(childPointer, pointer) : pointer, this.data);
  }
}

/** Longest evaluated messageExpression the API server reports (celconfig.MaxEvaluatedMessageExpressionSizeBytes). */
const MAX_MESSAGE_BYTES = 5 * 1024;

/** The evaluated messageExpression, trimmed, when it gives one line of text; else the message; else the rule. */
function messageOf(rule: ValidationRule, self: CelInput): string {
  if (rule.messageExpression) {
    const program = compile(rule.messageExpression);
    const text = program.ok ? safeRun(program.run, self) : undefined;
    const trimmed = typeof text === 'string' ? text.trim() : '';
    if (trimmed !== '' && !trimmed.includes('\n') && Buffer.byteLength(trimmed) <= MAX_MESSAGE_BYTES) return trimmed;
  }
  return rule.message ? rule.message.trim() : `failed rule: ${rule.rule.trim()}`;
}

/** The evaluator reports errors as values; a throw (a bug of ours or of the library) becomes one too. */
function safeRun(run: (bindings: Record<string, CelInput>) => CelResult, self: CelInput): CelResult {
  try {
    return run({ self });
  } catch (e) {
    return celError(`unsupported: the evaluator failed: ${(e as Error).message}`);
  }
}

function ruleText(rule: ValidationRule): string {
  return rule.message ? rule.message.trim() : rule.rule.trim();
}

/**
 * Errors that the object causes (a missing key, an index out of range, overflow, division by
 * zero, a bad regular expression), as opposed to gaps of this evaluator (a function or overload
 * it lacks), which leave the rule not checked.
 */
function isEvaluationError(message: string): boolean {
  return !/^(unbound function|found no matching overload|no such overload|unsupported|unresolved attribute)/.test(message);
}

/** Absent fields get their schema defaults first, as the API server defaults before it validates. */
function withDefaults(node: SchemaNode, value: Record<string, unknown>): Record<string, unknown> {
  let out = value;
  for (const [key, dflt] of node.defaults) {
    if (value[key] !== undefined && value[key] !== null) continue;
    if (out === value) out = { ...value };
    out[key] = structuredClone(dflt);
  }
  return out;
}

function objectMetaNames(metadata: unknown): CelInput {
  const out = new Map<string, CelInput>();
  if (isObject(metadata)) {
    for (const key of ['name', 'generateName']) if (typeof metadata[key] === 'string') out.set(key, metadata[key]);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
