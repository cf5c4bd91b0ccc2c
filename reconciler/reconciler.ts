// The reconciler: reflectors for the selected Inventories and for every kind they list (the set
// follows the Inventories as they change), a debounced reconcile per stack (≤ debounceMs after
// a change: assess → report → transitions), and, on the leader only, the status write and the
// Events. Followers keep their caches and rows warm, so a failover neither relists nor repeats
// Events. Pure parts: assess.ts, report.ts, transitions.ts, metrics.ts.
import { createHash } from 'node:crypto';
import { LABELS, Manifest } from '../manifest';
import { INVENTORY_GROUP, INVENTORY_KIND, INVENTORY_PLURAL, INVENTORY_VERSION, Inventory, InventoryStatus } from '../manifest/inventory';
import { assessInventory, CacheLookup, KindState, ObjectRef, Row, RowMemo } from './assess';
import { KubeApi, KubeConfig, ResourceRef } from './kube';
import { LeaseElector } from './lease';
import { createMetrics, Metrics } from './metrics';
import { Reflector } from './reflector';
import { statusOf } from './report';
import { ProbeServer } from './server';
import { slim } from './slim';
import { transitions } from './transitions';
import { StatusWriter } from './writer';

/** The Lease name of a reconciler with no `--stacks` selector. */
export const DEFAULT_LEASE_NAME = 'cdk8s-kubeflow-reconciler';

/** The Lease of a stack selector: each selector (each shard) elects its own leader. */
export function leaseNameFor(stacks: string | undefined): string {
  return stacks ? `${DEFAULT_LEASE_NAME}-${createHash('sha256').update(stacks).digest('hex').slice(0, 10)}` : DEFAULT_LEASE_NAME;
}

/** Timings, for tests and the bench; production uses the defaults. */
export interface ReconcilerTuning {
  /** @default 200 */
  readonly debounceMs?: number;
  /** Watch timeout (seconds). @default 300 */
  readonly watchTimeoutSeconds?: number;
  /** @default 2 × the watch timeout */
  readonly watchdogMs?: number;
  /** @default 500 */
  readonly backoffMs?: number;
  /** @default 30000 */
  readonly maxBackoffMs?: number;
  /** @default 15 */
  readonly leaseDurationSeconds?: number;
  /** @default 5000 */
  readonly renewMs?: number;
  /** @default 2000 */
  readonly retryMs?: number;
}

export interface ReconcilerProps {
  readonly kubeconfig: KubeConfig;
  /** Label selector of the Inventories (stacks) this reconciler tracks. @default every Inventory */
  readonly stacks?: string;
  /** Namespace of the Lease. */
  readonly namespace: string;
  /** @default leaseNameFor(stacks) */
  readonly leaseName?: string;
  /** This instance (Lease holder, Events' reportingInstance): the pod name. */
  readonly identity: string;
  /** Port of /metrics, /healthz, /readyz; undefined runs no server. @default none */
  readonly port?: number;
  /** @default '0.0.0.0' */
  readonly host?: string;
  /** Diagnostics (one line each). @default nothing */
  readonly log?: (message: string) => void;
  readonly tuning?: ReconcilerTuning;
}

/**
 * The label selector of the tracked objects: the stacks selector itself when it only speaks of
 * the stack label (objects carry that label, not the Inventory's others), else every object
 * with a stack label.
 */
export function objectSelector(stacks: string | undefined): string {
  if (!stacks) return LABELS.stack;
  const requirements = stacks.split(/,(?![^()]*\))/).map((r) => r.trim()).filter(Boolean);
  const keyOf = (r: string) => r.replace(/^!/, '').split(/\s*(?:!=|==|=|\s+notin\s|\s+in\s|$)/)[0].trim();
  return requirements.length && requirements.every((r) => keyOf(r) === LABELS.stack) ? stacks : LABELS.stack;
}

const INVENTORY_RESOURCE: ResourceRef = { group: INVENTORY_GROUP, version: INVENTORY_VERSION, kind: INVENTORY_KIND, plural: INVENTORY_PLURAL, namespaced: false };

