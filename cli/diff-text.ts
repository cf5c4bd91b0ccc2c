// `diff` for a terminal: one block per object, field changes below it, immutable changes with
// what to do, then the policy findings; coloured only on a terminal without NO_COLOR.
import { createColors } from 'picocolors';
import { Finding, formatFinding } from '../manifest';
import { unevaluatedText } from './diff-argocd';
import { FieldChange, ObjectDiff } from './diff-model';
import { DiffReport, formatFieldPath, ignoreReason, summaryLine, titleOf, valueText } from './diff-report';

type Colors = ReturnType<typeof createColors>;

/** Colour when stdout is a terminal and NO_COLOR is not set (https://no-color.org); FORCE_COLOR forces it. */
export function useColor(stream: NodeJS.WritableStream = process.stdout, env = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return (stream as { isTTY?: boolean }).isTTY === true;
}

const MARK = { added: '+', removed: '-', changed: '~', renamed: '→' } as const;

export function diffText(report: DiffReport, color: boolean): string {
  const c = createColors(color);
  const tint = { added: c.green, removed: c.red, changed: c.yellow, renamed: c.cyan } as const;
  const lines: string[] = [c.bold(`diff ${report.base.label} → ${report.head.label}`)];
  for (const o of report.diff.objects) {
    lines.push('', tint[o.status](`${MARK[o.status]} ${o.status.padEnd(8)}${c.bold(titleOf(o))}`) + c.dim(`  ${fileText(o)}`));
    for (const change of o.changes) lines.push(`    ${changeText(change, c)}`);
    lines.push(...argoCdText(o, c));
    lines.push(...immutableText(o, c));
    for (const hit of o.cautions) lines.push(c.yellow(`  note (${hit.caution.effect}): ${formatFieldPath(hit.caution.path)}: ${hit.caution.message}`));
    if (o.onDelete) lines.push(c.red(`  ${o.status === 'renamed' ? 'the old object is pruned' : 'pruning it'}: ${o.onDelete}`));
  }
  lines.push(...policyText(report.policies.new, 'new', c), ...policyText(report.policies.fixed, 'fixed', c));
  lines.push('', summaryLine(report));
  return lines.join('\n') + '\n';
}

function fileText(o: ObjectDiff): string {
  if (o.oldFile && o.oldFile !== o.file) return `(${o.oldFile} → ${o.file})`;
  return o.file ? `(${o.file})` : '';
}

function changeText(change: FieldChange, c: Colors): string {
  const path = formatFieldPath(change.path);
  if (change.op === 'add') return c.green(`+ ${path}: ${valueText(change.new)}`);
  if (change.op === 'remove') return c.red(`- ${path}: ${valueText(change.old)}`);
  return `${c.yellow('~')} ${path}: ${c.red(valueText(change.old))} → ${c.green(valueText(change.new))}`;
}

/** What Argo CD makes of the changes: ignored (never applied), hidden from its diff only, or maybe ignored (not evaluated). */
function argoCdText(o: ObjectDiff, c: Colors): string[] {
  const a = o.argocd;
  if (!a) return [];
  const lines: string[] = [];
  if (a.ignored.length > 0) {
    const paths = a.ignored.map((x) => formatFieldPath(x.path)).join(', ');
    if (a.respected) {
      const which = a.ignored.length === o.changes.length ? '' : `${paths}: `;
      lines.push(c.cyan(`  = ignored by Argo CD (${ignoreReason(o)}): ${which}the cluster keeps the old ${a.ignored.length === 1 ? 'value' : 'values'}; to apply the change, ${a.remedy}`));
    } else {
      lines.push(c.yellow(`  note: Argo CD's diff hides ${paths} (${ignoreReason(o)}): the application stays Synced, but its next sync applies the change as it is`));
    }
  }
  if (a.unevaluated.length > 0) lines.push(c.yellow(`  note: Argo CD may ignore this change (Application ${a.application}): ${a.unevaluated.map((u) => unevaluatedText(u)).join('; ')} not evaluated`));
  return lines;
}

function immutableText(o: ObjectDiff, c: Colors): string[] {
  return o.immutable.flatMap((v) => {
    const paths = v.changes.map((x) => formatFieldPath(x.path)).join(', ');
    if (o.recreated) return [c.dim(`  immutable ${paths}: Argo CD re-creates the object (its sync options say so): ${v.field.message}`)];
    return [
      c.red(c.bold(`  ! immutable: ${paths}: ${v.field.message} (${v.field.enforcedBy}); the sync fails`)),
      ...(v.field.unless ? [c.dim(`      unless ${v.field.unless}`)] : []),
      ...v.remedies.map((r, i) => `      ${i === 0 ? 'fix:' : 'or: '} ${r.text}`),
    ];
  });
}

function policyText(findings: readonly Finding[], which: 'new' | 'fixed', c: Colors): string[] {
  if (findings.length === 0) return [];
  const title = which === 'new' ? `policy findings new in this change (${findings.length}):` : `policy findings fixed by this change (${findings.length}):`;
  return ['', c.bold(title), ...findings.map((f) => {
    const text = formatFinding(f).split('\n').map((l) => `  ${l}`).join('\n');
    return which === 'new' ? (f.severity === 'error' ? c.red(text) : c.yellow(text)) : c.green(text);
  })];
}
