// What a server-side dry run must leave as it was: the objects it was sent, and nothing else.
// Test files run in parallel against the one shared cluster, so a test that checks "the cluster
// is unchanged" looks only at the objects it sent itself; other files' objects (their own
// namespaces and names) come and go meanwhile.
import { Manifest } from '../../manifest';
import { inParallel } from '../../policies/in-parallel';
import { SchemaValidator } from '../../policies/schema-validator';
import { KubeClient } from './client';

/**
 * The URL paths of the objects a dry run of `objects` addresses: each where it says it lives
 * and, for namespaced kinds, in `default` too (where serverDryRun checks an object whose
 * namespace the same set creates). Sorted, without duplicates.
 */
export function objectPaths(objects: readonly Manifest[], validator = SchemaValidator.for()): string[] {
  const paths = new Set<string>();
  for (const o of objects) {
    const entry = validator.entry(o.apiVersion, o.kind);
    if (!entry?.plural) throw new Error(`no plural known for ${o.apiVersion} ${o.kind}`);
    const base = `${o.apiVersion.includes('/') ? '/apis' : '/api'}/${o.apiVersion}`;
    const name = o.metadata?.name;
    if (!name) throw new Error(`${o.apiVersion} ${o.kind} has no name`);
    if (entry.scope === 'Cluster') {
      paths.add(`${base}/${entry.plural}/${name}`);
      continue;
    }
    for (const ns of new Set([o.metadata?.namespace ?? 'default', 'default'])) paths.add(`${base}/namespaces/${ns}/${entry.plural}/${name}`);
  }
  return [...paths].sort();
}

/** The collection (`/api[s]/<apiVersion>/<plural>`) of an object path of objectPaths(). */
export function collectionOf(objectPath: string): string {
  return objectPath.replace(/\/namespaces\/[^/]+(?=\/[^/]+\/[^/]+$)/, '').replace(/\/[^/]+$/, '');
}

/** `<path> <uid> <resourceVersion>` of each object, or `<path> absent`; in the order of `paths`. */
export async function objectStates(client: KubeClient, paths: readonly string[]): Promise<string[]> {
  const states = new Array<string>(paths.length);
  await inParallel([...paths.keys()], 8, async (i) => {
    const res = await client.get(paths[i]);
    if (res.status === 404) states[i] = `${paths[i]} absent`;
    else if (res.status === 200) states[i] = `${paths[i]} ${res.body.metadata.uid} ${res.body.metadata.resourceVersion}`;
    else throw new Error(`GET ${paths[i]}: HTTP ${res.status}: ${res.text.slice(0, 500)}`);
  });
  return states;
}
