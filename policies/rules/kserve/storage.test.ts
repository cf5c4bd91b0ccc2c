import { ruleFindings } from '../../../test/policy';
import { isvc, model, server, where } from './test-objects';

describe('kserve/storage-uri-scheme', () => {
  test('warns about schemes the storage initializer does not know, in a model and a custom container', () => {
    const f = ruleFindings('kserve/storage-uri-scheme',
      isvc({ predictor: model('pytorch', 'ftp://models/resnet') }),
      isvc({ predictor: { containers: [server({ STORAGE_URI: 'http://acct.blob.core.windows.net/c/p' })] } }, {}, 'azure'),
    );
    expect(f.map((x) => [x.severity, x.path, x.message])).toEqual([
      ['warning', '.spec.predictor.model.storageUri', 'scheme "ftp://" of "ftp://models/resnet" is not supported by KServe\'s storage initializer, and no ClusterStorageContainer here handles it'],
      ['warning', '.spec.predictor.containers[0].env[0].value', '"http://acct.blob.core.windows.net/c/p" names Azure Blob storage but is not of the form https://<account>.blob.core.windows.net/<container>/<path>'],
    ]);
    expect(f[0].fix).toContain('use one of gs, s3, pvc, file, https, http, hdfs, webhdfs, oci, oci+native, hf');
  });

  test('accepts supported schemes, local paths, and a scheme an enabled ClusterStorageContainer of the set handles', () => {
    const csc = (name: string, disabled: boolean, format: Record<string, string>) => ({
      apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ClusterStorageContainer', metadata: { name }, disabled,
      spec: { container: { name: 'storage-initializer', image: 'ghcr.io/org/init:1' }, supportedUriFormats: [format] },
    });
    expect(ruleFindings('kserve/storage-uri-scheme',
      isvc({ predictor: model('pytorch', 's3://models/resnet') }),
      isvc({ predictor: model('pytorch', '/mnt/local/model') }, {}, 'local'),
      isvc({ predictor: model('pytorch', 'https://acct.blob.core.windows.net/c/p') }, {}, 'azure'),
      isvc({ predictor: model('pytorch', 'lakefs://repo/main/m') }, {}, 'lakefs'),
      isvc({ predictor: model('pytorch', 'custom://x') }, {}, 'custom'),
      csc('lakefs', false, { prefix: 'lakefs://' }),
      csc('custom', false, { regex: '^custom://' }),
    )).toEqual([]);
    expect(ruleFindings('kserve/storage-uri-scheme', isvc({ predictor: model('pytorch', 'lakefs://x') }), csc('off', true, { prefix: 'lakefs://' }))).toHaveLength(1);
  });
});

describe('kserve/storage-uris', () => {
  const uris = (...entries: Array<[string, string?]>) => entries.map(([uri, mountPath]) => ({ uri, mountPath }));

  test('rejects storageUri with storageUris, relative or root paths, and paths without a common parent', () => {
    const f = ruleFindings('kserve/storage-uris',
      isvc({ predictor: model('huggingface', 's3://base', { storageUris: uris(['s3://adapter', '/mnt/models/a']) }) }),
      isvc({ predictor: { model: { modelFormat: { name: 'huggingface' } }, storageUris: uris(['s3://base', 'models/base']) } }, {}, 'relative'),
      isvc({ predictor: { model: { modelFormat: { name: 'huggingface' } }, storageUris: uris(['s3://base', '/base'], ['s3://adapter', '/adapter']) } }, {}, 'apart'),
    );
    expect(where(f)).toEqual([
      ['.spec.predictor.storageUris', 'Setting both StorageURI and StorageURIs is not supported (the predictor also loads s3://base)'],
      ['.spec.predictor.storageUris[0].mountPath', 'storage path must be absolute: models/base'],
      ['.spec.predictor.storageUris', 'storage paths must have a common parent directory. Current paths: [/base /adapter] have no common parent beyond root'],
    ]);
  });

  test('accepts models below one directory', () => {
    expect(ruleFindings('kserve/storage-uris', isvc({
      predictor: { model: { modelFormat: { name: 'huggingface' } }, storageUris: uris(['s3://base', '/mnt/models/base'], ['s3://adapter', '/mnt/models/adapter'], ['pvc://cache/x', '/cache']) },
    }))).toEqual([]);
  });
});
