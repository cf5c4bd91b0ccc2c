import { groupOf } from '../manifest';
import { SchemaIndex } from './schemagen/layout';

/**
 * The apiVersions a schemas folder has for each group/kind, to tell an unknown kind (a warning:
 * it cannot be checked) from a known kind at a version that does not exist (an error: the API
 * server rejects it). Built from `index.json` on first use.
 */
export class KindVersions {
  private byKind?: Map<string, string[]>;

  constructor(private readonly index: SchemaIndex) {}

  /** The apiVersions of the group and kind of `apiVersion`/`kind`, preferred first; undefined for an unknown group/kind. */
  public of(apiVersion: string, kind: string): readonly string[] | undefined {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const key of Object.keys(this.index)) {
        const slash = key.lastIndexOf('/');
        const version = key.slice(0, slash);
        const groupKind = `${groupOf(version)}/${key.slice(slash + 1)}`;
        this.byKind.set(groupKind, [...(this.byKind.get(groupKind) ?? []), version]);
      }
      for (const versions of this.byKind.values()) versions.sort(byPriority);
    }
    return this.byKind.get(`${groupOf(apiVersion)}/${kind}`);
  }
}

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first, then anything else by name. */
function byPriority(a: string, b: string): number {
  const rank = (apiVersion: string): [number, number, number, string] => {
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!m) return [3, 0, 0, version];
    return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0), version];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0;
}
