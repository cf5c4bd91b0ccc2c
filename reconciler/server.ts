// The reconciler's HTTP endpoints (node:http): /metrics for Prometheus, /healthz (the process
// answers: liveness) and /readyz (the caches are synced: readiness; leader or not is a metric,
// not readiness, so that followers stay in the Service).
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ProbeServerProps {
  /** @default 8080; 0 picks a free port */
  readonly port?: number;
  /** @default '0.0.0.0' */
  readonly host?: string;
  /** The Prometheus exposition: content type and text. */
  readonly metrics: () => Promise<{ contentType: string; text: string }>;
  /** undefined when ready, else why not (the /readyz body). */
  readonly notReady: () => string | undefined;
}

export class ProbeServer {
  private server: http.Server | undefined;

  constructor(private readonly props: ProbeServerProps) {}

  /** Listens; resolves with the port. */
  async start(): Promise<number> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${(e as Error).message}\n`);
      });
    });
    server.keepAliveTimeout = 5000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new Error(`port ${this.props.port ?? 8080} is in use; pass another with --port`) : e));
      server.listen(this.props.port ?? 8080, this.props.host ?? '0.0.0.0', () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    switch (path) {
      case '/metrics': {
        const { contentType, text } = await this.props.metrics();
        res.writeHead(200, { 'Content-Type': contentType }).end(text);
        return;
      }
      case '/healthz':
      case '/livez':
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
        return;
      case '/readyz': {
        const why = this.props.notReady();
        res.writeHead(why ? 503 : 200, { 'Content-Type': 'text/plain' }).end(why ? `not ready: ${why}\n` : 'ok\n');
        return;
      }
      default:
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: try /metrics, /healthz or /readyz\n');
    }
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
}
