import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Tenant } from '../tenancy';
import { StorageCredentials, StorageCredentialsProps } from './storage-credentials';

describe('StorageCredentials', () => {
  test('a ServiceAccount listing existing Secrets', () => {
    const stack = testStack();
    const tenant = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    const creds = new StorageCredentials(stack, 'ModelsS3', { tenant, secretNames: ['models-s3'], imagePullSecrets: ['regcred'] });
    expect([creds.name, creds.namespace]).toEqual(['models-s3', 'ml']);
    const sa = manifest(stack, 'ServiceAccount');
    expect(sa.metadata).toMatchObject({ name: 'models-s3', namespace: 'ml' });
    expect(sa.secrets).toEqual([{ name: 'models-s3' }]);
    expect(sa.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expectSchemaValid(stack);
  });

  test('cloud identities: IRSA with S3 settings, GKE workload identity', () => {
    const stack = testStack();
    new StorageCredentials(stack, 'aws', {
      awsRoleArn: 'arn:aws:iam::123456789012:role/model-reader',
      s3: { endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1', useHttps: true, verifySsl: false },
    });
    new StorageCredentials(stack, 'gcp', { gcpServiceAccount: 'model-reader@my-project.iam.gserviceaccount.com' });
    expect(manifest(stack, 'ServiceAccount', 'aws').metadata.annotations).toMatchObject({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/model-reader',
      'serving.kserve.io/s3-endpoint': 's3.eu-west-1.amazonaws.com',
      'serving.kserve.io/s3-region': 'eu-west-1',
      'serving.kserve.io/s3-usehttps': '1',
      'serving.kserve.io/s3-verifyssl': '0',
    });
    expect(manifest(stack, 'ServiceAccount', 'gcp').metadata.annotations['iam.gke.io/gcp-service-account']).toBe('model-reader@my-project.iam.gserviceaccount.com');
    expectSchemaValid(stack);
  });

  test.each<[StorageCredentialsProps, string, string]>([
    [{}, 'secretNames', 'no credentials'],
    [{ secretNames: ['a', 'a'] }, 'secretNames', 'lists a Secret twice'],
    [{ secretNames: ['ok', 'Bad_Name'] }, 'secretNames[1]', 'is not a valid DNS-1123 subdomain'],
    [{ secretNames: ['s3'], imagePullSecrets: ['Reg Cred'] }, 'imagePullSecrets[0]', 'is not a valid DNS-1123 subdomain'],
    [{ awsRoleArn: 'model-reader' }, 'awsRoleArn', 'is not an IAM role ARN'],
    [{ gcpServiceAccount: 'me@gmail.com' }, 'gcpServiceAccount', 'is not a Google service account email'],
    [{ secretNames: ['s3'], s3: { endpoint: 'minio:9000' } }, 's3', 'only together with an IRSA role'],
    [{ secretNames: ['s3'], name: 's'.repeat(64) }, 'name', 'at most 63 are allowed, because it is also the value of the app.kubernetes.io/instance label'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => new StorageCredentials(testStack(), 'creds', props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
