// The reconciler's access to the API server: @kubernetes/client-node 1.4 loaded on first use,
// the kubeconfig kubectl would use, a small JSON request helper (raw paths: paged lists,
// merge patches on /status, Leases, Events) and discovery of a kind's resource name.
//
// The kubeconfig lookup repeats policies/kube-client.ts's on purpose: reconciler/ may import
// only manifest/, health/ and client-node (DESIGN.md's layout table), and policies/ is neither.
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type * as k8s from '@kubernetes/client-node';

export type KubeConfig = k8s.KubeConfig;
type ClientNode = typeof k8s;

let loaded: ClientNode | undefined;

/**
 * @kubernetes/client-node, loaded on first use (it costs ~100 ms and only `reconcile` and
 * `status` need it). It is ESM-only: Node ≥ 20.19 `require`s ES modules natively, but jest's
 * loader does not and also wraps `node:module`; process.getBuiltinModule reaches the real one.
 */
export function clientNode(): ClientNode {
  if (!loaded) {
    const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
    loaded = createRequire(__filename)('@kubernetes/client-node') as ClientNode;
  }
  return loaded;
}

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const IN_CLUSTER_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** No kubeconfig could be found or read; the message says what was tried. */
export class KubeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeConfigError';
  }
}

/**
 * The kubeconfig kubectl would use: `file` if given, else $KUBECONFIG's files (merged), else
 * ~/.kube/config, else the pod's service account. Finding none is an error naming every place
 * tried (client-node's loadFromDefault() would fall back to an unauthenticated localhost:8080).
 */
