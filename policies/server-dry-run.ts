import { describeResource, Finding, Manifest, ManifestSource, RuleId } from '../manifest';
import { inParallel } from './in-parallel';
import { kube, KubeConfig } from './kube-client';

export interface ServerDryRunOptions {
  /** Field manager recorded by the (dry-run) apply. @default 'cdk8s-kubeflow' */
  readonly fieldManager?: string;
  /** Requests in flight at once. @default 8 */
  readonly concurrency?: number;
}

export interface ServerDryRunResult {
  readonly findings: Finding[];
  readonly checked: number;
  /**
   * Objects whose namespace does not exist yet but is created by an object of the same set
   * (a Namespace, or a Profile whose controller creates it); they were checked in `default`.
   */
  readonly retargeted: number;
}

/**
 * Sends every object to the API server as a server-side apply with `dryRun=All`: the server
 * runs defaulting, its own validation (schemas incl. CEL rules, quantities, immutable fields)
 * and admission webhooks, and persists nothing. Rejections become findings with the server's
 * own message, in the same format as schema validation.
 */
export async function serverDryRun(kc: KubeConfig, sources: ManifestSource[], options: ServerDryRunOptions = {}): Promise<ServerDryRunResult> {
  try {
    await kc.makeApiClient(kube.VersionApi).getCode();
  } catch (e) {
    // Else every object would be reported, each with a misleading reason (e.g. "does not serve v1 Namespace").
    if (!isHttpError(e)) throw new ServerUnreachableError(`cannot reach the API server ${kc.getCurrentCluster()?.server}: ${(e as Error).message}`);
    if (e.code === 401) throw new ServerUnreachableError(`the API server ${kc.getCurrentCluster()?.server} does not accept the kubeconfig's credentials (HTTP 401); log in again or refresh its token`);
  }
  const api = kube.KubernetesObjectApi.makeApiClient(kc);
  const created = namespacesCreatedBy(sources.map((s) => s.object));
  const existing = new Map<string, Promise<boolean>>();
  const namespaceExists = (ns: string) => {
    if (!existing.has(ns)) {
      // Only a 404 says it is missing; otherwise (e.g. no permission to read namespaces) the apply will tell.
      existing.set(ns, api.read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }).then(() => true, (e) => !(isHttpError(e) && e.code === 404)));
    }
    return existing.get(ns)!;
  };
  const findings: Finding[] = [];
  let retargeted = 0;
  const check = async (source: ManifestSource) => {
    let object = source.object as any;
    const unaddressable = addressProblem(source);
    if (unaddressable) {
      findings.push(unaddressable);
      return;
    }
    const ns: string | undefined = object.metadata?.namespace;
    if (ns && !(await namespaceExists(ns))) {
      if (!created.has(ns)) {
        findings.push(finding(source, 'server/namespace', `namespace "${ns}" does not exist in the cluster and nothing in this set creates it`,
          `create the namespace (or a Tenant named "${ns}") first`, '.metadata.namespace'));
        return;
      }
      object = { ...object, metadata: { ...object.metadata, namespace: 'default' } };
      retargeted++;
    }
    try {
      await api.patch(object, undefined, 'All', options.fieldManager ?? 'cdk8s-kubeflow', true, kube.PatchStrategy.ServerSideApply);
    } catch (e) {
      findings.push(rejection(source, e));
    }
  };
  await inParallel(sources, options.concurrency ?? 8, check);
  findings.sort((a, b) => (a.file ?? a.resource).localeCompare(b.file ?? b.resource));
  return { findings, checked: sources.length, retargeted };
}

/** Namespaces that applying `objects` creates: Namespaces, and Profiles (the profile controller makes one per Profile). */
function namespacesCreatedBy(objects: Manifest[]): Set<string> {
  return new Set(objects
    .filter((o) => o.kind === 'Namespace' || (o.kind === 'Profile' && o.apiVersion.startsWith('kubeflow.org/')))
    .map((o) => o.metadata?.name)
    .filter((n): n is string => !!n));
}

/**
 * The lowest bar every object name and namespace must clear: a DNS-1123 subdomain (some kinds
 * want less, a DNS-1123 label). Anything else cannot even be addressed: the client puts names
 * into the URL lower-cased, so the server would answer "does not match the name on the URL"
 * or 404 instead of saying what is wrong.
 */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function addressProblem(source: ManifestSource): Finding | undefined {
  for (const key of ['name', 'namespace'] as const) {
    const value = source.object.metadata?.[key];
    if (value === undefined && key === 'namespace') continue;
    if (typeof value === 'string' && value.length <= 253 && SUBDOMAIN.test(value)) continue;
    const suggestion = typeof value === 'string' ? value.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') : '';
    return finding(source, 'server/invalid-name',
      value === undefined ? 'has no name' : `${JSON.stringify(value)} is not a valid ${key}: the API server accepts lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters (some kinds allow only 63 and no ".")`,
      suggestion ? `rename it, e.g. "${suggestion}"` : `set metadata.${key}`, `.metadata.${key}`);
  }
  return undefined;
}

