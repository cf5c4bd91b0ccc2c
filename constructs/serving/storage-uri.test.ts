import { constructError, testStack } from '../../test/util';
import { StorageUri } from './storage-uri';

describe('StorageUri', () => {
  test.each([
    [StorageUri.s3('models/resnet/v1'), 's3', 's3://models/resnet/v1'],
    [StorageUri.gcs('kfserving-examples/models/sklearn/1.0/model'), 'gs', 'gs://kfserving-examples/models/sklearn/1.0/model'],
    [StorageUri.pvc('models', 'resnet/v1'), 'pvc', 'pvc://models/resnet/v1'],
    [StorageUri.pvc('models', '/resnet'), 'pvc', 'pvc://models/resnet'],
    [StorageUri.pvc('models'), 'pvc', 'pvc://models'],
    [StorageUri.https('https://models.example.com/resnet.tar.gz'), 'https', 'https://models.example.com/resnet.tar.gz'],
    [StorageUri.azureBlob('mlmodels', 'prod', 'resnet/v1'), 'azure', 'https://mlmodels.blob.core.windows.net/prod/resnet/v1'],
    [StorageUri.hf('meta-llama', 'Llama-3.1-8B-Instruct'), 'hf', 'hf://meta-llama/Llama-3.1-8B-Instruct'],
    [StorageUri.hf('google-bert', 'bert-base-uncased', 'a1b2c3'), 'hf', 'hf://google-bert/bert-base-uncased:a1b2c3'],
    [StorageUri.oci('ghcr.io/org/resnet-model:1.0'), 'oci', 'oci://ghcr.io/org/resnet-model:1.0'],
    [StorageUri.hdfs('/user/models/resnet'), 'hdfs', 'hdfs://user/models/resnet'],
    [StorageUri.parse('webhdfs://namenode/models'), 'webhdfs', 'webhdfs://namenode/models'],
    [StorageUri.parse('oci+native://ghcr.io/org/m:1'), 'oci+native', 'oci+native://ghcr.io/org/m:1'],
    [StorageUri.parse('https://acct01.blob.core.windows.net/c/p'), 'azure', 'https://acct01.blob.core.windows.net/c/p'],
    [StorageUri.parse('file:///mnt/models/resnet'), 'file', 'file:///mnt/models/resnet'],
    [StorageUri.custom('lakefs://repo/main/models'), 'lakefs', 'lakefs://repo/main/models'],
    [StorageUri.modelRegistry({ namespace: 'team' }, 'iris', 'v1'), 'model-registry', 'model-registry://iris/v1?namespace=team'],
    [StorageUri.parse('model-registry://iris?namespace=team'), 'model-registry', 'model-registry://iris?namespace=team'],
  ])('%o → %s %s', (uri, scheme, text) => {
    expect(uri.scheme).toBe(scheme);
    expect(uri._validate(testStack(), 'storageUri')).toBe(text);
  });

  test.each([
    [StorageUri.parse('ftp://models/resnet'), 'scheme "ftp://" of "ftp://models/resnet" is not supported by KServe\'s storage initializer'],
    [StorageUri.parse('models/resnet'), '"models/resnet" has no scheme'],
    [StorageUri.parse('s3://'), 'has nothing after the scheme'],
    [StorageUri.parse('http://acct01.blob.core.windows.net/c/p'), 'is not an Azure Blob URL of the form https://'],
    [StorageUri.s3('s3://models/resnet'), 'already has a scheme'],
    [StorageUri.s3('Models/resnet'), '"Models" is not a bucket name'],
    [StorageUri.gcs('my-bucket/../secrets'), 'contains ".."'],
    [StorageUri.pvc('models', '../etc'), 'contains ".."'],
    [StorageUri.https('http://insecure.example.com/m.tar.gz'), 'is not an https URL with a path'],
    [StorageUri.azureBlob('My_Account', 'c01', 'p'), 'is not an Azure storage account name'],
    [StorageUri.azureBlob('acct01', 'x', 'p'), 'is not an Azure blob container name'],
    [StorageUri.hf('meta-llama', 'bad name'), 'is not a Hugging Face repository id'],
    [StorageUri.hf('meta-llama', 'Llama-3.1-8B', 'main branch'), '"main branch" is not a revision'],
    [StorageUri.hdfs('/'), 'the path is empty'],
    [StorageUri.custom('no-scheme'), 'has no scheme'],
  ])('rejects %o', (uri, problem) => {
    const e = constructError(() => uri._validate(testStack(), 'predictor.model.storageUri'));
    expect(e.field).toBe('predictor.model.storageUri');
    expect(e.problem).toContain(problem);
    expect(e.fix).toContain('supported schemes: gs, s3, pvc');
  });

  test('a PVC claim and an OCI image are checked as Kubernetes name and image reference', () => {
    expect(constructError(() => StorageUri.pvc('Models')._validate(testStack(), 'storageUri')).problem).toContain('is not a valid DNS-1123 subdomain');
    expect(constructError(() => StorageUri.oci('bad image')._validate(testStack(), 'storageUri')).problem).toContain('is not a valid image reference');
  });
});
