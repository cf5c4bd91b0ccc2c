import { describeResource, Finding, Manifest, ManifestSource } from './findings';
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

function rejection(source: ManifestSource, e: any): Finding {
  const status = parseStatus(e?.body);
  if (status?.message) {
    const causes: Array<{ field?: string; message?: string }> = status.details?.causes ?? [];
    // Rules on the whole object (CEL) report the field as "<nil>".
    const path = causes.find((c) => c.field && c.field !== '<nil>')?.field;
    return finding(source, `server/${(status.reason ?? 'rejected').toLowerCase()}`, status.message, fixFor(status.reason), path ? `.${path.replace(/^\./, '')}` : '.');
  }
  const message = e instanceof Error ? e.message : String(e);
  // The client looks the kind up in the server's discovery first: no such kind, or no such group (404).
  if (/Unrecognized API version and kind/.test(message) || (/Failed to fetch resource metadata/.test(message) && isHttpError(e) && e.code === 404)) {
    const o = source.object;
    return finding(source, 'server/unknown-kind', `the server does not serve ${o.apiVersion} ${o.kind}`,
      'install the CRD for this kind in the cluster (see schemas/crds/) or check the apiVersion');
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

function fixFor(reason: string | undefined): string {
  switch (reason) {
    case 'Invalid': return 'change the field the server names to a value its schema accepts';
    case 'NotFound': return 'install the CRD for this kind, or create what the object refers to';
    case 'Forbidden': return 'your credentials may not create this object: check RBAC, or an admission policy rejected it';
    default: return 'see the server\'s message';
  }
}

function finding(source: ManifestSource, rule: string, message: string, fix: string, path = '.'): Finding {
  return { severity: 'error', rule, file: source.file, resource: describeResource(source.object), path, message, fix };
}
