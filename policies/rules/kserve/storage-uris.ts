import { asArray, asObject, asString, path } from '../json';
import { Rule, Violation } from '../rule';
import { Component, componentsOf, storageUriOf } from './components';
import { INFERENCE_SERVICE } from './kinds';

export const storageUris: Rule = {
  id: 'kserve/storage-uris',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A component gives its storage either as storageUri (or STORAGE_URI) or as storageUris, not both; each storageUris entry has a uri and an absolute mountPath other than "/" without ".."; several non-PVC mount paths share a parent directory below "/", and PVC mount paths are unique.',
  why: 'KServe\'s webhook rejects the InferenceService otherwise: the storage initializer downloads every URI below one common model directory.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateMultipleStorageURIs, validateMultipleStorageURIsSpec, validateStorageURISpec',
  *check(o) {
    for (const c of componentsOf(o)) yield* violationsOf(c);
  },
};

function violationsOf(c: Component): Violation[] {
  const list = c.spec.storageUris;
  if (list === undefined || list === null) return [];
  const at = [...c.at, 'storageUris'];
  const single = storageUriOf(c);
  if (single) {
    return [{ path: path(...at), message: `Setting both StorageURI and StorageURIs is not supported (the ${c.label} also loads ${single.uri})`, fix: 'give every model location in storageUris, or only the one storageUri' }];
  }
  const entries = asArray(list).map((e, i) => ({ uri: asString(asObject(e)?.uri) ?? '', mountPath: asString(asObject(e)?.mountPath) ?? '/mnt/models', i }));
  for (const e of entries) {
    const p = (key: string) => path(...at, e.i, key);
    if (e.uri === '') return [{ path: p('uri'), message: 'storage URI cannot be empty', fix: 'give the model\'s location, e.g. s3://bucket/model' }];
    if (e.mountPath === '/') return [{ path: p('mountPath'), message: 'storage path cannot be empty ("/")', fix: 'mount below a directory, e.g. /mnt/models/base' }];
    if (!e.mountPath.startsWith('/')) return [{ path: p('mountPath'), message: `storage path must be absolute: ${e.mountPath}`, fix: `use /${e.mountPath}` }];
    if (e.mountPath.includes('..')) return [{ path: p('mountPath'), message: `storage path cannot contain '..' for security reasons: ${e.mountPath}`, fix: 'give a path without ".."' }];
  }
  const paths = entries.filter((e) => !e.uri.startsWith('pvc://')).map((e) => e.mountPath);
  // KServe stops here with at most one non-PVC path, before comparing PVC paths.
  if (paths.length <= 1) return [];
  const pvc = entries.filter((e) => e.uri.startsWith('pvc://'));
  const dup = pvc.find((e, i) => pvc.findIndex((x) => x.mountPath === e.mountPath) !== i);
  if (dup) return [{ path: path(...at, dup.i, 'mountPath'), message: `PVC storage paths must be unique: ${dup.mountPath} is used twice`, fix: 'mount each PVC at its own path' }];
  if (commonParent(paths) === '/') {
    return [{ path: path(...at), message: `storage paths must have a common parent directory. Current paths: [${paths.join(' ')}] have no common parent beyond root`, fix: 'mount every model below one directory, e.g. /mnt/models/base and /mnt/models/adapter' }];
  }
  return [];
}

/** The common leading directories of the paths (`utils.FindCommonParentPath`); `/` when none. */
function commonParent(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const depth = Math.min(...split.map((s) => s.length));
  const common: string[] = [];
  for (let i = 0; i < depth && split.every((s) => s[i] === split[0][i]); i++) common.push(split[0][i]);
  return `/${common.join('/')}`;
}
