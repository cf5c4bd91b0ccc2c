import { groupOf } from '../manifest';
import { closest } from './did-you-mean';
import { isDocumentKey, SchemaIndex } from './schemagen/layout';

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
    return this.kinds().get(`${groupOf(apiVersion)}/${kind}`);
  }

  /** Whether the folder has any kind of the group of `apiVersion`. */
  public hasGroup(apiVersion: string): boolean {
    const group = groupOf(apiVersion);
    return [...this.kinds().keys()].some((k) => k.slice(0, k.lastIndexOf('/')) === group);
  }

  /**
   * The known kind an unknown `apiVersion`/`kind` most likely means, with its preferred
   * apiVersion: a misspelt kind of the same group (`PytorchJob`), else the same kind in the one
   * other group that has it (`kubeflow.org/v1 TrainJob` → `trainer.kubeflow.org/v1alpha1`).
   */
  public nearest(apiVersion: string, kind: string): { apiVersion: string; kind: string } | undefined {
    const group = groupOf(apiVersion);
    const known = [...this.kinds().keys()].map((k) => ({ group: k.slice(0, k.lastIndexOf('/')), kind: k.slice(k.lastIndexOf('/') + 1), key: k }));
    const typo = closest(kind, known.filter((k) => k.group === group).map((k) => k.kind));
    if (typo !== undefined) return { apiVersion: this.kinds().get(`${group}/${typo}`)![0], kind: typo };
    const elsewhere = known.filter((k) => k.kind === kind);
    return elsewhere.length === 1 ? { apiVersion: this.kinds().get(elsewhere[0].key)![0], kind } : undefined;
  }

  private kinds(): Map<string, string[]> {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const key of Object.keys(this.index).filter((k) => !isDocumentKey(k))) {
        const slash = key.lastIndexOf('/');
        const version = key.slice(0, slash);
        const groupKind = `${groupOf(version)}/${key.slice(slash + 1)}`;
        this.byKind.set(groupKind, [...(this.byKind.get(groupKind) ?? []), version]);
      }
      for (const versions of this.byKind.values()) versions.sort(byPriority);
    }
    return this.byKind;
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
