// What an ApplicationSet's generators provide to its Go templates, and what the template reads:
// checked at synth, because Argo CD finds a wrong key only when it renders (missingkey=error
// fails the whole set) and fasttemplate syntax (`{{path}}`) is not even an error there.
import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';

/**
 * The parameters one generator provides, as dotted paths (`path.basename`): `keys` are values
 * a template may read (or read into, when they are maps); under an `open` path any key may
 * exist (a cluster secret's labels). `lacking` names, per key, the list element without it.
 * @internal
 */
export interface Params {
  readonly describe: string;
  readonly keys: readonly string[];
  readonly open: readonly string[];
  readonly lacking?: Readonly<Record<string, string>>;
}

/** The Go-template parameters of Argo CD's git-directories generator (applicationset/generators/repo_path_utils.go). */
export const GIT_DIRECTORY_KEYS = ['path', 'path.path', 'path.basename', 'path.basenameNormalized', 'path.segments'];
/** The clusters generator's (applicationset/generators/cluster.go), with goTemplate: labels and annotations are maps under `metadata`. */
export const CLUSTER_KEYS = ['name', 'nameNormalized', 'server', 'project', 'metadata'];

/** A key path the template can read: is it provided, a map above provided keys, or under an open map? */
function provides(p: Params, ref: string): boolean {
  return [...p.keys, ...p.open].some((k) => k === ref || k.startsWith(`${ref}.`)) || p.open.some((k) => ref.startsWith(`${k}.`));
}

/** The top-level parameter names, which a matrix merges (the second generator's would overwrite the first's). */
export function topLevel(p: Params): string[] {
  return [...new Set([...p.keys, ...p.open].map((k) => k.split('.')[0]))].sort();
}

/** What a template can read of `p`, for messages: `.path.basename`, `.metadata.labels.<key>`. */
function readable(p: Params): string[] {
  const leaves = p.keys.filter((k) => ![...p.keys, ...p.open].some((o) => o.startsWith(`${k}.`)));
  return [...leaves.map((k) => `.${k}`), ...p.open.map((k) => `.${k}.<key>`)];
}

/** Bare words that are Go template syntax, not fasttemplate keys. */
const GO_WORDS = new Set(['end', 'else', 'nil', 'true', 'false', 'break', 'continue', 'now', 'uuidv4']);
/** `{{ key }}`, `{{path.basename}}`, `{{path[0]}}`: fasttemplate (goTemplate: false) syntax. */
const FAST_TEMPLATE = /\{\{-?\s*([A-Za-z_][\w.]*(?:\[\d+\])?)\s*-?\}\}/g;
/** Actions whose `.` is not the parameters (inside range, with, define, template, block). */
const DOT_CHANGES = /\{\{-?\s*(range|with|define|template|block)\b/;

/** The parameter paths a Go-template string reads (`.a.b`, `$.a.b`), string literals left out. */
export function references(text: string): string[] {
  const refs = new Set<string>();
  for (const [, action] of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const code = action.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
    for (const [, path] of code.matchAll(/(?:^|[^\w)\]$.])\$?\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g)) refs.add(path);
  }
  return [...refs];
}

/** Every string of `value` with its field path (`source.path`, `labels.team`). */
function strings(value: unknown, field: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([field, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${field}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, join(field, k), out);
  return out;
}

/**
 * Checks every string of the template (`field` is its prop path): no fasttemplate syntax, and
 * every value read is provided by each generator (each makes its own Applications from the
 * same template). Strings with range/with/define blocks are checked for syntax only.
 * @internal
 */
export function checkTemplate(scope: IConstruct, field: string, template: unknown, generators: readonly Params[]): void {
  for (const [at, text] of strings(template, field)) {
    for (const [whole, key] of text.matchAll(FAST_TEMPLATE)) {
      if (GO_WORDS.has(key)) continue;
      const index = /^(.*)\[(\d+)\]$/.exec(key);
      const fix = index ? `{{ index .${index[1]}.segments ${index[2]} }}` : `{{ .${key} }}`;
      fail(scope, at, `"${whole}" is fasttemplate syntax, which Argo CD does not substitute with goTemplate: true (it would stay as written)`, `write ${fix} (Go template: note the dot)`);
    }
    if (DOT_CHANGES.test(text)) continue;
    for (const ref of references(text)) {
      generators.forEach((p, i) => {
        if (provides(p, ref)) return;
        const lacking = p.lacking?.[ref.split('.')[0]];
        fail(scope, at, `{{ .${ref} }}: generators[${i}] (${p.describe}) provides no "${ref}"${lacking ? ` in ${lacking}` : ''}; Argo CD would fail the set (missingkey=error)`,
          lacking ? `add "${ref.split('.')[0]}" to ${lacking}` : `read one of ${readable(p).join(', ')}`);
      });
    }
  }
}
