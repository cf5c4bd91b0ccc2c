// `cdk8s-kubeflow status [stack]`: reads the Inventories (their status is the reconciler's
// report) and prints them kubectl-style, as JSON, or again on every change (--watch). It needs
// no reconciler running to read, only the Inventory CRD.
import { INVENTORY_CONDITIONS, INVENTORY_GROUP, INVENTORY_KIND, INVENTORY_PLURAL, INVENTORY_VERSION, Inventory, InventoryProgress } from '../manifest/inventory';
import type { KubeApi } from '../reconciler/kube';
import { describeProgress, Progress } from '../reconciler/progress';
import { plural } from './report';
import { UsageError } from './usage';

export interface StatusOptions {
  readonly kubeconfig?: string;
  /** @default 'text' */
  readonly output?: 'text' | 'json';
  /** Print again on every change until interrupted. @default false */
  readonly watch?: boolean;
  /** Where output goes. @default process.stdout */
  readonly out?: NodeJS.WritableStream;
  /** Ends --watch when aborted (tests; the command itself ends on SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
}

const INVENTORIES = `/apis/${INVENTORY_GROUP}/${INVENTORY_VERSION}/${INVENTORY_PLURAL}`;

export async function run(stack: string | undefined, opts: StatusOptions = {}): Promise<number> {
  const out = opts.out ?? process.stdout;
  const { KubeApi, KubeConfigError, loadKubeConfig } = await import('../reconciler/kube');
  let api: KubeApi;
  try {
    api = new KubeApi(loadKubeConfig(opts.kubeconfig));
  } catch (e) {
    if (e instanceof KubeConfigError) throw new UsageError(`${e.message}${opts.kubeconfig === undefined ? '; pass --kubeconfig <file> or set KUBECONFIG' : ''}`);
    throw e;
  }
  try {
    const items = await readInventories(api, stack);
    const print = (list: Inventory[]) => out.write(opts.output === 'json' ? json(list, stack, opts.watch) : text(list, stack));
    print(items);
    if (opts.watch) await watch(api, stack, print, opts.signal);
    return 0;
  } finally {
    api.close();
  }
}

/** The Inventories (one when `stack` is given), without managedFields. */
async function readInventories(api: KubeApi, stack: string | undefined): Promise<Inventory[]> {
  const path = stack ? `${INVENTORIES}/${encodeURIComponent(stack)}` : INVENTORIES;
  let res;
  try {
    res = await api.request('GET', path);
  } catch (e) {
    throw new Error(`cannot reach the API server ${api.server}: ${(e as Error).message}`);
  }
  if (res.status === 404 && (!stack || res.body?.details?.kind !== INVENTORY_PLURAL)) {
    throw new Error(`the API server ${api.server} does not serve ${INVENTORY_PLURAL}.${INVENTORY_GROUP}/${INVENTORY_VERSION}: the Inventory CRD is not installed (deploy the reconciler stack, dist/reconciler/)`);
  }
  if (res.status === 404) throw new Error(`no Inventory named "${stack}" (list them with \`cdk8s-kubeflow status\`)`);
  if (res.status === 401 || res.status === 403) throw new Error(`the API server refused to list Inventories (HTTP ${res.status}): ${res.body?.message ?? ''}`);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}: ${res.body?.message ?? res.body}`);
  const items: any[] = stack ? [res.body] : res.body.items.map((i: any) => ({ apiVersion: `${INVENTORY_GROUP}/${INVENTORY_VERSION}`, kind: INVENTORY_KIND, ...i }));
  return items.map(withoutManagedFields);
}

function withoutManagedFields(i: any): Inventory {
  const { managedFields: _m, ...metadata } = i.metadata ?? {};
  return { ...i, metadata };
}

/** Prints again whenever an Inventory changes (debounced), until the signal or SIGINT/SIGTERM. */
async function watch(api: KubeApi, stack: string | undefined, print: (list: Inventory[]) => void, signal?: AbortSignal): Promise<void> {
  const { Reflector } = await import('../reconciler/reflector');
  const resource = { group: INVENTORY_GROUP, version: INVENTORY_VERSION, kind: INVENTORY_KIND, plural: INVENTORY_PLURAL, namespaced: false };
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const reflector = new Reflector<Inventory>({
    api,
    resource,
    transform: withoutManagedFields,
    onChange: () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const list = [...reflector.store.values()].filter((i) => !stack || i.metadata.name === stack).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
        const key = JSON.stringify(list.map((i) => i.status ?? null));
        if (key !== last) print(list);
        last = key;
      }, 100);
    },
  });
  reflector.start();
  await reflector.whenSynced();
  last = JSON.stringify([...reflector.store.values()].filter((i) => !stack || i.metadata.name === stack).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)).map((i) => i.status ?? null));
  await new Promise<void>((resolve) => {
    const end = () => resolve();
    signal?.addEventListener('abort', end);
    process.once('SIGINT', end);
    process.once('SIGTERM', end);
  });
  clearTimeout(timer);
  await reflector.stop();
}

function json(list: Inventory[], stack: string | undefined, watching?: boolean): string {
  const doc = stack ? list[0] ?? null : { apiVersion: 'v1', kind: 'List', items: list };
  return watching ? `${JSON.stringify(doc)}\n` : `${JSON.stringify(doc, null, 2)}\n`;
}

/** kubectl-style columns: each as wide as its widest cell, three spaces apart. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** `5s`, `3m`, `2h`, `4d`, as kubectl's AGE. */
export function age(since: string | undefined, now = Date.now()): string {
  const t = since ? Date.parse(since) : NaN;
  if (Number.isNaN(t)) return '<unknown>';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

const readyOf = (i: Inventory) => i.status?.conditions?.find((c) => c.type === INVENTORY_CONDITIONS.ready);

function text(list: Inventory[], stack: string | undefined): string {
  if (!stack) {
    if (!list.length) return 'No Inventories found (synth emits one per stack; Argo CD applies them).\n';
    return table(['STACK', 'OBJECTS', 'SYNCED', 'HEALTHY', 'READY', 'AGE'], list.map((i) => {
      const s = i.status?.summary;
      const n = (v: number | undefined) => (s ? String(v ?? 0) : '-');
      return [i.spec?.stack ?? i.metadata.name, s ? String(s.objects) : String(i.spec?.objects?.length ?? 0), n(s?.synced), n(s?.healthy), readyOf(i)?.status ?? 'Unknown', age(i.metadata.creationTimestamp as string | undefined)];
    }));
  }
  const inv = list[0];
  if (!inv) return `Inventory ${stack} is gone.\n`;
  const s = inv.status?.summary;
  const ready = readyOf(inv);
  const lines = [
    `Stack:    ${inv.spec.stack}`,
    `Ready:    ${ready ? `${ready.status}${ready.message ? ` (${ready.message})` : ''}` : 'Unknown (no reconciler has reported on it yet)'}`,
  ];
  if (s) {
    lines.push(`Objects:  ${s.objects}: ${s.synced} synced, ${s.outOfSync} out of sync, ${s.missing} missing, ${s.orphaned} orphaned`);
    lines.push(`Health:   ${s.healthy} healthy, ${s.progressing} progressing, ${s.degraded} degraded, ${s.suspended} suspended, ${s.unknown} unknown`);
  }
  if (inv.status?.lastReconcileTime) lines.push(`Reported: ${age(inv.status.lastReconcileTime)} ago`);
  const rows = inv.status?.objects ?? [];
  let body = lines.join('\n') + '\n';
  if (rows.length) {
    body += '\n' + table(['KIND', 'NAMESPACE', 'NAME', 'SYNC', 'HEALTH', 'PROGRESS', 'MESSAGE'], rows.map((r) => [r.kind, r.namespace ?? '', r.name, r.sync, r.health, progressText(r.progress), r.message ?? '']));
  }
  const shown = rows.length + (s?.rowsOmitted ?? 0);
  if (s && s.objects + s.orphaned > shown) body += `${rows.length ? '' : '\n'}(${plural(s.objects + s.orphaned - shown, 'other object')} synced and healthy)\n`;
  if (s?.rowsOmitted) body += `(${plural(s.rowsOmitted, 'more row')} not stored: the status keeps at most ${rows.length})\n`;
  return body;
}

/** ML progress in one cell: the progress extractors' one-liner; unknown shapes as key=value pairs. */
export function progressText(p: InventoryProgress | undefined, max = 80): string {
  if (!p) return '';
  if (typeof p.type === 'string') {
    try {
      const s = describeProgress(p as unknown as Progress);
      return s.length > max ? `${s.slice(0, max - 1)}…` : s;
    } catch {
      /* a shape of another version: show its fields */
    }
  }
  const parts: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) {
      parts.push(`${prefix}=${v.length && v.every((x) => typeof x !== 'object') ? v.join('/') : `[${v.length}]`}`);
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
    } else {
      parts.push(`${prefix}=${v}`);
    }
  };
  walk(p, '');
  const s = parts.join(' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
