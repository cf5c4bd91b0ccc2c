// The Inventory: one cluster-scoped object per stack that lists every object synth made for it
// (spec, written by synth) and how each is doing in the cluster (status, written only by the
// reconciler). Its conditions follow kstatus, so Argo CD and Flux read a stack's health from it.
import { withContentHash } from './content-hash';
import { groupOf, Manifest } from './manifest';
import { ANNOTATIONS, LABELS } from './metadata';

export const INVENTORY_GROUP = 'cdk8s-kubeflow.io';
export const INVENTORY_VERSION = 'v1alpha1';
export const INVENTORY_API_VERSION = `${INVENTORY_GROUP}/${INVENTORY_VERSION}`;
export const INVENTORY_KIND = 'Inventory';
export const INVENTORY_PLURAL = 'inventories';
export const INVENTORY_SHORT_NAME = 'inv';
/** The CRD's name: `<plural>.<group>`. */
export const INVENTORY_CRD_NAME = `${INVENTORY_PLURAL}.${INVENTORY_GROUP}`;
/** At most this many rows in `status.objects` (an etcd object is at most 1.5 MiB); the rest are counted in `summary.rowsOmitted`. */
export const INVENTORY_ROW_CAP = 500;

/** Sync states of a tracked object. */
export const SYNC_STATES = ['Synced', 'OutOfSync', 'Missing', 'Orphaned'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Health statuses, as `health/` assesses them (kept equal to its HEALTH_STATUSES by a test; manifest/ imports nothing of ours). */
export const INVENTORY_HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'] as const;
export type InventoryHealth = (typeof INVENTORY_HEALTH_STATUSES)[number];

/** The kstatus condition types the reconciler writes. */
export const INVENTORY_CONDITIONS = { ready: 'Ready', reconciling: 'Reconciling', stalled: 'Stalled' } as const;
export type InventoryConditionType = (typeof INVENTORY_CONDITIONS)[keyof typeof INVENTORY_CONDITIONS];

/** One object of the stack, as synth made it. */
export interface InventoryEntry {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly name: string;
  /** The object's `cdk8s-kubeflow.io/content-hash` annotation. */
  readonly hash: string;
}

export interface InventorySpec {
  /** The stack's name (also the object's name and its stack label). */
  readonly stack: string;
  /** Sorted by group, kind, namespace, name. */
  readonly objects: readonly InventoryEntry[];
}

/** A kstatus condition. */
export interface InventoryCondition {
  readonly type: InventoryConditionType;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  /** RFC 3339. */
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}

/** Counts over every tracked object (and orphans). */
export interface InventorySummary {
  readonly objects: number;
  readonly synced: number;
  readonly outOfSync: number;
  readonly missing: number;
  readonly orphaned: number;
  readonly healthy: number;
  readonly progressing: number;
  readonly degraded: number;
  readonly suspended: number;
  readonly unknown: number;
  /** Rows left out of `status.objects` by {@link INVENTORY_ROW_CAP}. */
  readonly rowsOmitted?: number;
}

/** ML progress of an object (job phase, trials, serving readiness, …): free-form, the reconciler's progress extractors define it. */
export type InventoryProgress = Readonly<Record<string, unknown>>;

/** A status row: an object that is not Synced+Healthy, or that carries ML progress. */
export interface InventoryRow {
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly sync: SyncState;
  readonly health: InventoryHealth;
  readonly message?: string;
  readonly progress?: InventoryProgress;
}

export interface InventoryStatus {
  readonly observedGeneration?: number;
  readonly conditions?: readonly InventoryCondition[];
  readonly summary?: InventorySummary;
  readonly objects?: readonly InventoryRow[];
  /** RFC 3339. */
  readonly lastReconcileTime?: string;
}

/** An Inventory object. */
export interface Inventory extends Manifest {
  readonly apiVersion: typeof INVENTORY_API_VERSION;
  readonly kind: typeof INVENTORY_KIND;
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>>; readonly [key: string]: unknown };
  readonly spec: InventorySpec;
  readonly status?: InventoryStatus;
}

/** Whether `m` is an Inventory. */
export function isInventory(m: Pick<Manifest, 'apiVersion' | 'kind'>): m is Inventory {
  return m.apiVersion === INVENTORY_API_VERSION && m.kind === INVENTORY_KIND;
}

