// `cdk8s-kubeflow reconcile`: runs the reconciler in the foreground against the kubeconfig's
// cluster (in a pod: its service account), what the container image runs. SIGTERM or SIGINT
// releases the Lease and exits 0.
import { hostname } from 'node:os';
import { UsageError } from './usage';

export interface ReconcileOptions {
  readonly kubeconfig?: string;
  /** Label selector of the Inventories to track. @default every Inventory */
  readonly stacks?: string;
  /** Namespace of the Lease. @default $POD_NAMESPACE, the pod's, the kubeconfig context's, else default */
  readonly namespace?: string;
  /** @default 8080 */
  readonly port?: number;
  /** @default derived from --stacks */
  readonly leaseName?: string;
  /** Ends the run (tests; the command itself ends on SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
}

export async function run(opts: ReconcileOptions = {}): Promise<number> {
  const { defaultNamespace, KubeConfigError, loadKubeConfig } = await import('../reconciler/kube');
  const { Reconciler, leaseNameFor } = await import('../reconciler/reconciler');
  let kubeconfig;
  try {
    kubeconfig = loadKubeConfig(opts.kubeconfig);
  } catch (e) {
    if (e instanceof KubeConfigError) throw new UsageError(`${e.message}${opts.kubeconfig === undefined ? '; pass --kubeconfig <file> or set KUBECONFIG' : ''}`);
    throw e;
  }
  const namespace = opts.namespace ?? defaultNamespace(kubeconfig);
  const identity = process.env.POD_NAME ?? `${hostname()}-${process.pid}`;
  const leaseName = opts.leaseName ?? leaseNameFor(opts.stacks);
  const log = (m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`);
  const reconciler = new Reconciler({ kubeconfig, stacks: opts.stacks, namespace, leaseName, identity, port: opts.port ?? 8080, log });
  const stopped = new Promise<string>((resolve) => {
    opts.signal?.addEventListener('abort', () => resolve('stop requested'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  try {
    await reconciler.start();
  } catch (e) {
    await reconciler.stop();
    throw new UsageError((e as Error).message);
  }
  log(`reconciler ${identity} watching Inventories${opts.stacks ? ` matching ${opts.stacks}` : ''} on ${reconciler.api.server}; Lease ${namespace}/${leaseName}; /metrics /healthz /readyz on :${reconciler.port}`);
  const why = await stopped;
  log(`${why}: releasing the Lease and stopping`);
  await reconciler.stop();
  return 0;
}
