import * as path from 'path';

/** Where one set of input files came from upstream. */
export interface Source {
  readonly repo: string;
  readonly ref: string;
  readonly commit?: string;
  /**
   * Directory path fragments that identify this source's input files, e.g. `trainer/v1`
   * matches `…/crds/trainer/v1/kubeflow.org_pytorchjobs.yaml`. Default: the source's name.
   */
  readonly paths?: readonly string[];
  readonly note?: string;
}

/** Source name → source, as kept in `schemas/sources.json`. */
export type Sources = Readonly<Record<string, Source>>;

/** Parses `--source name=owner/repo@ref[#commit]`. */
export function parseSourceOption(text: string): [string, Source] {
  const m = /^([^=]+)=([^@#\s]+)@([^#\s]+)(?:#([0-9a-f]{7,40}))?$/.exec(text.trim());
  if (!m) throw new Error(`--source "${text}": expected name=owner/repo@ref or name=owner/repo@ref#commit`);
  const [, name, repo, ref, commit] = m;
  return [name, commit ? { repo, ref, commit } : { repo, ref }];
}

/**
 * The source of an input file: the source whose path fragment occurs as whole directory
 * segments in the file's path, longest fragment first (`trainer/v1` beats `trainer`).
 * Falls back to the file's own name, so unrecorded inputs still get a stable label.
 */
export function sourceNameFor(file: string, sources: Sources): string {
  const dirs = `/${path.dirname(path.resolve(file)).split(path.sep).filter(Boolean).join('/')}/`;
  let best: { name: string; length: number } | undefined;
  for (const [name, source] of Object.entries(sources)) {
    for (const fragment of source.paths ?? [name]) {
      const trimmed = fragment.replace(/^\/+|\/+$/g, '');
      if (dirs.includes(`/${trimmed}/`) && (!best || trimmed.length > best.length)) best = { name, length: trimmed.length };
    }
  }
  return best?.name ?? path.basename(file).replace(/\.(ya?ml|json|proto)$/, '');
}

/** Sorted by name, with each source's keys in a fixed order, for a stable `sources.json`. */
export function normalizeSources(sources: Sources): Record<string, Source> {
  const out: Record<string, Source> = {};
  for (const name of Object.keys(sources).sort()) {
    const s = sources[name];
    out[name] = {
      repo: s.repo,
      ref: s.ref,
      ...(s.commit ? { commit: s.commit } : {}),
      ...(s.paths ? { paths: [...s.paths] } : {}),
      ...(s.note ? { note: s.note } : {}),
    };
  }
  return out;
}