const kindKey = (group: string, kind: string) => `${group}/${kind}`;

/** A kind the Inventories list: its reflector, or why there is none. */
interface Watched {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  reflector?: Reflector<Manifest>;
  /** Not served by the API server (its CRD is not installed): every object of it is Missing. */
  unserved?: boolean;
  /** Discovery failed: the kind's state is unknown. */
  error?: string;
}

/**
 * What the cache keeps of an Inventory: its identity, labels, generation and spec, and its status
 * as JSON text (a third of the heap of the parsed rows; parsed only by a reconcile of the stack).
 * Annotations (kubectl's last-applied copy of the whole spec) and managedFields are dropped.
 */
type CachedInventory = Pick<Inventory, 'apiVersion' | 'kind' | 'metadata' | 'spec'> & { readonly statusJson?: string };

function cachedInventory(obj: any): CachedInventory {
  const m = obj.metadata ?? {};
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: { name: m.name, uid: m.uid, generation: m.generation, resourceVersion: m.resourceVersion, labels: m.labels ?? {} },
    spec: obj.spec,
    ...(obj.status !== undefined ? { statusJson: JSON.stringify(obj.status) } : {}),
  };
}

/** The Inventory as assess/report/writer read it. */
function inventoryOfCached(c: CachedInventory): Inventory {
  const { statusJson, ...rest } = c;
  return { ...rest, ...(statusJson !== undefined ? { status: JSON.parse(statusJson) as InventoryStatus } : {}) } as Inventory;
}

/** What a reconcile depends on in an Inventory besides its status: its stack, generation and kinds. */
interface InventoryShape {
  readonly stack: string;
  readonly generation: unknown;
  readonly labels: string;
  /** `group/kind` → the version listed. */
  readonly kinds: Map<string, { group: string; version: string; kind: string }>;
}

export class Reconciler {
  readonly metrics: Metrics;
  readonly api: KubeApi;
  readonly writer: StatusWriter;
  readonly elector: LeaseElector;
  /** The port the probe server listens on, once started. */
  port: number | undefined;

