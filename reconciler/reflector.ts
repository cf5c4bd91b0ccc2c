// A reflector keeps a local cache of one resource in step with the API server, as client-go's
// does: a paged LIST, then a WATCH from the list's resourceVersion with bookmarks, resumed from
// the last resourceVersion seen when it ends; a relist when the server answers 410 Gone (the
// history was compacted); a watchdog for watches that go silent (a half-open connection); and
// jittered exponential backoff on errors — but not for a server that says when to come back (429
// or 503: the watch cache warming, the server starting after a restart) nor, past a few seconds, for one that
// is down (connection refused: a restart), whose end any answering request signals. The cache holds what `transform` keeps of each object
// (the reconciler keeps a slim projection, never whole objects).
import { ApiError, apiError, clientNode, collectionPath, isUnreachable, KubeApi, ResourceRef } from './kube';

export type ReflectorEvent = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Why a watch was restarted (the `reason` label of cdk8s_kubeflow_watch_restarts_total). */
export type WatchRestartReason = 'timeout' | 'gone' | 'watchdog' | 'error';

export interface ReflectorProps<T> {
  readonly api: KubeApi;
  readonly resource: ResourceRef;
  /** Only objects matching it. @default every object */
  readonly labelSelector?: string;
  /** What the cache keeps of an object (list items are given their apiVersion and kind first). */
  readonly transform: (obj: any) => T;
  /**
   * Called for every change of the cache, relists included (a relist reports only what differs),
   * with what the cache held for the key before (undefined for an ADDED).
   */
  readonly onChange?: (type: ReflectorEvent, obj: T, key: string, previous: T | undefined) => void;
  /** Called when a watch restarts (not on the first start). */
  readonly onRestart?: (reason: WatchRestartReason) => void;
  /** Called after every LIST that replaced the cache (the first one included). */
  readonly onList?: (initial: boolean) => void;
  /** Diagnostics. @default nothing */
  readonly log?: (message: string) => void;
  /** Objects per LIST page. @default 500 */
  readonly pageSize?: number;
  /** The server closes each watch after about this long (jittered up to 1.5×, so reflectors do not restart in lockstep). @default 300 */
  readonly timeoutSeconds?: number;
  /** A watch with no event or bookmark for this long is restarted. @default 2 × the watch's timeout */
  readonly watchdogMs?: number;
  /** First backoff delay after an error; doubles up to `maxBackoffMs`, each jittered. @default 500 */
  readonly backoffMs?: number;
  /** @default 30000 */
  readonly maxBackoffMs?: number;
  /**
   * Backoff cap while the server cannot be reached (connection refused or reset: usually a
   * restart, which retries cost nothing to watch for). @default 5000
   */
  readonly unreachableBackoffMs?: number;
}

/** A previously served resource answering 404 this many times in a row is taken as no longer served (its CRD was deleted), not as a server starting up. */
const NOT_FOUND_LIMIT = 3;

/** The HTTP status of an error answer (ours, or client-node's watch error), if any. */
const httpStatus = (e: unknown) => (e instanceof ApiError ? e.status : (e as { statusCode?: number } | undefined)?.statusCode);

/**
 * How long a 429 (the watch cache warming up after a restart) or a 503 (the server not ready
 * yet) asks to wait, in ms: its Retry-After, else 1 s (the API server's usual value; a watch's
 * error does not expose the header). Undefined for other errors.
 */
function retryAfterMs(e: unknown): number | undefined {
  const status = httpStatus(e);
  if (status !== 429 && status !== 503) return undefined;
  const s = e instanceof ApiError ? e.retryAfterSeconds : undefined;
  return Math.min(10, s ?? 1) * 1000;
}

/** The cache key of an object: `namespace/name`, or `name` for cluster-scoped objects. */
export function keyOf(obj: { metadata?: { name?: string; namespace?: string } }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : `${m.name}`;
}

type WatchOutcome = { reason: WatchRestartReason | 'stopped'; events: number; error?: unknown };

/** A list+watch cache of one resource; start() runs it until stop(). */
export class Reflector<T extends { metadata?: any }> {
  /** The cache: key (see keyOf) → what `transform` kept. */
  readonly store = new Map<string, T>();
  /** Set once the first LIST has filled the cache (or the resource turned out not to be served). */
  synced = false;
  /** False when the API server does not serve the resource (its CRD is not installed). */
  served = true;
  /** LISTs done after the first one. */
  relists = 0;
  /** The last resourceVersion seen; undefined means "list next". */
  resourceVersion: string | undefined;

  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private abortWatch: (() => void) | undefined;
  private failures = 0;
  private notFound = 0;
  private readonly syncedWaiters: (() => void)[] = [];

