import { asArray, asObject, asString, path } from '../json';
import { Rule, RuleContext } from '../rule';
import { componentsOf, storageUriOf } from './components';
import { CLUSTER_STORAGE_CONTAINER, INFERENCE_SERVICE } from './kinds';

/** `SupportedStorageURIPrefixList` of KServe v0.20's storage initializer. */
export const STORAGE_PREFIXES = ['gs://', 's3://', 'pvc://', 'file://', 'https://', 'http://', 'hdfs://', 'webhdfs://', 'oci://', 'oci+native://', 'hf://'];
const AZURE_BLOB = /https:\/\/(.+?)\.blob\.core\.windows\.net\/(.+)/;

export const storageUriScheme: Rule = {
  id: 'kserve/storage-uri-scheme',
  category: 'runtime',
  severity: 'warning',
  appliesTo: [INFERENCE_SERVICE],
  summary: `A component's storage URI (storageUri, or a custom container's STORAGE_URI) is a local path, an Azure Blob https URL, starts with one of ${STORAGE_PREFIXES.join(' ')}, or matches an enabled ClusterStorageContainer of the same set.`,
  why: 'KServe\'s webhook does not look at the scheme, but its controller refuses to reconcile a component whose URI neither the storage initializer nor a ClusterStorageContainer handles ("StorageURI not supported"). A ClusterStorageContainer may exist in the cluster outside this set, hence a warning.',
  source: 'kserve/kserve pkg/controller/v1beta1/inferenceservice/utils/utils.go ValidateStorageURI',
  *check(o, ctx) {
    for (const c of componentsOf(o, { canaries: true })) {
      const ref = storageUriOf(c);
      if (!ref) continue;
      const problem = unsupported(ref.uri, ctx);
      if (problem) yield { path: path(...ref.path), message: problem, fix: `use one of ${STORAGE_PREFIXES.map((p) => p.slice(0, -3)).join(', ')} or an Azure Blob URL (https://<account>.blob.core.windows.net/<container>/<path>); or define a ClusterStorageContainer whose supportedUriFormats match (ignore this if the cluster has one)` };
    }
  },
};

/** Why the storage initializer and the set's ClusterStorageContainers cannot download `uri`, or undefined. */
function unsupported(uri: string, ctx: RuleContext<object>): string | undefined {
  if (storageContainerFor(uri, ctx)) return undefined;
  if (!/\w+?:\/\//.test(uri)) return undefined;
  if (uri.includes('blob.core.windows.net')) {
    return AZURE_BLOB.test(uri) ? undefined : `"${uri}" names Azure Blob storage but is not of the form https://<account>.blob.core.windows.net/<container>/<path>`;
  }
  if (STORAGE_PREFIXES.some((p) => uri.startsWith(p))) return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(uri)?.[1];
  return `${scheme ? `scheme "${scheme}://" of "${uri}"` : `"${uri}"`} is not supported by KServe's storage initializer, and no ClusterStorageContainer here handles it`;
}

/** The name of an enabled ClusterStorageContainer of the set whose supportedUriFormats match (`IsStorageUriSupported`). */
function storageContainerFor(uri: string, ctx: RuleContext<object>): string | undefined {
  for (const s of ctx.objectsOf(CLUSTER_STORAGE_CONTAINER.group, CLUSTER_STORAGE_CONTAINER.kind)) {
    if (s.object.disabled === true) continue;
    const formats = asArray(asObject(s.object.spec)?.supportedUriFormats);
    const match = formats.some((f) => {
      const prefix = asString(asObject(f)?.prefix);
      if (prefix) return uri.startsWith(prefix);
      const regex = asString(asObject(f)?.regex);
      try {
        return regex ? new RegExp(regex).test(uri) : false;
      } catch {
        return false;
      }
    });
    if (match) return s.object.metadata?.name ?? '';
  }
  return undefined;
}
