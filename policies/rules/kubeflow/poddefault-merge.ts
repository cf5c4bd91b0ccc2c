// The PodDefault webhook's merge, over plain objects: which entries of the PodDefaults that select
// a pod clash with each other or with the pod (kubeflow/dashboard components/poddefaults-webhooks/
// main.go safeToApplyPodDefaultsOnPod and its merge* functions).
import { asArray, asObject, asStrings, Json, subPath } from '../json';

/** A PodDefault by name, with its spec. */
export interface PodDefaultSpec {
  readonly name: string;
  readonly spec: Json;
}

/** A pod as the webhook sees it: its spec, labels and annotations, and where its spec is in the object. */
export interface PodView {
  readonly path: string;
  readonly spec: Json;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Where the pod's labels are written (its annotations are beside them). */
  readonly labelsPath: string;
}

/** One clash: the entry of `podDefault` differs from the one already there (another PodDefault's, or the pod's own at `podPath`). */
export interface Conflict {
  /** What clashes, e.g. `env AWS_REGION`, `volume data`, `volume mount at /data`. */
  readonly what: string;
  readonly podDefault: string;
  /** Where the entry is in the PodDefault, e.g. `.spec.env[1]`. */
  readonly entryPath: string;
  readonly mine: unknown;
  /** The PodDefault that set it first; undefined when the pod itself has it. */
  readonly first?: string;
  readonly theirs: unknown;
  /** Where the pod has it, when it is the pod's own. */
  readonly podPath?: string;
  /** The pod's entry equals the PodDefault's as written, and differs only by the defaults the API server fills in before the webhook runs. */
  readonly defaulted?: boolean;
}

interface Seen {
  readonly value: unknown;
  readonly raw?: unknown;
  readonly owner?: string;
  readonly path?: string;
}

/** The clashes the webhook would reject the pod for, in its order: volumes, tolerations, env and mounts per container, annotations, labels, init containers, sidecars. */
export function mergeConflicts(pod: PodView, podDefaults: readonly PodDefaultSpec[]): Conflict[] {
  const out: Conflict[] = [];
  const entries = (field: string, at: string = pod.path, from: Json = pod.spec) => asArray(from[field]).map((v, i) => ({ value: v, path: subPath(at, field, i) }));
  out.push(...mergeList('volume', (v) => v.name, entries('volumes'), podDefaults, 'volumes', defaultVolume));
  out.push(...mergeList('toleration of key', (v) => v.key ?? '', entries('tolerations'), podDefaults, 'tolerations'));
  asArray(pod.spec.containers).forEach((c, i) => {
    const container = asObject(c) ?? {};
    const at = subPath(pod.path, 'containers', i);
    out.push(...mergeList('env', (v) => v.name, entries('env', at, container), podDefaults, 'env', defaultEnv));
    out.push(...mergeList('volume mount', (v) => v.name, entries('volumeMounts', at, container), podDefaults, 'volumeMounts'));
    out.push(...mergeList('volume mount at', (v) => v.mountPath, entries('volumeMounts', at, container), podDefaults, 'volumeMounts'));
  });
  out.push(...mergeMap('annotation', pod.annotations, pod.labelsPath.replace(/labels$/, 'annotations'), podDefaults, 'annotations'));
  out.push(...mergeMap('label', pod.labels, pod.labelsPath, podDefaults, 'labels'));
  out.push(...mergeList('init container', (v) => v.name, entries('initContainers'), podDefaults, 'initContainers', defaultContainer));
  out.push(...mergeList('container', (v) => v.name, entries('containers'), podDefaults, 'sidecars', defaultContainer));
  // A PodDefault's clash with another is found once per container: report it once.
  const unique = new Map(out.map((c) => [JSON.stringify([c.what, c.podDefault, c.first, c.podPath]), c]));
  return [...unique.values()];
}