  private readonly inventories: Reflector<CachedInventory>;
  /** Inventory name → what its reconciles depend on (kept to tell a spec change from a status echo). */
  private readonly shapes = new Map<string, InventoryShape>();
  private readonly memos = new Map<string, RowMemo>();
  private readonly kinds = new Map<string, Watched>();
  /** stack → kind (`group/kind`) → store keys (`ns/name`, the reflector's own strings) of the cached objects labelled with it. */
  private readonly byStack = new Map<string, Map<string, Set<string>>>();
  private readonly rows = new Map<string, Row[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly server: ProbeServer | undefined;
  private discoveryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private started = false;

  constructor(private readonly props: ReconcilerProps) {
    this.api = new KubeApi(props.kubeconfig);
    this.metrics = createMetrics();
    this.writer = new StatusWriter({ api: this.api, identity: props.identity, log: props.log });
    const t = props.tuning ?? {};
    this.elector = new LeaseElector({
      api: this.api,
      namespace: props.namespace,
      name: props.leaseName ?? leaseNameFor(props.stacks),
      identity: props.identity,
      leaseDurationSeconds: t.leaseDurationSeconds,
      renewMs: t.renewMs,
      retryMs: t.retryMs,
      log: props.log,
      onChange: (leader) => {
        this.metrics.setLeader(leader);
        // A new leader writes what it knows at once (the previous one may have left it stale).
        if (leader) for (const stack of this.stacks()) this.schedule(stack, 0);
      },
    });
    this.inventories = this.reflector(INVENTORY_RESOURCE, props.stacks ?? LABELS.stack, cachedInventory, (obj) => this.inventoryChanged(obj));
    if (props.port !== undefined) {
      this.server = new ProbeServer({
        port: props.port,
        host: props.host,
        metrics: async () => ({ contentType: this.metrics.registry.contentType, text: await this.metrics.registry.metrics() }),
        notReady: () => this.notReady(),
      });
    }
  }

  /** Whether this instance holds the Lease. */
  get leader(): boolean {
    return this.elector.leader;
  }

  /** Starts the probe server, the watches and the election; resolves once the server listens. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.server) this.port = await this.server.start();
    this.inventories.start();
    this.elector.start();
  }

  /** Resolves when every cache has been listed once (kinds still being discovered included). */
  async whenSynced(): Promise<void> {
    for (;;) {
      await this.inventories.whenSynced();
      if (!this.notReady()) return;
      const listing = [...this.kinds.values()].filter((k) => k.reflector && !k.reflector.synced);
      // Kinds still in discovery have no reflector to wait on yet: look again shortly.
      await (listing.length ? Promise.all(listing.map((k) => k.reflector!.whenSynced())) : new Promise((r) => setTimeout(r, 50)));
    }
  }

  /** Why /readyz fails, or undefined when every cache is synced. */
  notReady(): string | undefined {
    if (!this.inventories.synced) return 'Inventories not listed yet';
    const pending = [...this.kinds.values()].filter((k) => !k.unserved && !k.reflector?.synced).map((k) => k.kind);
    return pending.length ? `not listed yet: ${pending.join(', ')}` : undefined;
  }

  /** The rows last assessed for a stack (leader or not). */
  rowsOf(stack: string): readonly Row[] | undefined {
    return this.rows.get(stack);
  }

  /** Stops: releases the Lease (so another instance takes over at once), ends the watches and the server. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    clearTimeout(this.discoveryTimer);
    await Promise.allSettled(this.running.values());
    await this.elector.stop();
    await Promise.all([this.inventories.stop(), ...[...this.kinds.values()].map((k) => k.reflector?.stop())]);
    await this.server?.stop();
    this.api.close();
  }

  private log(msg: string): void {
    this.props.log?.(msg);
  }

  private reflector<T extends { metadata?: any }>(resource: ResourceRef, labelSelector: string, transform: (o: any) => T, onChange: (obj: T, key: string, previous: T | undefined, deleted: boolean) => void): Reflector<T> {
    const t = this.props.tuning ?? {};
    const kind = resource.kind;
    return new Reflector<T>({
      api: this.api,
      resource,
      labelSelector,
      transform,
      onChange: (type, obj, key, previous) => onChange(obj, key, previous, type === 'DELETED'),
      onRestart: (reason) => {
        this.metrics.watchRestarted(kind, reason);
        if (reason === 'watchdog') this.api.resetConnections();
      },
      onList: () => {
        this.metrics.relisted(kind);
        // Stacks waiting for this kind may now be assessed.
        for (const stack of this.stacks()) this.schedule(stack);
      },
      log: this.props.log,
      timeoutSeconds: t.watchTimeoutSeconds,
      watchdogMs: t.watchdogMs,
      backoffMs: t.backoffMs,
      maxBackoffMs: t.maxBackoffMs,
    });
  }

  /** The stacks of the cached Inventories. */
  private stacks(): string[] {
    return [...this.inventories.store.values()].map((i) => i.spec?.stack ?? i.metadata.name);
  }

  private inventoryOf(stack: string): CachedInventory | undefined {
    const byName = this.inventories.store.get(stack);
    if (byName?.spec?.stack === stack) return byName;
    return [...this.inventories.store.values()].find((i) => i.spec?.stack === stack);
  }

  /**
   * An Inventory event. A change of its status alone (same generation: the spec is unchanged)
   * needs no new kinds and, when it is our own status write coming back, no reconcile either: it
   * is only kept as the live status the next write is a patch of.
   */
  private inventoryChanged(inv: CachedInventory): void {
    const name = inv.metadata.name;
    const stack = inv.spec?.stack ?? name;
    const before = this.shapes.get(name);
    if (!this.inventories.store.has(name)) {
      this.shapes.delete(name);
      this.rows.delete(stack);
      this.memos.delete(stack);
      this.writer.forget(name);
      this.syncKinds();
      this.schedule(stack);
      return;
    }
    const labels = JSON.stringify(inv.metadata.labels ?? {});
    const generation = inv.metadata.generation;
    if (before && typeof generation === 'number' && before.generation === generation && before.stack === stack && before.labels === labels) {
      if (!this.writer.isOwnWrite(name, inv.metadata.resourceVersion as string | undefined)) this.schedule(stack); // someone else's status: ours may differ
      return;
    }
    const kinds = new Map<string, { group: string; version: string; kind: string }>();
    for (const e of inv.spec?.objects ?? []) {
      const key = kindKey(e.group, e.kind);
      if (!kinds.has(key)) kinds.set(key, { group: e.group, version: e.version, kind: e.kind });
    }
    this.shapes.set(name, { stack, generation, labels, kinds });
    if (before && before.stack !== stack) this.schedule(before.stack);
    this.syncKinds();
    this.schedule(stack);
  }

  /** Starts reflectors for kinds the Inventories list that have none, stops those no Inventory lists any more. */
  private syncKinds(): void {
    if (this.stopped) return;
    const wanted = new Map<string, { group: string; version: string; kind: string }>();
    for (const shape of this.shapes.values()) {
      for (const [key, k] of shape.kinds) if (!wanted.has(key)) wanted.set(key, k);
    }
    for (const [key, w] of this.kinds) {
      const want = wanted.get(key);
      if (!want || want.version !== w.version) {
        this.kinds.delete(key);
        void w.reflector?.stop();
        for (const kinds of this.byStack.values()) kinds.delete(key);
      }
    }
    for (const [key, want] of wanted) {
      if (this.kinds.has(key)) continue;
      const w: Watched = { ...want };
      this.kinds.set(key, w);
      void this.discover(key, w);
    }
  }

  /** Finds the kind's resource and starts its reflector; retried later when the kind is not served. */
  private async discover(key: string, w: Watched): Promise<void> {
    try {
      const resource = await this.api.resourceFor(w.group, w.version, w.kind);
      if (this.stopped || this.kinds.get(key) !== w) return;
      w.error = undefined;
      if (!resource) {
        w.unserved = true;
        this.log(`${w.group || 'core'}/${w.version} ${w.kind} is not served by the API server (CRD not installed?): its objects are Missing; looking again in 30 s`);
        this.rediscoverLater();
      } else {
        w.unserved = false;
        w.reflector = this.reflector(resource, objectSelector(this.props.stacks), slim, (obj, k, previous, deleted) => this.objectChanged(key, obj, k, previous, deleted));
        w.reflector.start();
      }
    } catch (e) {
      if (this.kinds.get(key) !== w) return;
      w.error = (e as Error).message;
      this.log(`discovering ${w.kind}: ${w.error}`);
      this.rediscoverLater();
    }
    for (const stack of this.stacks()) this.schedule(stack);
  }

  private rediscoverLater(): void {
    if (this.discoveryTimer || this.stopped) return;
    this.discoveryTimer = setTimeout(() => {
      this.discoveryTimer = undefined;
      for (const [key, w] of this.kinds) if (!w.reflector) void this.discover(key, w);
    }, this.props.tuning?.maxBackoffMs ?? 30_000);
  }

  /** A cached object changed: the stacks it was and is labelled with are reconciled. */
  private objectChanged(kind: string, obj: Manifest, key: string, previous: Manifest | undefined, deleted: boolean): void {
    const before = previous?.metadata?.labels?.[LABELS.stack];
    const now = deleted ? undefined : obj.metadata?.labels?.[LABELS.stack];
    if (before !== now) {
      if (before) this.byStack.get(before)?.get(kind)?.delete(key);
      if (now) {
        let kinds = this.byStack.get(now);
        if (!kinds) this.byStack.set(now, (kinds = new Map()));
        let keys = kinds.get(kind);
        if (!keys) kinds.set(kind, (keys = new Set()));
        keys.add(key);
      }
    }
    if (before) this.schedule(before);
    if (now && now !== before) this.schedule(now);
  }

  /** The cache as assess.ts reads it. */
  private lookup(): CacheLookup {
    const storeKey = (ref: ObjectRef) => (ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name);
    return {
      get: (ref) => this.kinds.get(kindKey(ref.group, ref.kind))?.reflector?.store.get(storeKey(ref)),
      labelled: (stack) => {
        const out: Manifest[] = [];
        for (const [kind, keys] of this.byStack.get(stack) ?? []) {
          const store = this.kinds.get(kind)?.reflector?.store;
          for (const key of keys) {
            const obj = store?.get(key);
            if (obj) out.push(obj);
          }
        }
        return out;
      },
      kindState: (group, kind) => this.kindState(group, kind),
    };
  }

  private kindState(group: string, kind: string): KindState {
    const w = this.kinds.get(kindKey(group, kind));
    if (!w) return 'pending';
    if (w.unserved) return 'synced'; // nothing of it can exist: Missing is the truth
    if (w.reflector?.synced) return 'synced';
    if (w.error) return { error: w.error };
    return 'pending';
  }

  /** Reconciles `stack` after `delayMs` unless already due; a change during a reconcile runs it again after. */
  private schedule(stack: string, delayMs = this.props.tuning?.debounceMs ?? 200): void {
    if (this.stopped) return;
    if (this.running.has(stack)) {
      this.dirty.add(stack);
      return;
    }
    if (this.timers.has(stack)) {
      if (delayMs > 0) return;
      clearTimeout(this.timers.get(stack));
    }
    this.timers.set(stack, setTimeout(() => {
      this.timers.delete(stack);
      const run = this.reconcile(stack).finally(() => {
        this.running.delete(stack);
        if (this.dirty.delete(stack)) this.schedule(stack);
      });
      this.running.set(stack, run);
    }, delayMs));
  }

  private async reconcile(stack: string): Promise<void> {
    const cached = this.inventoryOf(stack);
    if (!cached || this.stopped) {
      this.rows.delete(stack);
      this.memos.delete(stack);
      this.metrics.forgetStack(stack);
      return;
    }
    const lookup = this.lookup();
    // Wait for every kind the stack lists (each list schedules again): no report from half a cache.
    const kinds = this.shapes.get(cached.metadata.name)?.kinds.values() ?? [];
    if ([...kinds].some((k) => lookup.kindState!(k.group, k.kind) === 'pending') || !this.inventories.synced) return;
    const end = this.metrics.startReconcile(stack);
    const inv = inventoryOfCached(cached);
    let memo = this.memos.get(stack);
    if (!memo) this.memos.set(stack, (memo = new RowMemo()));
    const rows = assessInventory(inv, lookup, memo);
    const status = statusOf(inv, rows, new Date());
    const events = transitions(this.rows.get(stack), rows);
    this.rows.set(stack, rows);
    this.metrics.observeRows(stack, rows);
    end();
    this.metrics.countTransitions(stack, events);
    if (!this.elector.leader) return;
    // Events do not wait for the status write, nor fail with it.
    const emitted = Promise.all(events.map((e) => this.writer.emit(e).catch((err) => this.log(`Event ${e.reason} for ${e.regarding.kind} ${e.regarding.name}: ${(err as Error).message}`))));
    try {
      await this.writer.writeStatus(inv, status);
      await emitted;
      this.failures.delete(stack);
    } catch (e) {
      // Retry with backoff even if nothing changes meanwhile (e.g. the API server restarts).
      const n = this.failures.get(stack) ?? 0;
      this.failures.set(stack, n + 1);
      const delay = Math.min(this.props.tuning?.maxBackoffMs ?? 30_000, (this.props.tuning?.backoffMs ?? 500) * 2 ** n);
      this.log(`status of ${stack}: ${(e as Error).message}; retrying in ${Math.round(delay)} ms`);
      setTimeout(() => this.schedule(stack, 0), delay * (0.5 + Math.random() / 2)).unref();
    }
  }
}
