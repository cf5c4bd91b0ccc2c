// A tiny dependency-free REST client for the test API server (node:https + client cert).
import * as https from 'node:https';

export interface KubeResponse<T = any> {
  readonly status: number;
  readonly body: T;
  /** The raw response text. */
  readonly text: string;
}

export interface RequestOptions {
  /** Request body; objects are sent as JSON. */
  readonly body?: unknown;
  /** Content type; defaults to application/json (use application/apply-patch+yaml for server-side apply). */
  readonly contentType?: string;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs?: number;
}

export interface KubeClientCredentials {
  readonly server: string;
  readonly ca: string | Buffer;
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

export class KubeClient {
  private readonly agent: https.Agent;
  private readonly base: URL;

  constructor(creds: KubeClientCredentials) {
    this.base = new URL(creds.server);
    this.agent = new https.Agent({ ca: creds.ca, cert: creds.cert, key: creds.key, keepAlive: true, maxSockets: 8 });
  }

  get server(): string {
    return this.base.origin;
  }

  /** Sends a request; never throws for HTTP error statuses (check `status`). */
  request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<KubeResponse<T>> {
    const payload =
      opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    return this.send<T>(method, path, opts, payload, true);
  }

  private send<T>(method: string, path: string, opts: RequestOptions, payload: string | undefined, mayRetry: boolean): Promise<KubeResponse<T>> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        new URL(path, this.base),
        {
          method,
          agent: this.agent,
          headers: {
            Accept: 'application/json',
            ...(payload !== undefined
              ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) }
              : {}),
          },
          timeout: opts.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any = text;
            if ((res.headers['content-type'] ?? '').includes('json')) {
              try {
                body = JSON.parse(text);
              } catch {
                /* keep text */
              }
            }
            resolve({ status: res.statusCode ?? 0, body, text });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', (e: NodeJS.ErrnoException) => {
        // A pooled keep-alive socket that the server closed just as it was reused ("socket hang
        // up": kube-apiserver closes idle connections, and a test file may compute for minutes
        // between two requests on a loaded machine): send it again once, on a new connection, as
        // Node's documentation advises; but not a create (POST), which the server may have done.
        if (mayRetry && method !== 'POST' && req.reusedSocket && e.code === 'ECONNRESET') this.send<T>(method, path, opts, payload, false).then(resolve, reject);
        else reject(e);
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get<T = any>(path: string): Promise<KubeResponse<T>> {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown): Promise<KubeResponse<T>> {
    return this.request<T>('POST', path, { body });
  }
  put<T = any>(path: string, body: unknown): Promise<KubeResponse<T>> {
    return this.request<T>('PUT', path, { body });
  }
  delete<T = any>(path: string): Promise<KubeResponse<T>> {
    return this.request<T>('DELETE', path);
  }
  /** Server-side apply (the object must carry apiVersion, kind and metadata.name). */
  apply<T = any>(path: string, obj: unknown, fieldManager = 'cdk8s-kubeflow-test'): Promise<KubeResponse<T>> {
    const sep = path.includes('?') ? '&' : '?';
    return this.request<T>('PATCH', `${path}${sep}fieldManager=${encodeURIComponent(fieldManager)}&force=true`, {
      body: obj,
      contentType: 'application/apply-patch+yaml',
    });
  }

  /** Creates the namespace unless it exists (e.g. `argocd`, which installing Argo CD would create). */
  async ensureNamespace(name: string): Promise<void> {
    const res = await this.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    if (res.status !== 409) expectOk(res, `creating namespace ${name}`);
  }

  /** Closes pooled keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}

/** Throws unless the response status is 2xx; returns the body. */
export function expectOk<T>(res: KubeResponse<T>, what: string): T {
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${what}: HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
  }
  return res.body;
}