  constructor(private readonly props: ReflectorProps<T>) {}

  get resource(): ResourceRef {
    return this.props.resource;
  }

  /** Starts listing and watching in the background. */
  start(): void {
    this.running ??= this.run();
  }

  /** Resolves once the cache is synced. */
  whenSynced(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((r) => this.syncedWaiters.push(r));
  }

  /** Ends the watch and the loop; resolves when they have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abortWatch?.();
    this.wake?.();
    await this.running;
  }

  private log(msg: string): void {
    this.props.log?.(`${this.props.resource.plural}.${this.props.resource.group || 'core'}: ${msg}`);
  }

  private async run(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      try {
        if (this.resourceVersion === undefined) {
          await this.list(first);
          first = false;
          this.failures = 0;
          if (!this.served) {
            // Not served: look again later (a CRD may be installed); the cache stays empty.
            await this.sleep(this.props.maxBackoffMs ?? 30_000);
            continue;
          }
        }
        const started = Date.now();
        const outcome = await this.watchOnce();
        if (outcome.reason === 'stopped') break;
        this.props.onRestart?.(outcome.reason);
        if (outcome.reason === 'gone') {
          this.log('watch history expired (410 Gone): relisting');
          this.resourceVersion = undefined;
          continue;
        }
        // A watch that worked for a while before failing starts its backoff afresh.
        if (outcome.events > 0 || Date.now() - started >= 10_000) this.failures = 0;
        if (outcome.reason === 'error') throw outcome.error;
        if (outcome.reason === 'watchdog') this.log('watch silent for too long: restarting it');
        // A watch that ends at once without events (a proxy closing it) must not spin.
        if (outcome.events === 0 && Date.now() - started < 1000) await this.backoff();
        else this.failures = 0;
      } catch (e) {
        if (this.stopped) break;
        if (e instanceof ApiError && e.status === 410) this.resourceVersion = undefined;
        this.log(`${(e as Error).message ?? e}; retrying`);
        await this.backoff(e);
      }
    }
  }

  /**
   * Waits before the next attempt: what a 429/503 asks (not counted as a failure: the server is
   * up, only busy or starting); else jittered exponential backoff, capped low while the server is
   * unreachable and cut short as soon as any request gets an answer again.
   */
  private async backoff(error?: unknown): Promise<void> {
    const retryAfter = retryAfterMs(error);
    if (retryAfter !== undefined) {
      await this.sleep(retryAfter * (1 + Math.random() / 2)); // jitter: [1, 1.5] of what was asked
      return;
    }
    const base = this.props.backoffMs ?? 500;
    const unreachable = error !== undefined && isUnreachable(error);
    const max = unreachable ? Math.min(this.props.unreachableBackoffMs ?? 5000, this.props.maxBackoffMs ?? 30_000) : (this.props.maxBackoffMs ?? 30_000);
    const delay = Math.min(max, base * 2 ** this.failures++) * (0.5 + Math.random() / 2); // jitter: [½, 1] of the delay
    if (!unreachable) return this.sleep(delay);
    this.props.api.markUnreachable();
    const back = this.props.api.whenReachable();
    let woken = false;
    await Promise.race([this.sleep(delay), back.promise.then(() => (woken = true))]);
    back.cancel();
    this.wake?.();
    if (woken) {
      // The server answers again: retry soon (jittered, so reflectors do not all list at once).
      this.failures = 0;
      await this.sleep(base * Math.random());
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** A paged LIST replacing the cache; reports only what changed. */
  private async list(initial: boolean): Promise<void> {
    const r = this.props.resource;
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    const items = new Map<string, T>();
    let cont: string | undefined;
    let rv = '';
    do {
      const q = new URLSearchParams({ limit: String(this.props.pageSize ?? 500) });
      if (this.props.labelSelector) q.set('labelSelector', this.props.labelSelector);
      if (cont) q.set('continue', cont);
      const path = `${collectionPath(r)}?${q}`;
      const res = await this.props.api.request('GET', path, { timeoutMs: 60_000 });
      if (this.stopped) return;
      if (res.status === 410 && cont) {
        // The continue token outlived the compacted history: start the list again.
        items.clear();
        cont = undefined;
        continue;
      }
      if (res.status === 404) {
        // A server starting up answers 404 for CRDs for a moment: not served only if it lasts.
        if (this.served && this.synced && ++this.notFound < NOT_FOUND_LIMIT) throw apiError('GET', path, res);
        this.notFound = 0;
        this.served = false;
        this.replace(new Map(), undefined, initial);
        return;
      }
      if (res.status !== 200) throw apiError('GET', path, res);
      for (const item of res.body.items ?? []) {
        const obj = { apiVersion, kind: r.kind, ...item };
        items.set(keyOf(obj), this.props.transform(obj));
      }
      cont = res.body.metadata?.continue || undefined;
      rv = res.body.metadata?.resourceVersion ?? '';
    } while (cont);
    this.served = true;
    this.notFound = 0;
    this.replace(items, rv, initial);
  }

  private replace(items: Map<string, T>, rv: string | undefined, initial: boolean): void {
    if (!initial) this.relists++;
    const { onChange } = this.props;
    for (const [key, old] of this.store) {
      if (!items.has(key)) {
        this.store.delete(key);
        onChange?.('DELETED', old, key, old);
      }
    }
    for (const [key, obj] of items) {
      const old = this.store.get(key);
      this.store.set(key, obj);
      if (!old) onChange?.('ADDED', obj, key, undefined);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) onChange?.('MODIFIED', obj, key, old);
    }
    this.resourceVersion = rv;
    this.props.onList?.(initial);
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncedWaiters.splice(0)) w();
    }
  }

  /** One WATCH from resourceVersion, until it ends; never rejects. */
  private async watchOnce(): Promise<WatchOutcome> {
    const timeoutSeconds = Math.round((this.props.timeoutSeconds ?? 300) * (1 + Math.random() / 2));
    const watchdogMs = this.props.watchdogMs ?? 2 * timeoutSeconds * 1000;
    const { Watch } = clientNode();
    let events = 0;
    let settled = false;
    let controller: AbortController | undefined;
    let dog: NodeJS.Timeout | undefined;
    let resolveOutcome!: (o: WatchOutcome) => void;
    const outcome = new Promise<WatchOutcome>((r) => (resolveOutcome = r));
    const finish = (reason: WatchOutcome['reason'], error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(dog);
      this.abortWatch = undefined;
      controller?.abort();
      resolveOutcome({ reason, events, error });
    };
    const pet = () => {
      clearTimeout(dog);
      dog = setTimeout(() => finish('watchdog'), watchdogMs);
    };
    this.abortWatch = () => finish('stopped');
    if (this.stopped) finish('stopped');
    pet();
    const path = collectionPath(this.props.resource);
    const params = { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds, labelSelector: this.props.labelSelector };
    const onEvent = (type: string, obj: any) => {
      if (settled) return;
      pet();
      if (type === 'ERROR') {
        // A Status object: 410 (Expired/Gone) means the resourceVersion is too old.
        if (obj?.code === 410 || obj?.reason === 'Expired' || obj?.reason === 'Gone') finish('gone');
        else finish('error', new ApiError(obj?.code ?? 0, obj?.reason ?? '', `watch ${path}: ${obj?.message ?? 'error event'}`));
        return;
      }
      const rv = obj?.metadata?.resourceVersion;
      if (type === 'BOOKMARK') {
        if (rv) this.resourceVersion = rv;
        return;
      }
      if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
      events++;
      if (rv) this.resourceVersion = rv;
      const key = keyOf(obj);
      const slim = this.props.transform(obj);
      const previous = this.store.get(key);
      if (type === 'DELETED') {
        if (!this.store.delete(key)) return;
      } else {
        this.store.set(key, slim);
      }
      this.props.onChange?.(type, slim, key, previous);
    };
    const onDone = (err: any) => {
      if (!err) return finish('timeout');
      if (err.statusCode === 410) return finish('gone');
      if (err.name === 'AbortError') return finish(this.stopped ? 'stopped' : 'error', err);
      finish('error', err.statusCode ? new ApiError(err.statusCode, '', `watch ${path}: HTTP ${err.statusCode} ${err.message}`) : err);
    };
    try {
      controller = await new Watch(this.props.api.kc).watch(path, params, onEvent, onDone);
      if (settled) controller.abort();
    } catch (e) {
      finish('error', e);
    }
    const result = await outcome;
    if (result.reason === 'error' && isUnreachable(result.error)) this.props.api.markUnreachable();
    return result;
  }
}
