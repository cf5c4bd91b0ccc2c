// `diff` as a pull-request comment: a summary table, the changes the sync would fail on and the
// policy findings, then one collapsible section per object; cut to GitHub's comment limit with
// a note of what was left out.
import { Finding } from '../manifest';
import { unevaluatedText } from './diff-argocd';
import { ObjectDiff } from './diff-model';
import { count, countsOf, DiffReport, formatFieldPath, ignoredByArgoCd, ignoreReason, nameOf, titleOf, valueText } from './diff-report';

/** GitHub refuses comments longer than this (characters). */
export const MARKDOWN_LIMIT = 65_536;

/** The first line of the comment: a workflow finds its earlier comment by it and updates it in place. */
export const COMMENT_MARKER = '<!-- cdk8s-kubeflow diff -->';

/** Lines of field changes shown per object; the JSON output has them all. */
const CHANGES_PER_OBJECT = 200;
/** Findings listed per list (new, fixed). */
const FINDINGS_LISTED = 50;

const MARK = { added: '➕', removed: '➖', changed: '✏️', renamed: '🔀' } as const;

export function diffMarkdown(report: DiffReport, limit = MARKDOWN_LIMIT): string {
  const c = countsOf(report.diff);
  const head: string[] = [
    COMMENT_MARKER,
    `### cdk8s-kubeflow diff`,
    '',
    `${code(report.base.label)} → ${code(report.head.label)}`,
    '',
    '| | objects |',
    '| --- | ---: |',
    `| ${MARK.added} added | ${c.added} |`,
    `| ${MARK.removed} removed | ${c.removed} |`,
    `| ${MARK.changed} changed | ${c.changed} |`,
    `| ${MARK.renamed} renamed | ${c.renamed} |`,
    `| unchanged | ${c.unchanged} |`,
    `| ⛔ immutable-field changes | ${c.immutable} |`,
    `| ignored by Argo CD | ${c.ignored} |`,
    `| policy findings | ${report.policies.new.length} new, ${report.policies.fixed.length} fixed |`,
    '',
  ];
  const refused = report.diff.objects.filter((o) => o.immutable.length > 0 && !o.recreated);
  if (refused.length > 0) {
    head.push('> [!CAUTION]', `> **The sync fails on ${count(refused.length, 'object')}**: ${refused.length === 1 ? 'it changes' : 'they change'} fields the cluster refuses to change in place.`, '>');
    for (const o of refused) {
      for (const v of o.immutable) {
        head.push(`> - ${code(nameOf(o.id))}${o.file ? ` (${code(o.file)})` : ''} ${v.changes.map((x) => code(formatFieldPath(x.path))).join(', ')}: ${html(v.field.message)}. **Fix:** ${html(v.remedies[0]?.text ?? 'revert the change')}${v.remedies.length > 1 ? `; or ${html(v.remedies.slice(1).map((r) => r.text).join('; or '))}` : ''}`);
      }
    }
    head.push('');
  }
  const ignored = report.diff.objects.filter(ignoredByArgoCd);
  if (ignored.length > 0) {
    head.push('> [!NOTE]', `> **Argo CD ignores changes to ${count(ignored.length, 'object')}**: the Application's \`ignoreDifferences\` with \`RespectIgnoreDifferences=true\` leave them out of syncs, so the cluster keeps the old values.`, '>');
    for (const o of ignored) {
      head.push(`> - ${code(nameOf(o.id))}${o.file ? ` (${code(o.file)})` : ''} ${o.argocd!.ignored.map((x) => code(formatFieldPath(x.path))).join(', ')} (Application ${code(o.argocd!.application)}). **To apply:** ${html(o.argocd!.remedy)}`);
    }
    head.push('');
  }
  head.push(...findingList('New policy findings', report.policies.new), ...findingList('Fixed policy findings', report.policies.fixed));
  if (report.diff.objects.length === 0) head.push('No differences.');

  let text = head.join('\n') + '\n';
  const cutNote = (left: number) => `\n> [!NOTE]\n> ${count(left, 'more object')} not shown: the comment is capped at ${limit.toLocaleString('en-US')} characters. Run \`npx cdk8s-kubeflow diff\` (or \`--output json\`) for the whole diff.\n`;
  if (text.length > limit) return text.slice(0, limit - 200) + '\n\n…(cut)\n' + cutNote(report.diff.objects.length);
  const objects = report.diff.objects;
  for (let i = 0; i < objects.length; i++) {
    const block = details(objects[i]);
    // Room for the note that says what was cut, should anything after this one not fit.
    if (text.length + block.length + cutNote(objects.length).length > limit) return text + cutNote(objects.length - i);
    text += block;
  }
  return text;
}