/** merge{Volumes,Tolerations,Env,VolumeMounts,Containers}: entries by key; a second, different entry of a key is a conflict. */
function mergeList(
  what: string, keyOf: (v: Json) => unknown, podEntries: readonly { value: unknown; path: string }[], podDefaults: readonly PodDefaultSpec[], field: string,
  podDefaultsOf: (v: Json) => Json = (v) => v,
): Conflict[] {
  const seen = new Map<string, Seen>();
  for (const e of podEntries) {
    const v = asObject(e.value) ?? {};
    seen.set(String(keyOf(v)), { value: podDefaultsOf(v), raw: v, path: e.path });
  }
  const out: Conflict[] = [];
  for (const pd of podDefaults) {
    for (const [j, entry] of asArray(pd.spec[field]).entries()) {
      const v = asObject(entry) ?? {};
      const k = String(keyOf(v));
      const found = seen.get(k);
      if (!found) {
        seen.set(k, { value: v, owner: pd.name });
      } else if (!same(found.value, v)) {
        out.push({ what: `${what} ${k}`, podDefault: pd.name, entryPath: subPath(`.spec.${field}`, j), mine: v, first: found.owner, theirs: found.value, podPath: found.path, defaulted: found.raw !== undefined && same(found.raw, v) });
      }
    }
  }
  return out;
}

/** mergeMap: labels and annotations by key. */
function mergeMap(what: string, podMap: Readonly<Record<string, string>>, podPath: string, podDefaults: readonly PodDefaultSpec[], field: string): Conflict[] {
  const seen = new Map<string, Seen>(Object.entries(podMap).map(([k, v]) => [k, { value: v, path: subPath(podPath, k) }]));
  const out: Conflict[] = [];
  for (const pd of podDefaults) {
    for (const [k, v] of Object.entries(asStrings(pd.spec[field]))) {
      const found = seen.get(k);
      if (!found) seen.set(k, { value: v, owner: pd.name });
      else if (found.value !== v) out.push({ what: `${what} ${k}`, podDefault: pd.name, entryPath: subPath(`.spec.${field}`, k), mine: v, first: found.owner, theirs: found.value, podPath: found.path });
    }
  }
  return out;
}

/**
 * Whether two entries are equal as the webhook's Go structs compare them (reflect.DeepEqual):
 * a field left out equals its zero value (false, "", 0, an empty list).
 */
export function same(a: unknown, b: unknown): boolean {
  return deepEqualKey(a) === deepEqualKey(b);
}

/** A string equal for two values exactly when {@link same} says they are: for grouping by value. */
export function deepEqualKey(v: unknown): string {
  return JSON.stringify(canonical(v));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Json)[k];
    if (x === false || x === '' || x === 0 || x === null || x === undefined || (Array.isArray(x) && x.length === 0)) continue;
    out[k] = canonical(x);
  }
  return out;
}

// The pod reaches the webhook with the API server's defaults filled in; a PodDefault (a custom
// resource) is stored as written. These are the defaults that make equal-looking entries differ.

const MODE_SOURCES = ['secret', 'configMap', 'downwardAPI', 'projected'];

function defaultVolume(v: Json): Json {
  const source = MODE_SOURCES.find((s) => asObject(v[s]));
  if (!source || asObject(v[source])!.defaultMode !== undefined) return v;
  return { ...v, [source]: { ...asObject(v[source]), defaultMode: 420 } };
}

function defaultEnv(v: Json): Json {
  const fieldRef = asObject(asObject(v.valueFrom)?.fieldRef);
  if (!fieldRef || fieldRef.apiVersion !== undefined) return v;
  return { ...v, valueFrom: { ...asObject(v.valueFrom), fieldRef: { ...fieldRef, apiVersion: 'v1' } } };
}

function defaultContainer(v: Json): Json {
  const image = typeof v.image === 'string' ? v.image : '';
  const latest = !/:[^/]+$/.test(image.split('@')[0]) || image.endsWith(':latest');
  return {
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    imagePullPolicy: image.includes('@') ? 'IfNotPresent' : latest ? 'Always' : 'IfNotPresent',
    ...v,
  };
}
