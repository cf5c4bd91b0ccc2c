// What the reconciler writes, and only the leader: an Inventory's status (a JSON merge patch on
// its /status subresource, sent only when the status differs from the live one) and
// events.k8s.io/v1 Events on transitions.
import { INVENTORY_GROUP, INVENTORY_PLURAL, INVENTORY_VERSION, InventoryStatus } from '../manifest/inventory';
import { apiError, KubeApi } from './kube';
import { microTime } from './lease';
import { statusChanged } from './report';
import type { ReconcilerEvent } from './transitions';

/** The controller name on every Event. */
export const REPORTING_CONTROLLER = 'cdk8s-kubeflow.io/reconciler';

export interface StatusWriterProps {
  readonly api: KubeApi;
  /** `reportingInstance` of Events: the pod name. */
  readonly identity: string;
  readonly log?: (message: string) => void;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as any)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The JSON merge patch (RFC 7386) turning `from` into `to`: removed keys become null, arrays are replaced whole. */
export function mergePatch(from: any, to: any): any {
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(from ?? {})) if (to?.[k] === undefined) patch[k] = null;
  for (const [k, v] of Object.entries(to ?? {})) {
    if (v === undefined) continue;
    const old = from?.[k];
    if (isPlainObject(v) && isPlainObject(old)) {
      const sub = mergePatch(old, v);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (canonical(v) !== canonical(old)) {
      patch[k] = v;
    }
  }
  return patch;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export class StatusWriter {
  /** Status writes sent (for tests and the bench). */
  writes = 0;
  /** What was last written per Inventory, and the resourceVersion it was based on: a write the watch has not reported yet is not sent twice. */
  private readonly written = new Map<string, { status: string; basedOn: string | undefined }>();
  /** The resourceVersion each Inventory got from our last status write: its watch event is our own echo. */
  private readonly ownVersions = new Map<string, string>();
  private seq = 0;

  constructor(private readonly props: StatusWriterProps) {}

  /**
   * Patches `inventory`'s status to `status` unless it is already that (lastReconcileTime aside);
   * returns whether it wrote. `live` is the Inventory as last seen.
   */
  async writeStatus(live: { metadata: { name: string; resourceVersion?: string }; status?: InventoryStatus }, status: InventoryStatus): Promise<boolean> {
    const name = live.metadata.name;
    if (!statusChanged(live.status, status)) return false;
    const next = canonical(status);
    const pending = this.written.get(name);
    if (pending && pending.status === next && pending.basedOn === live.metadata.resourceVersion) return false;
    const path = `/apis/${INVENTORY_GROUP}/${INVENTORY_VERSION}/${INVENTORY_PLURAL}/${encodeURIComponent(name)}/status`;
    const body = { status: mergePatch(live.status ?? {}, status) };
    const res = await this.props.api.request('PATCH', path, { body, contentType: 'application/merge-patch+json' });
    if (res.status === 404) return false; // the Inventory was deleted meanwhile
    if (res.status !== 200) throw apiError('PATCH', path, res);
    this.written.set(name, { status: next, basedOn: live.metadata.resourceVersion });
    const rv = res.body?.metadata?.resourceVersion;
    if (typeof rv === 'string') this.ownVersions.set(name, rv);
    this.writes++;
    return true;
  }

  /** Whether the Inventory at `resourceVersion` is what our last status write made of it. */
  isOwnWrite(name: string, resourceVersion: string | undefined): boolean {
    return resourceVersion !== undefined && this.ownVersions.get(name) === resourceVersion;
  }

  /** Forgets what was written for an Inventory (it was deleted). */
  forget(name: string): void {
    this.written.delete(name);
    this.ownVersions.delete(name);
  }

  /** Creates an Event (events.k8s.io/v1); cluster-scoped objects' Events go to `default`, as kubectl does. */
  async emit(e: ReconcilerEvent): Promise<void> {
    const namespace = e.regarding.namespace || 'default';
    const now = new Date();
    const name = `${e.regarding.name}.${(now.getTime() * 1000 + (this.seq++ % 1000)).toString(16)}`;
    const path = `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/events`;
    const { group, version, kind, name: objName, namespace: objNs, uid } = e.regarding;
    const apiVersion = group ? `${group}/${version}` : version;
    const res = await this.props.api.request('POST', path, {
      body: {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name, namespace },
        eventTime: microTime(now),
        reportingController: REPORTING_CONTROLLER,
        reportingInstance: this.props.identity,
        action: 'Reconcile',
        reason: e.reason,
        note: e.note,
        type: e.type,
        regarding: { apiVersion, kind, name: objName, ...(objNs ? { namespace: objNs } : {}), ...(uid ? { uid } : {}) },
      },
    });
    if (res.status !== 201) throw apiError('POST', path, res);
  }
}
