// Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does: the
// holder renews it every `renewMs`; a candidate takes it over once it has seen the same record
// unchanged for `leaseDurationSeconds` (its own clock: clocks of different nodes disagree);
// every write carries the resourceVersion read, so two candidates never both win.
import { KubeApi } from './kube';

export interface LeaseElectorProps {
  readonly api: KubeApi;
  readonly namespace: string;
  readonly name: string;
  /** This candidate's identity (the pod name). */
  readonly identity: string;
  /** @default 15 */
  readonly leaseDurationSeconds?: number;
  /** How often the leader renews. @default 5000 */
  readonly renewMs?: number;
  /** How often a follower tries to acquire. @default 2000 */
  readonly retryMs?: number;
  /** Called when leadership is gained (true) or lost (false). */
  readonly onChange?: (leader: boolean) => void;
  readonly log?: (message: string) => void;
}

const LEASES = (ns: string) => `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/leases`;

/** RFC 3339 with microseconds, the MicroTime format of Lease times. */
export function microTime(d = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class LeaseElector {
  /** Whether this candidate holds the Lease (as of its last successful write). */
  leader = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private tick: Promise<void> = Promise.resolve();
  /** The record last seen and when (our clock): the holder is gone once it stays unchanged for the lease duration. */
  private observed: { rv: string; at: number } | undefined;
  private lastRenew = 0;

  constructor(private readonly props: LeaseElectorProps) {}

  private get durationS(): number {
    return this.props.leaseDurationSeconds ?? 15;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.attempt().finally(() => this.schedule(this.leader ? (this.props.renewMs ?? 5000) : (this.props.retryMs ?? 2000)));
    }, ms);
  }

  /** Stops electing; a leader releases the Lease so that another candidate takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
    if (!this.leader) return;
    try {
      const path = `${LEASES(this.props.namespace)}/${encodeURIComponent(this.props.name)}`;
      const res = await this.props.api.request('GET', path, { timeoutMs: 5000 });
      if (res.status === 200 && res.body.spec?.holderIdentity === this.props.identity) {
        const spec = { ...res.body.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime() };
        await this.props.api.request('PUT', path, { body: { ...res.body, spec }, timeoutMs: 5000 });
      }
    } catch (e) {
      this.props.log?.(`releasing Lease ${this.props.name}: ${(e as Error).message}`);
    }
    this.setLeader(false);
  }

  private setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.props.log?.(leader ? `became leader (Lease ${this.props.namespace}/${this.props.name})` : `no longer leader (Lease ${this.props.namespace}/${this.props.name})`);
    this.props.onChange?.(leader);
  }

  /** One try to acquire or renew. */
  private async attempt(): Promise<void> {
    try {
      const won = await this.tryAcquireOrRenew();
      if (won) this.lastRenew = Date.now();
      // A leader that could not renew within the lease duration must assume another took over.
      this.setLeader(won || (this.leader && Date.now() - this.lastRenew < (this.durationS * 1000 * 2) / 3));
    } catch (e) {
      this.props.log?.(`Lease ${this.props.name}: ${(e as Error).message}`);
      if (this.leader && Date.now() - this.lastRenew >= (this.durationS * 1000 * 2) / 3) this.setLeader(false);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { api, namespace, name, identity } = this.props;
    const now = microTime();
    const path = `${LEASES(namespace)}/${encodeURIComponent(name)}`;
    const got = await api.request('GET', path, { timeoutMs: 5000 });
    if (got.status === 404) {
      const res = await api.request('POST', LEASES(namespace), {
        body: {
          apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
          metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kubeflow' } },
          spec: { holderIdentity: identity, leaseDurationSeconds: this.durationS, acquireTime: now, renewTime: now, leaseTransitions: 0 },
        },
        timeoutMs: 5000,
      });
      if (res.status === 409) return false; // another candidate created it first
      if (res.status !== 201) throw new Error(`create Lease ${namespace}/${name}: HTTP ${res.status} ${res.body?.message ?? ''}`);
      return true;
    }
    if (got.status !== 200) throw new Error(`get Lease ${namespace}/${name}: HTTP ${got.status} ${got.body?.message ?? ''}`);
    const lease = got.body;
    const spec = lease.spec ?? {};
    const rv = lease.metadata.resourceVersion;
    const observed: { rv: string; at: number } = this.observed && this.observed.rv === rv ? this.observed : { rv, at: Date.now() };
    this.observed = observed;
    const holder = spec.holderIdentity ?? '';
    const held = holder !== '' && holder !== identity;
    const durationMs = (spec.leaseDurationSeconds ?? this.durationS) * 1000;
    if (held && Date.now() - observed.at < durationMs) return false;
    const mine = holder === identity;
    const next = {
      ...lease,
      spec: {
        ...spec,
        holderIdentity: identity,
        leaseDurationSeconds: this.durationS,
        renewTime: now,
        acquireTime: mine ? (spec.acquireTime ?? now) : now,
        leaseTransitions: (spec.leaseTransitions ?? 0) + (mine ? 0 : 1),
      },
    };
    const res = await api.request('PUT', path, { body: next, timeoutMs: 5000 });
    if (res.status === 409) return false; // someone else wrote it since our read
    if (res.status !== 200) throw new Error(`update Lease ${namespace}/${name}: HTTP ${res.status} ${res.body?.message ?? ''}`);
    this.observed = { rv: res.body.metadata.resourceVersion, at: Date.now() };
    return true;
  }
}