function rejection(source: ManifestSource, e: any): Finding {
  const status = parseStatus(e?.body);
  const code = isHttpError(e) ? e.code : undefined;
  if (status?.message) {
    const causes: Array<{ field?: string; message?: string }> = status.details?.causes ?? [];
    // Rules on the whole object (CEL) report the field as "<nil>".
    const field = causes.find((c) => c.field && c.field !== '<nil>')?.field;
    const path = field ? `.${field.replace(/^\./, '')}` : '.';
    const http = code && code >= 500 ? ` (HTTP ${code})` : '';
    return finding(source, `server/${(status.reason ?? 'rejected').toLowerCase()}`, `${status.message}${http}`, fixFor(source, status.reason, code, status.message, path), path);
  }
  const message = e instanceof Error ? e.message : String(e);
  // The client looks the kind up in the server's discovery first: no such kind, or no such group (404).
  if (/Unrecognized API version and kind/.test(message) || (/Failed to fetch resource metadata/.test(message) && isHttpError(e) && e.code === 404)) {
    const o = source.object;
    return finding(source, 'server/unknown-kind', `the server does not serve ${o.apiVersion} ${o.kind}`,
      'install the CRD for this kind in the cluster (the crds/ of the release schemas folder, e.g. schemas/kubeflow-platform-2026-04/crds/ of this package) or check the apiVersion');
  }
  return finding(source, 'server/error', message, 'check the connection to the API server and your credentials');
}

/** The API server could not be reached at all (connection refused, DNS, TLS): no object was checked. */
export class ServerUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerUnreachableError';
  }
}

/** An error carrying an HTTP status from the server, as opposed to a network failure. */
function isHttpError(e: unknown): e is { code: number; body?: unknown } {
  return typeof (e as { code?: unknown } | null)?.code === 'number';
}

function parseStatus(body: unknown): any {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' ? body : undefined;
}

/** What to do about a rejection, by the server's reason (and HTTP status when the reason is generic). */
function fixFor(source: ManifestSource, reason: string | undefined, code: number | undefined, message: string, path: string): string {
  const { kind, metadata } = source.object;
  const webhook = /(?:admission webhook|calling webhook) "([^"]+)"/.exec(message)?.[1];
  if (webhook && /failed calling webhook/.test(message)) {
    return `the admission webhook "${webhook}" could not be reached (a dry run calls webhooks too): check that its Deployment and Service run in the cluster`;
  }
  if (webhook) return `the admission webhook "${webhook}" denied it: change the object as its message asks`;
  switch (reason) {
    case 'Invalid': return path === '.' ? 'change the object as the server\'s message asks' : `change ${path} to a value the server accepts (its message says which)`;
    case 'NotFound': return 'install the CRD for this kind, or create what the object refers to (e.g. its namespace)';
    case 'Forbidden': {
      // A server-side apply is a PATCH: the user needs `patch` (and `create`) on the resource.
      const resource = /resource "([^"]+)"/.exec(message)?.[1] ?? `${kind.toLowerCase()}s`;
      const ns = metadata?.namespace ? ` --namespace ${metadata.namespace}` : '';
      return `the kubeconfig's user may not apply this ${kind}${metadata?.namespace ? ` in namespace "${metadata.namespace}"` : ''}: it needs patch and create on ${resource} (check with \`kubectl auth can-i patch ${resource}${ns}\`), or the admission policy the message names denied it`;
    }
    case 'Unauthorized': return 'the kubeconfig\'s credentials were not accepted: log in again or refresh its token';
    case 'Conflict': case 'AlreadyExists': return 'the object changed on the server while it was checked: run again';
    case 'BadRequest': return 'the server could not read the request: check apiVersion, kind and the field types';
    case 'Timeout': case 'ServiceUnavailable': case 'TooManyRequests': return 'the API server is busy or restarting: run again in a moment';
    default:
      if (/failed to create typed patch object/.test(message)) return 'a field has a type or format the server\'s schema does not allow (its message names it): correct it';
      return code && code >= 500 ? 'the API server failed while checking this object: run again, and look at its logs if it persists' : 'see the server\'s message';
  }
}

function finding(source: ManifestSource, rule: RuleId, message: string, fix: string, path = '.'): Finding {
  return { severity: 'error', rule, file: source.file, resource: describeResource(source.object), path, message, fix };
}
