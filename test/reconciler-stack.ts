// Helpers of the reconciler's cluster tests: a small ML stack (ConfigMap, PyTorchJob,
// Experiment, InferenceService) stamped as synth stamps it, its Inventory, applying it, playing
// the operators (status patches), a TCP proxy that tests cut, and waiting.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { App, ApiObject } from 'cdk8s';
import { parse, stringify } from 'yaml';
import { Stack } from '../constructs/core';
import { clusterRulesFor, leaseRules } from '../constructs/reconciler/rbac';
import { INVENTORY_GROUP, INVENTORY_PLURAL, INVENTORY_VERSION, inventoryFor, LABELS, Manifest, withContentHash } from '../manifest';
import { expectOk, KubeClient } from './cluster/client';

export const INVENTORIES = `/apis/${INVENTORY_GROUP}/${INVENTORY_VERSION}/${INVENTORY_PLURAL}`;

/** The URL path of an object. */
export function pathOf(o: Manifest): string {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const plural = { ConfigMap: 'configmaps', PyTorchJob: 'pytorchjobs', Experiment: 'experiments', InferenceService: 'inferenceservices', Inventory: INVENTORY_PLURAL }[o.kind];
  if (!plural) throw new Error(`no plural known for ${o.kind}`);
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const ns = o.metadata?.namespace ? `/namespaces/${o.metadata.namespace}` : '';
  return `${base}${ns}/${plural}/${o.metadata!.name}`;
}

/** The stack's objects, labelled and hashed as synth makes them. */
export function stackObjects(stack: string, namespace: string): Manifest[] {
  const meta = (name: string) => ({ name, namespace, labels: { [LABELS.stack]: stack } });
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('settings'), data: { lr: '0.01' } },
    {
      apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: meta('mnist'),
      spec: { pytorchReplicaSpecs: { Master: { replicas: 1, template: { spec: { containers: [{ name: 'pytorch', image: 'pytorch:2' }] } } }, Worker: { replicas: 2, template: { spec: { containers: [{ name: 'pytorch', image: 'pytorch:2' }] } } } } },
    },
    {
      apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: meta('tune'),
      spec: {
        maxTrialCount: 4, parallelTrialCount: 2,
        objective: { type: 'maximize', objectiveMetricName: 'accuracy' },
        algorithm: { algorithmName: 'random' },
        parameters: [{ name: 'lr', parameterType: 'double', feasibleSpace: { min: '0.001', max: '0.1' } }],
      },
    },
    {
      apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: meta('iris'),
      spec: { predictor: { model: { modelFormat: { name: 'sklearn' }, storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model' } } },
    },
  ].map((o) => withContentHash(o as Manifest));
}

/**
 * Creates the namespace, applies the objects (server-side apply) and then their Inventory, from
 * scratch: what an earlier run left on a reused cluster (statuses, Events) is deleted first.
 */
export async function applyStack(client: KubeClient, stack: string, namespace: string, objects = stackObjects(stack, namespace)): Promise<Manifest[]> {
  await client.ensureNamespace(namespace);
  for (const o of [inventoryFor(stack, objects), ...objects]) await client.delete(pathOf(o));
  await client.delete(`/apis/events.k8s.io/v1/namespaces/${namespace}/events`);
  for (const o of objects) expectOk(await client.apply(pathOf(o), o), `apply ${o.kind} ${o.metadata!.name}`);
  const inv = inventoryFor(stack, objects);
  expectOk(await client.apply(pathOf(inv), inv), `apply Inventory ${stack}`);
  return objects;
}

/** Plays an operator: merge-patches the object's status. */
export async function patchStatus(client: KubeClient, o: Manifest, status: unknown): Promise<void> {
  expectOk(await client.request('PATCH', `${pathOf(o)}/status`, { body: { status }, contentType: 'application/merge-patch+json' }), `status of ${o.kind} ${o.metadata!.name}`);
}

/** Polls `fn` every 25 ms until it returns a truthy value (returned) or `timeoutMs` passes (the last error or value is reported). */
export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The Inventory's status. */
export async function inventoryStatus(client: KubeClient, stack: string): Promise<any> {
  return expectOk(await client.get(`${INVENTORIES}/${stack}`), `get Inventory ${stack}`).status;
}

/** Events (events.k8s.io/v1) of a namespace. */
export async function eventsIn(client: KubeClient, namespace: string): Promise<any[]> {
  return expectOk(await client.get(`/apis/events.k8s.io/v1/namespaces/${namespace}/events`), 'list events').items;
}

/**
 * The ClusterRole and Lease rules the reconciler construct computes for a stack of `objects`
 * (constructs/reconciler/rbac.ts), as cdk8s ApiObjects of a throwaway Stack.
 */
export function reconcilerRules(objects: Manifest[], leaseName: string): { cluster: any[]; lease: any[] } {
  const app = new App();
  const stack = new Stack(app, 'rbac-probe');
  objects.forEach((o, i) => new ApiObject(stack, `o${i}`, { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata!.name } }));
  return { cluster: clusterRulesFor([stack]) as any[], lease: leaseRules(leaseName) as any[] };
}

