import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkName, fail, INamespacedResource, NameRule, resolveNamespace, Resource, ResourceProps, resourceName } from '../core';
import { ITenant } from '../tenancy';
import { ServiceAccount } from '../wire/core';

/** S3 client settings for KServe's storage initializer (`serving.kserve.io/s3-*` annotations). */
export interface S3Settings {
  /** Endpoint host (and port) of an S3-compatible store, e.g. `minio.storage:9000`. @default - AWS S3 */
  readonly endpoint?: string;
  /** @default - the store's default region */
  readonly region?: string;
  /** @default true */
  readonly useHttps?: boolean;
  /** @default true */
  readonly verifySsl?: boolean;
  /** Virtual-hosted bucket addressing. @default - path style */
  readonly useVirtualBucket?: boolean;
}

export interface StorageCredentialsProps extends ResourceProps {
  /** The tenant whose namespace holds the service account. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /**
   * Existing Secrets holding storage credentials, created outside git (e.g. by External Secrets or
   * Sealed Secrets). KServe recognises them by their keys: `awsAccessKeyID`/`awsSecretAccessKey`
   * (S3, with `serving.kserve.io/s3-*` annotations on the Secret), `gcloud-application-credentials.json`
   * (GCS), `AZURE_CLIENT_ID`… (Azure), `https-host` (HTTPS), `HF_TOKEN` (Hugging Face).
   * @default - none
   */
  readonly secretNames?: string[];
  /** An AWS IAM role (EKS IRSA, `eks.amazonaws.com/role-arn`) that may read the model bucket. @default - none */
  readonly awsRoleArn?: string;
  /** S3 settings; on a service account KServe only reads them together with `awsRoleArn`. @default - none */
  readonly s3?: S3Settings;
  /** A Google service account (GKE Workload Identity, `iam.gke.io/gcp-service-account`). @default - none */
  readonly gcpServiceAccount?: string;
  /** Secrets for pulling private model-server or modelcar images. @default - none */
  readonly imagePullSecrets?: string[];
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const GCP_SA = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9-]+\.iam\.gserviceaccount\.com$/;

/**
 * A ServiceAccount through which KServe's storage initializer reads model storage: KServe's
 * credential builder (pkg/credentials/service_account_credentials.go) mounts the credentials of
 * every Secret the account lists, and turns an IRSA role annotation into S3 settings. Give it to
 * a component with `credentials`, or by name in `pod.serviceAccountName`.
 */
export class StorageCredentials extends Resource implements IStorageCredentials {
  /** A ServiceAccount that exists outside this app (e.g. made by your cloud's tooling), by name. */
  public static fromName(scope: Construct, id: string, name: string, namespace: string): IStorageCredentials {
    return new ExistingStorageCredentials(scope, id, name, namespace);
  }

  public readonly apiVersion = 'v1';
  public readonly kind = 'ServiceAccount';
  /** The ServiceAccount name. */
  public readonly name: string;
  public readonly namespace: string;
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: StorageCredentialsProps) {
    super(scope, id);
    this.name = resourceName(this, props.name);
    this.namespace = resolveNamespace(this, props);
    const secrets = props.secretNames ?? [];
    secrets.forEach((s, i) => checkName(this, `secretNames[${i}]`, s));
    (props.imagePullSecrets ?? []).forEach((s, i) => checkName(this, `imagePullSecrets[${i}]`, s));
    if (new Set(secrets).size !== secrets.length) fail(this, 'secretNames', 'lists a Secret twice', 'list each Secret once');
    if (!secrets.length && !props.awsRoleArn && !props.gcpServiceAccount) {
      fail(this, 'secretNames', 'no credentials: neither secretNames, awsRoleArn nor gcpServiceAccount is set',
        'list the Secret(s) holding the storage keys, or give a cloud identity (awsRoleArn, gcpServiceAccount)');
    }
    if (props.awsRoleArn !== undefined && !ROLE_ARN.test(props.awsRoleArn)) {
      fail(this, 'awsRoleArn', `"${props.awsRoleArn}" is not an IAM role ARN`, 'use arn:aws:iam::<account>:role/<name>');
    }
    if (props.gcpServiceAccount !== undefined && !GCP_SA.test(props.gcpServiceAccount)) {
      fail(this, 'gcpServiceAccount', `"${props.gcpServiceAccount}" is not a Google service account email`, 'use <name>@<project>.iam.gserviceaccount.com');
    }
    if (props.s3 && !props.awsRoleArn) {
      // s3.BuildServiceAccountEnvs only runs for accounts carrying the IRSA annotation.
      fail(this, 's3', 'KServe reads S3 settings from a service account only together with an IRSA role',
        'give awsRoleArn, or put the settings as serving.kserve.io/s3-* annotations on the Secret itself');
    }
    const annotations: Record<string, string> = { ...props.metadata?.annotations };
    if (props.awsRoleArn) annotations['eks.amazonaws.com/role-arn'] = props.awsRoleArn;
    if (props.gcpServiceAccount) annotations['iam.gke.io/gcp-service-account'] = props.gcpServiceAccount;
    const s3 = props.s3 ?? {};
    const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? '1' : '0');
    const s3Annotations: Record<string, string | undefined> = {
      'serving.kserve.io/s3-endpoint': s3.endpoint,
      'serving.kserve.io/s3-region': s3.region,
      'serving.kserve.io/s3-usehttps': flag(s3.useHttps),
      'serving.kserve.io/s3-verifyssl': flag(s3.verifySsl),
      'serving.kserve.io/s3-usevirtualbucket': s3.useVirtualBucket === undefined ? undefined : String(s3.useVirtualBucket),
    };
    for (const [k, v] of Object.entries(s3Annotations)) if (v !== undefined) annotations[k] = v;
    // Not cdk8s-plus's ServiceAccount: it cannot list imagePullSecrets.
    const account: Omit<ServiceAccount, 'apiVersion' | 'kind' | 'metadata'> = {
      secrets: secrets.length ? secrets.map((name) => ({ name })) : undefined,
      imagePullSecrets: props.imagePullSecrets?.length ? props.imagePullSecrets.map((name) => ({ name })) : undefined,
    };
    this.apiObject = this.emitResource(
      { name: this.name, namespace: this.namespace, appName: 'storage-credentials', component: 'serving', labels: props.metadata?.labels, annotations: Object.keys(annotations).length ? annotations : undefined },
      account);
  }
}

/** The service account whose storage credentials a component's storage initializer uses. */
export interface IStorageCredentials extends INamespacedResource {}

class ExistingStorageCredentials extends Construct implements IStorageCredentials {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string) {
    super(scope, id);
    checkName(this, 'name', name);
    checkName(this, 'namespace', namespace, NameRule.LABEL);
  }
}
