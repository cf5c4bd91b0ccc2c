// `diff --output json`: one document with a stable shape, for bots and other tools.
import { Finding } from '../manifest';
import { FieldPath, Remedy } from '../manifest/immutable-fields';
import { countsOf, DiffCounts, DiffReport, differs, formatFieldPath } from './diff-report';

/**
 * The JSON document. Objects come in file order; field paths are written as in every report
 * (`.spec.containers[name=main].image`), with `[name=…]` for list items matched by name.
 */
export interface DiffJson {
  readonly command: 'diff';
  /** Whether the sides differ (what `--exit-code` turns into exit 1). */
  readonly differs: boolean;
  readonly base: DiffSideJson;
  readonly head: DiffSideJson;
  readonly summary: DiffCounts & { readonly policies: { readonly new: number; readonly fixed: number } };
  readonly objects: readonly ObjectJson[];
  readonly policies: { readonly new: readonly Finding[]; readonly fixed: readonly Finding[] };
}

export interface DiffSideJson {
  readonly label: string;
  /** The git revision it was read at (`--base`), when it was. */
  readonly ref?: string;
  readonly commit?: string;
}

export interface ObjectJson {
  readonly status: 'added' | 'removed' | 'changed' | 'renamed';
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file?: string;
  readonly oldFile?: string;
  readonly renamedFrom?: { readonly namespace?: string; readonly name: string };
  readonly changes: readonly { readonly op: 'add' | 'remove' | 'change'; readonly path: string; readonly old?: unknown; readonly new?: unknown }[];
  readonly immutable: readonly {
    readonly field: string;
    readonly paths: readonly string[];
    readonly message: string;
    readonly enforcedBy: string;
    readonly unless?: string;
    readonly source: string;
    readonly remedies: readonly Remedy[];
  }[];
  /** The object's sync options make Argo CD delete and re-create it, so its immutable changes go through. */
  readonly recreated: boolean;
  readonly cautions: readonly { readonly field: string; readonly paths: readonly string[]; readonly effect: string; readonly message: string; readonly source: string }[];
  readonly onDelete?: string;
  /**
   * Changed, and delivered by an Argo CD Application whose `ignoreDifferences` match it: the
   * changed fields under its `jsonPointers` (`ignored`), and what its matching entries hold that
   * diff cannot evaluate. With `respectIgnoreDifferences` Argo CD leaves the ignored fields out
   * of syncs: they never reach the cluster, and `immutable` and `cautions` leave them out.
   * Without it Argo CD only hides them from its diff; its next sync applies them.
   */
  readonly argocd?: {
    readonly application: string;
    readonly respectIgnoreDifferences: boolean;
    readonly ignored: readonly string[];
    readonly unevaluated: readonly { readonly entry: 'jqPathExpressions' | 'managedFieldsManagers'; readonly value: string }[];
    /** How to apply the ignored changes after all. */
    readonly remedy: string;
  };
}

const fieldText = (p: FieldPath) => formatFieldPath(p);

export function diffJson(report: DiffReport): DiffJson {
  const side = (s: DiffReport['base']): DiffSideJson => ({ label: s.label, ...(s.ref ? { ref: s.ref } : {}), ...(s.commit ? { commit: s.commit } : {}) });
  return {
    command: 'diff',
    differs: differs(report),
    base: side(report.base),
    head: side(report.head),
    summary: { ...countsOf(report.diff), policies: { new: report.policies.new.length, fixed: report.policies.fixed.length } },
    objects: report.diff.objects.map((o): ObjectJson => ({
      status: o.status,
      apiVersion: o.apiVersion,
      kind: o.id.kind,
      ...(o.id.namespace ? { namespace: o.id.namespace } : {}),
      name: o.id.name,
      ...(o.file ? { file: o.file } : {}),
      ...(o.oldFile ? { oldFile: o.oldFile } : {}),
      ...(o.renamedFrom ? { renamedFrom: { ...(o.renamedFrom.namespace ? { namespace: o.renamedFrom.namespace } : {}), name: o.renamedFrom.name } } : {}),
      changes: o.changes.map((c) => ({ op: c.op, path: formatFieldPath(c.path), ...(c.op !== 'add' ? { old: c.old } : {}), ...(c.op !== 'remove' ? { new: c.new } : {}) })),
      immutable: o.immutable.map((v) => ({
        field: fieldText(v.field.path), paths: v.changes.map((c) => formatFieldPath(c.path)), message: v.field.message, enforcedBy: v.field.enforcedBy,
        ...(v.field.unless ? { unless: v.field.unless } : {}), source: v.field.source, remedies: v.remedies,
      })),
      recreated: o.recreated,
      cautions: o.cautions.map((h) => ({ field: fieldText(h.caution.path), paths: h.changes.map((c) => formatFieldPath(c.path)), effect: h.caution.effect, message: h.caution.message, source: h.caution.source })),
      ...(o.onDelete ? { onDelete: o.onDelete } : {}),
      ...(o.argocd ? {
        argocd: {
          application: o.argocd.application, respectIgnoreDifferences: o.argocd.respected,
          ignored: o.argocd.ignored.map((c) => formatFieldPath(c.path)), unevaluated: o.argocd.unevaluated, remedy: o.argocd.remedy,
        },
      } : {}),
    })),
    policies: { new: report.policies.new, fixed: report.policies.fixed },
  };
}