/** Grants `namespace/sa` the rules: a ClusterRole + binding, and a Role + binding in `namespace`. */
export async function grant(client: KubeClient, name: string, namespace: string, sa: string, rules: { cluster: any[]; lease: any[] }): Promise<void> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  const subject = [{ kind: 'ServiceAccount', name: sa, namespace }];
  const ref = (kind: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
  expectOk(await client.apply(`${rbac}/clusterroles/${name}`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: rules.cluster }), 'ClusterRole');
  expectOk(await client.apply(`${rbac}/clusterrolebindings/${name}`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name }, roleRef: ref('ClusterRole'), subjects: subject }), 'ClusterRoleBinding');
  expectOk(await client.apply(`${rbac}/namespaces/${namespace}/roles/${name}`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules: rules.lease }), 'Role');
  expectOk(await client.apply(`${rbac}/namespaces/${namespace}/rolebindings/${name}`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace }, roleRef: ref('Role'), subjects: subject }), 'RoleBinding');
}

/** A copy of a kubeconfig whose server is `server`. */
export function kubeconfigVia(kubeconfig: string, server: string, file: string): string {
  const cfg = parse(fs.readFileSync(kubeconfig, 'utf8'));
  for (const c of cfg.clusters) c.cluster.server = server;
  fs.writeFileSync(file, stringify(cfg), { mode: 0o600 });
  return file;
}

/**
 * A TCP proxy to `target` (host:port) that a test cuts: `cut()` resets every connection,
 * `refuse` rejects new ones, `freeze()` stops forwarding on the open ones (a half-open
 * connection: nothing arrives, nothing closes).
 */
export class TcpProxy {
  refuse = false;
  private readonly server = net.createServer((down) => this.connect(down));
  private readonly pairs = new Set<{ down: net.Socket; up: net.Socket }>();
  private readonly frozen: net.Socket[] = [];

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `https://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  private connect(down: net.Socket): void {
    if (this.refuse) {
      down.resetAndDestroy();
      return;
    }
    const up = net.connect(this.target.port, this.target.host);
    const pair = { down, up };
    this.pairs.add(pair);
    down.pipe(up);
    up.pipe(down);
    const close = () => {
      this.pairs.delete(pair);
      down.destroy();
      up.destroy();
    };
    down.on('error', close).on('close', close);
    up.on('error', close).on('close', close);
  }

  /** Resets every open connection. */
  cut(): number {
    const n = this.pairs.size;
    for (const { down, up } of this.pairs) {
      down.resetAndDestroy();
      up.destroy();
    }
    this.pairs.clear();
    return n;
  }

  /** Stops forwarding on the open connections without closing them. */
  freeze(): number {
    for (const { down, up } of this.pairs) {
      down.unpipe(up);
      up.unpipe(down);
      down.pause();
      up.pause();
      this.frozen.push(down, up);
    }
    const n = this.pairs.size;
    this.pairs.clear(); // forgotten: later cuts leave them hanging, as a dead peer would
    return n;
  }

  async close(): Promise<void> {
    this.cut();
    for (const s of this.frozen.splice(0)) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}