function details(o: ObjectDiff): string {
  const ignoredCount = o.argocd?.respected ? o.argocd.ignored.length : 0;
  const ignoredText = ignoredCount === 0 ? '' : ignoredCount === o.changes.length ? ' (ignored by Argo CD)' : ` (${ignoredCount} ignored by Argo CD)`;
  const what = o.status === 'changed' || o.status === 'renamed' ? ` — ${count(o.changes.length, 'field')}${ignoredText}` : '';
  const flag = o.immutable.length > 0 && !o.recreated ? ' ⛔' : '';
  const lines = [`<details><summary>${MARK[o.status]} ${o.status} <code>${html(titleOf(o))}</code>${what}${flag}</summary>`, ''];
  if (o.file) lines.push(`File: ${code(o.oldFile && o.oldFile !== o.file ? `${o.oldFile} → ${o.file}` : o.file)}`, '');
  if (o.changes.length > 0) {
    lines.push('```diff');
    for (const change of o.changes.slice(0, CHANGES_PER_OBJECT)) {
      const path = formatFieldPath(change.path);
      if (change.op !== 'add') lines.push(fence(`- ${path}: ${valueText(change.old, 300)}`));
      if (change.op !== 'remove') lines.push(fence(`+ ${path}: ${valueText(change.new, 300)}`));
    }
    if (o.changes.length > CHANGES_PER_OBJECT) lines.push(`# … ${o.changes.length - CHANGES_PER_OBJECT} more (see --output json)`);
    lines.push('```', '');
  }
  lines.push(...argoCdLines(o));
  for (const v of o.immutable) {
    const paths = v.changes.map((x) => code(formatFieldPath(x.path))).join(', ');
    if (o.recreated) {
      lines.push(`- ${paths}: immutable, and Argo CD re-creates the object (its sync options say so).`);
      continue;
    }
    lines.push(`- ⛔ ${paths}: ${html(v.field.message)} (${v.field.enforcedBy}, [source](${v.field.source}))${v.field.unless ? `, unless ${html(v.field.unless)}` : ''}.`);
    for (const r of v.remedies) lines.push(`  - ${r.kind === 'recreate' ? 'or ' : ''}${html(r.text)}`);
  }
  for (const hit of o.cautions) lines.push(`- ⚠️ ${code(formatFieldPath(hit.caution.path))} (${hit.caution.effect}): ${html(hit.caution.message)}.`);
  if (o.onDelete) lines.push(`- ⚠️ ${o.status === 'renamed' ? 'The old object is pruned' : 'Pruning it'}: ${html(o.onDelete)}.`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}

function argoCdLines(o: ObjectDiff): string[] {
  const a = o.argocd;
  if (!a) return [];
  const lines: string[] = [];
  const paths = a.ignored.map((x) => code(formatFieldPath(x.path))).join(', ');
  if (a.ignored.length > 0 && a.respected) {
    lines.push(`- ⏸️ ${paths}: ignored by Argo CD (${html(ignoreReason(o))}): the cluster keeps the old ${a.ignored.length === 1 ? 'value' : 'values'}; to apply the change, ${html(a.remedy)}.`);
  } else if (a.ignored.length > 0) {
    lines.push(`- ⚠️ ${paths}: hidden from Argo CD's diff (${html(ignoreReason(o))}): the application stays Synced, but its next sync applies the change as it is.`);
  }
  if (a.unevaluated.length > 0) lines.push(`- ❔ Argo CD may ignore this change (Application ${code(a.application)}): ${a.unevaluated.map((u) => unevaluatedText(u, code)).join('; ')} not evaluated.`);
  return lines;
}

function findingList(title: string, findings: readonly Finding[]): string[] {
  if (findings.length === 0) return [];
  const items = findings.slice(0, FINDINGS_LISTED).map((f) =>
    `- **${f.severity}** ${code(f.rule)} ${code(f.resource)} ${code(f.path)}: ${html(f.message)}${f.fix ? ` — fix: ${html(f.fix)}` : ''}`);
  const more = findings.length > FINDINGS_LISTED ? [`- … and ${findings.length - FINDINGS_LISTED} more (see --output json)`] : [];
  return [`**${title}** (${findings.length})`, '', ...items, ...more, ''];
}

/** Inline code that holds any text (a backtick inside gets a longer fence). */
function code(s: string): string {
  const fenceLength = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length)) + 1;
  const f = '`'.repeat(fenceLength);
  return fenceLength > 1 ? `${f} ${s} ${f}` : `${f}${s}${f}`;
}

/** Text with no HTML in it (markdown in it, such as code spans of the facts' texts, stays markdown). */
function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A line inside a code fence must not close it. */
function fence(line: string): string {
  return line.replace(/```/g, '`\u200b``');
}
