import { IConstruct } from 'constructs';
import { checkName, fail, field as join, checkHttpUrl } from '../core';
import { ComponentFields } from './wire';

/** What the request logger sends (`LoggerType` in KServe). */
export enum LoggerMode {
  ALL = 'all',
  REQUEST = 'request',
  RESPONSE = 'response',
}

/** Where the logger writes payloads instead of (or as well as) an HTTP sink. */
export interface LoggerStorageProps {
  /** Path inside the storage, e.g. `isvc-logs/resnet`. */
  readonly path: string;
  /** Key of the storage entry in the `storage-config` Secret. */
  readonly key: string;
  /** Storage parameters, e.g. `{ type: 's3', bucket: 'logs' }`. */
  readonly parameters: Record<string, string>;
  /** @default - the component's service account */
  readonly serviceAccountName?: string;
}

/**
 * Request/response logging: KServe's agent sidecar sends every payload as a CloudEvent to `url`
 * (e.g. a Knative broker or a logging service) for monitoring, drift or outlier detection.
 */
export interface LoggerProps {
  /** Where to send the events. @default - the logger URL of KServe's `inferenceservice-config` */
  readonly url?: string;
  /** @default LoggerMode.ALL */
  readonly mode?: LoggerMode;
  /** Request headers to copy into the events. @default - none */
  readonly metadataHeaders?: string[];
  /** InferenceService annotations to copy into the events. @default - none */
  readonly metadataAnnotations?: string[];
  /** @default - HTTP sink only */
  readonly storage?: LoggerStorageProps;
}

/**
 * Validates and renders a component's `logger`. Mirrors KServe's `validateLogger`
 * (pkg/apis/serving/v1beta1/component.go): the mode must be all, request or response, and a
 * storage needs its path, parameters and key.
 * @internal
 */
export function renderLogger(scope: IConstruct, field: string, props: LoggerProps | undefined): ComponentFields['logger'] {
  if (!props) return undefined;
  const mode = props.mode ?? LoggerMode.ALL;
  if (!Object.values(LoggerMode).includes(mode)) {
    fail(scope, join(field, 'mode'), `"${mode}" is not a logger mode`, 'use LoggerMode.ALL, REQUEST or RESPONSE');
  }
  if (props.url !== undefined) checkHttpUrl(scope, join(field, 'url'), props.url, 'http://broker-ingress.knative-eventing.svc/team/default');
  const s = props.storage;
  if (s) {
    for (const key of ['path', 'key'] as const) {
      if (!s[key]?.trim()) fail(scope, join(field, 'storage', key), 'is empty', 'a logger storage needs its path, key and parameters (KServe: "invalid logger storage configuration")');
    }
    if (!s.parameters || Object.keys(s.parameters).length === 0) {
      fail(scope, join(field, 'storage', 'parameters'), 'is empty', 'give the storage parameters, e.g. { type: "s3", bucket: "logs" }');
    }
    if (s.serviceAccountName !== undefined) checkName(scope, join(field, 'storage', 'serviceAccountName'), s.serviceAccountName);
  }
  return {
    mode,
    url: props.url,
    metadataHeaders: props.metadataHeaders?.length ? props.metadataHeaders : undefined,
    metadataAnnotations: props.metadataAnnotations?.length ? props.metadataAnnotations : undefined,
    storage: s ? { path: s.path, key: s.key, parameters: s.parameters, serviceAccountName: s.serviceAccountName } : undefined,
  };
}