export function loadKubeConfig(file?: string): KubeConfig {
  const { KubeConfig } = clientNode();
  const kc = new KubeConfig();
  if (file !== undefined) return readInto(kc, file);
  const envFiles = (process.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  const existing = envFiles.filter((f) => existsSync(f));
  if (existing.length) {
    readInto(kc, existing[0]);
    for (const f of existing.slice(1)) kc.mergeConfig(readInto(new KubeConfig(), f));
    return kc;
  }
  const home = join(process.env.HOME || homedir(), '.kube', 'config');
  if (!envFiles.length && existsSync(home)) return readInto(kc, home);
  if (!envFiles.length && existsSync(IN_CLUSTER_TOKEN)) {
    kc.loadFromCluster();
    return kc;
  }
  const tried = envFiles.length
    ? [`$KUBECONFIG=${process.env.KUBECONFIG} (no such file)`]
    : ['$KUBECONFIG (not set)', `${home} (does not exist)`, `${IN_CLUSTER_TOKEN} (not running in a pod)`];
  throw new KubeConfigError(`no kubeconfig found; tried ${tried.join(', ')}`);
}

function readInto(kc: KubeConfig, file: string): KubeConfig {
  if (!existsSync(file)) throw new KubeConfigError(`kubeconfig ${file} does not exist`);
  if (!readFileSync(file, 'utf8').trim()) throw new KubeConfigError(`kubeconfig ${file} is empty`);
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new KubeConfigError(`kubeconfig ${file} is not a valid kubeconfig: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!kc.getCurrentCluster()?.server) throw new KubeConfigError(`kubeconfig ${file}: the current context "${kc.getCurrentContext()}" names no cluster`);
  return kc;
}

/** The namespace a pod runs in (its service account's), else the kubeconfig context's, else `default`. */
export function defaultNamespace(kc: KubeConfig): string {
  if (process.env.POD_NAMESPACE) return process.env.POD_NAMESPACE;
  if (existsSync(IN_CLUSTER_NAMESPACE)) return readFileSync(IN_CLUSTER_NAMESPACE, 'utf8').trim();
  return kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
}

export interface KubeResponse<T = any> {
  readonly status: number;
  readonly body: T;
  /** The Retry-After header (seconds), when the server sent one (429, 503). */
  readonly retryAfterSeconds?: number;
}

/** An HTTP error answer of the API server, with its Status reason and code. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly reason: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether an error means the API server could not be reached at all (down, restarting), not that it answered. */
export function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code ?? (e as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (code && /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND|UND_ERR_SOCKET|ERR_STREAM_PREMATURE_CLOSE)$/.test(code)) return true;
  return /socket hang up|ECONNREFUSED|ECONNRESET|Premature close|no answer from/.test(String((e as Error | undefined)?.message ?? ''));
}

/** The resource of a kind: what a URL needs. */
export interface ResourceRef {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Plural resource name, e.g. `pytorchjobs`. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** The cluster-wide collection path of a resource (all namespaces). */
export function collectionPath(r: ResourceRef): string {
  return `${groupVersionPath(r.group, r.version)}/${r.plural}`;
}

/** The path of one object of a resource. */
export function objectPath(r: ResourceRef, name: string, namespace?: string): string {
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${groupVersionPath(r.group, r.version)}${ns}/${r.plural}/${encodeURIComponent(name)}`;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** @default application/json */
  readonly contentType?: string;
  /** @default 30000 */
  readonly timeoutMs?: number;
}

/**
 * JSON requests to the API server of a kubeconfig's current context, with its credentials
 * (client certificates, tokens, exec plugins: whatever client-node supports), over one
 * keep-alive agent; watches go through client-node's `Watch`.
 */
export class KubeApi {
  readonly server: string;
  private readonly agent = new https.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly discovered = new Map<string, Promise<Map<string, ResourceRef>>>();
  /** Set when a request found the server unreachable; cleared by the next answer. */
  private unreachable = false;
  private readonly reachableWaiters = new Set<() => void>();

  constructor(readonly kc: KubeConfig) {
    const server = kc.getCurrentCluster()?.server;
    if (!server) throw new KubeConfigError(`the kubeconfig's current context "${kc.getCurrentContext()}" names no cluster`);
    this.server = server.replace(/\/+$/, '');
  }

  /** Sends a request; resolves with any HTTP status, rejects only when the server could not be reached. */
  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<KubeResponse<T>> {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const url = new URL(this.server + path);
    const options: https.RequestOptions = {
      method,
      headers: {
        Accept: 'application/json',
        ...(payload !== undefined ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
      },
      timeout: opts.timeoutMs ?? 30_000,
    };
    await this.kc.applyToHTTPSOptions(options); // CA, client cert, Authorization header
    const mod = url.protocol === 'http:' ? http : https;
    if (url.protocol === 'https:') options.agent = this.agentFor(options);
    return new Promise((resolve, reject) => {
      const req = mod.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON: keep the text */
          }
          const retryAfter = Number(res.headers['retry-after']);
          this.answered();
          resolve({ status: res.statusCode ?? 0, body, ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}) });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer from ${this.server} within ${options.timeout} ms`)));
      req.on('error', (e) => {
        if (isUnreachable(e)) this.unreachable = true;
        reject(e);
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /**
   * Resolves when a request next gets an answer after the server was found unreachable (at once
   * if it was not): whoever waits out an outage in backoff is woken when any request (the Lease's
   * renewals, another reflector's retry) finds the server back. `cancel` drops the waiter.
   */
  whenReachable(): { promise: Promise<void>; cancel: () => void } {
    if (!this.unreachable) return { promise: Promise.resolve(), cancel: () => undefined };
    let waiter!: () => void;
    const promise = new Promise<void>((r) => (waiter = r));
    this.reachableWaiters.add(waiter);
    return { promise, cancel: () => this.reachableWaiters.delete(waiter) };
  }

  /** Marks the server unreachable (a watch, which does not go through request(), could not connect). */
  markUnreachable(): void {
    this.unreachable = true;
  }

  private answered(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    const waiters = [...this.reachableWaiters];
    this.reachableWaiters.clear();
    for (const w of waiters) w();
  }

  /** Like request(), but a non-2xx answer is an ApiError. */
  async call<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.request<T>(method, path, opts);
    if (res.status < 200 || res.status >= 300) throw apiError(method, path, res);
    return res.body;
  }

  /**
   * The resource of `group/version` `kind`, from discovery (cached per group/version); undefined
   * when the API server does not serve it (a CRD not installed).
   */
  async resourceFor(group: string, version: string, kind: string): Promise<ResourceRef | undefined> {
    const key = `${group}/${version}`;
    let resources = this.discovered.get(key);
    if (!resources) {
      resources = this.discover(group, version);
      this.discovered.set(key, resources);
      // Forget failures and "not served" answers: a CRD may be installed later.
      resources.then((m) => m.size || this.discovered.delete(key), () => this.discovered.delete(key));
    }
    return (await resources).get(kind);
  }

  private async discover(group: string, version: string): Promise<Map<string, ResourceRef>> {
    const path = groupVersionPath(group, version);
    const res = await this.request('GET', path);
    if (res.status === 404) return new Map();
    if (res.status !== 200) throw apiError('GET', path, res);
    const out = new Map<string, ResourceRef>();
    for (const r of res.body.resources ?? []) {
      if (!String(r.name).includes('/')) out.set(r.kind, { group, version, kind: r.kind, plural: r.name, namespaced: !!r.namespaced });
    }
    return out;
  }

  /** Drops pooled connections: after a watch went silent, the others to the same server are suspect too. */
  resetConnections(): void {
    this.close();
  }

  /** Closes pooled connections (the client stays usable: new requests open new ones). */
  close(): void {
    this.agent.destroy();
    for (const a of this.agents.values()) a.destroy();
  }

  // One agent per TLS identity (client-node fills in ca/cert/key per request).
  private readonly agents = new Map<string, https.Agent>();
  private agentFor(o: https.RequestOptions): https.Agent {
    if (!o.ca && !o.cert && !o.key && o.rejectUnauthorized === undefined) return this.agent;
    const key = `${String(o.ca)}|${String(o.cert)}|${o.rejectUnauthorized}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: o.ca, cert: o.cert, key: o.key, rejectUnauthorized: o.rejectUnauthorized, servername: (o as any).servername });
      this.agents.set(key, agent);
    }
    return agent;
  }
}

/** An ApiError from a non-2xx answer, with the server's Status message. */
export function apiError(method: string, path: string, res: KubeResponse): ApiError {
  const status = typeof res.body === 'object' && res.body ? res.body : undefined;
  const message = status?.message ?? (typeof res.body === 'string' ? res.body.slice(0, 300) : '');
  return new ApiError(res.status, status?.reason ?? '', `${method} ${path}: HTTP ${res.status}${message ? `: ${message}` : ''}`, res.retryAfterSeconds);
}
