// What every output of `diff` shares: the whole report (both sides, the object diff, the policy
// changes), its counts, and how objects and values are named.
import { canonicalJson } from '../manifest';
import { formatFieldPath } from '../manifest/immutable-fields';
import { ManifestDiff, ObjectDiff, ObjectId } from './diff-model';
import { PolicyChanges } from './diff-policies';
import { DiffSide } from './diff-sources';

export interface DiffReport {
  readonly base: Omit<DiffSide, 'sources'>;
  readonly head: Omit<DiffSide, 'sources'>;
  readonly diff: ManifestDiff;
  readonly policies: PolicyChanges;
}

export interface DiffCounts {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly renamed: number;
  readonly unchanged: number;
  /** Objects with a change the cluster refuses (and that Argo CD is not told to re-create). */
  readonly immutable: number;
  /** Objects with changes Argo CD leaves out of syncs (ignoreDifferences + RespectIgnoreDifferences): they never reach the cluster. */
  readonly ignored: number;
}

export function countsOf(diff: ManifestDiff): DiffCounts {
  const n = (s: ObjectDiff['status']) => diff.objects.filter((o) => o.status === s).length;
  return {
    added: n('added'), removed: n('removed'), changed: n('changed'), renamed: n('renamed'), unchanged: diff.unchanged,
    immutable: diff.objects.filter(refused).length,
    ignored: diff.objects.filter(ignoredByArgoCd).length,
  };
}

/** Whether Argo CD leaves some of the object's changes out of syncs, so that they never reach the cluster. */
export function ignoredByArgoCd(o: ObjectDiff): boolean {
  return o.argocd?.respected === true && o.argocd.ignored.length > 0;
}

/** `Application dev, ignoreDifferences + RespectIgnoreDifferences`: why Argo CD leaves the object's changes out. */
export function ignoreReason(o: ObjectDiff): string {
  return `Application ${o.argocd!.application}, ignoreDifferences${o.argocd!.respected ? ' + RespectIgnoreDifferences' : ' without RespectIgnoreDifferences'}`;
}

/** Whether the object has changes the cluster refuses, and nothing tells Argo CD to re-create it. */
export function refused(o: ObjectDiff): boolean {
  return o.immutable.length > 0 && !o.recreated;
}

/** Whether the two sides differ at all (what `--exit-code` reports). */
export function differs(report: DiffReport): boolean {
  return report.diff.objects.length > 0;
}

/** `Kind ns/name`: how reports name an object in a line. */
export function nameOf(id: ObjectId): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** The object's title: `apiVersion Kind ns/name`, and `ns/old → ns/new` when renamed. */
export function titleOf(o: ObjectDiff): string {
  const to = `${o.id.namespace ? `${o.id.namespace}/` : ''}${o.id.name}`;
  if (!o.renamedFrom) return `${o.apiVersion} ${o.id.kind} ${to}`;
  return `${o.apiVersion} ${o.id.kind} ${o.renamedFrom.namespace ? `${o.renamedFrom.namespace}/` : ''}${o.renamedFrom.name} → ${to}`;
}

/** A value on one line: scalars as they are, objects and lists as compact JSON, cut at `max` characters. */
export function valueText(v: unknown, max = 120): string {
  let s: string;
  if (v === undefined) s = '(none)';
  // A string as it is, unless that would hide something (empty, a line break, blanks at an end).
  else if (typeof v === 'string') s = v === '' || /\n|^\s|\s$/.test(v) ? JSON.stringify(v) : v;
  else s = canonicalJson(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export { formatFieldPath };

/** `1 object`, `2 objects`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The closing line: what differs, in numbers. */
export function summaryLine(report: DiffReport): string {
  const c = countsOf(report.diff);
  const total = c.added + c.removed + c.changed + c.renamed;
  const parts = total === 0 ? `no differences (${count(c.unchanged, 'object')})` : `${count(total, 'object')} differ: ${c.added} added, ${c.removed} removed, ${c.changed} changed, ${c.renamed} renamed; ${c.unchanged} unchanged`;
  const immutable = c.immutable > 0 ? `; ${count(c.immutable, 'object')} with immutable-field changes` : '';
  const ignored = c.ignored > 0 ? `; ${count(c.ignored, 'object')} with changes ignored by Argo CD` : '';
  const p = report.policies;
  const policies = p.new.length + p.fixed.length > 0 ? `; policy findings: ${p.new.length} new, ${p.fixed.length} fixed` : '';
  return `${parts}${immutable}${ignored}${policies}`;
}