/** Orders entries and rows: group, kind, namespace (cluster-scoped first), name. */
export function compareEntries(a: Pick<InventoryEntry, 'group' | 'kind' | 'namespace' | 'name'>, b: Pick<InventoryEntry, 'group' | 'kind' | 'namespace' | 'name'>): number {
  const ka = [a.group, a.kind, a.namespace ?? '', a.name];
  const kb = [b.group, b.kind, b.namespace ?? '', b.name];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** The entry of an object: its identity and content hash. */
export function inventoryEntryOf(m: Manifest): InventoryEntry {
  const name = m.metadata?.name;
  const hash = m.metadata?.annotations?.[ANNOTATIONS.contentHash];
  if (!name) throw new Error(`an inventory lists named objects; ${m.apiVersion} ${m.kind} has no metadata.name`);
  if (!hash) throw new Error(`${m.apiVersion} ${m.kind} ${name} has no ${ANNOTATIONS.contentHash} annotation; inventories list objects as synth stamps them`);
  const slash = m.apiVersion.indexOf('/');
  const namespace = m.metadata?.namespace;
  return { group: groupOf(m.apiVersion), version: m.apiVersion.slice(slash + 1), kind: m.kind, ...(namespace ? { namespace } : {}), name, hash };
}

/**
 * The Inventory of a stack from its rendered objects (each stamped with its content hash; other
 * Inventories among them are left out; an identity listed twice is listed once). Named after the stack and labelled with `labels` plus
 * the stack label; stamped with its own content hash like every object synth writes.
 */
export function inventoryFor(stack: string, objects: readonly Manifest[], labels: Readonly<Record<string, string>> = {}): Inventory {
  // Two objects of one identity are synth's error to report (identity/duplicate); list it once.
  const entries = objects.filter((o) => !isInventory(o)).map(inventoryEntryOf).sort(compareEntries)
    .filter((e, i, all) => i === 0 || compareEntries(all[i - 1], e) !== 0);
  const inventory: Inventory = {
    apiVersion: INVENTORY_API_VERSION,
    kind: INVENTORY_KIND,
    metadata: { name: stack, labels: { ...labels, [LABELS.stack]: stack } },
    spec: { stack, objects: entries },
  };
  return withContentHash(inventory);
}

const CONDITION_SCHEMA = {
  type: 'object',
  required: ['type', 'status'],
  properties: {
    type: { type: 'string' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string' },
    message: { type: 'string' },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
  },
};

const count = { type: 'integer', format: 'int64', minimum: 0 };

/** The Inventory CRD (apiextensions.k8s.io/v1), as data: `npm run inventory-crd` writes it to reconciler/crds/. */
export const INVENTORY_CRD: Manifest = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: INVENTORY_CRD_NAME },
  spec: {
    group: INVENTORY_GROUP,
    scope: 'Cluster',
    names: { kind: INVENTORY_KIND, listKind: `${INVENTORY_KIND}List`, plural: INVENTORY_PLURAL, singular: INVENTORY_KIND.toLowerCase(), shortNames: [INVENTORY_SHORT_NAME] },
    versions: [{
      name: INVENTORY_VERSION,
      served: true,
      storage: true,
      subresources: { status: {} },
      additionalPrinterColumns: [
        { name: 'Stack', type: 'string', jsonPath: '.spec.stack' },
        { name: 'Objects', type: 'integer', jsonPath: '.status.summary.objects' },
        { name: 'Synced', type: 'integer', jsonPath: '.status.summary.synced' },
        { name: 'Healthy', type: 'integer', jsonPath: '.status.summary.healthy' },
        { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
      schema: {
        openAPIV3Schema: {
          type: 'object',
          description: 'The objects of one cdk8s-kubeflow stack (spec, written by synth) and how each is doing in the cluster (status, written by the reconciler).',
          required: ['spec'],
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { type: 'object' },
            spec: {
              type: 'object',
              required: ['stack', 'objects'],
              properties: {
                stack: { type: 'string', minLength: 1, maxLength: 63 },
                objects: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['group', 'version', 'kind', 'name', 'hash'],
                    properties: {
                      group: { type: 'string' },
                      version: { type: 'string', minLength: 1 },
                      kind: { type: 'string', minLength: 1 },
                      namespace: { type: 'string', minLength: 1 },
                      name: { type: 'string', minLength: 1 },
                      hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
                    },
                  },
                },
              },
            },
            status: {
              type: 'object',
              properties: {
                observedGeneration: count,
                conditions: { type: 'array', items: CONDITION_SCHEMA, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
                summary: {
                  type: 'object',
                  properties: Object.fromEntries(['objects', 'synced', 'outOfSync', 'missing', 'orphaned', 'healthy', 'progressing', 'degraded', 'suspended', 'unknown', 'rowsOmitted'].map((k) => [k, count])),
                },
                objects: {
                  type: 'array',
                  maxItems: INVENTORY_ROW_CAP,
                  items: {
                    type: 'object',
                    required: ['group', 'kind', 'name', 'sync', 'health'],
                    properties: {
                      group: { type: 'string' },
                      kind: { type: 'string' },
                      namespace: { type: 'string' },
                      name: { type: 'string' },
                      sync: { type: 'string', enum: [...SYNC_STATES] },
                      health: { type: 'string', enum: [...INVENTORY_HEALTH_STATUSES] },
                      message: { type: 'string' },
                      progress: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                    },
                  },
                },
                lastReconcileTime: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
    }],
  },
};
